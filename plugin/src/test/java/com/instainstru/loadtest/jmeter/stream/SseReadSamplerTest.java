package com.instainstru.loadtest.jmeter.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.jmeter.samplers.SampleResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.testing.SamplingContext;
import com.instainstru.loadtest.jmeter.testing.ScriptedSseStream;

/** The read sampler on a scripted stream: no server, each case in milliseconds. */
class SseReadSamplerTest {

    private final SamplingContext thread = SamplingContext.fresh();
    private final ScriptedSseStream stream = new ScriptedSseStream();

    @AfterEach
    void leaveTheThreadClean() {
        thread.close();
    }

    private SampleResult read(int count, int timeoutMs) {
        ScriptedStreams.open(stream);
        return reader(count, timeoutMs).sample(null);
    }

    private static SseReadSampler reader(int count, int timeoutMs) {
        SseReadSampler read = new SseReadSampler();
        read.setName("read");
        read.setStreamName(ScriptedStreams.NAME);
        read.setEventName("new_message");
        read.setCount(count);
        read.setTimeoutMs(timeoutMs);
        return read;
    }

    @Test
    void theMatchingEventsEndTheReadWhenTheLastOneArrives() {
        stream.event("ping", "{}").event("new_message", "a", "1").event("new_message", "b", "2");

        SampleResult result = read(2, 10_000);

        assertThat(result.isSuccessful()).as(result.getResponseMessage()).isTrue();
        assertThat(result.getResponseMessage()).startsWith("2 x ");
        assertThat(result.getTime()).as("ended by the events, not the 10 s timeout").isLessThan(5_000);
        assertThat(thread.variables().get("sse_count")).isEqualTo("2");
        assertThat(thread.variables().get("sse_data")).isEqualTo("b");
        assertThat(thread.variables().get("sse_id")).isEqualTo("2");
    }

    @Test
    void noMatchingEventWithinTheTimeoutIsATimeout() {
        stream.event("ping", "{}");

        SampleResult result = read(1, 50);

        assertThat(result.isSuccessful()).isFalse();
        assertThat(result.getResponseCode()).isEqualTo("Timeout");
        assertThat(result.getResponseMessage()).startsWith("timed out after 50 ms waiting for 1 x ")
                .endsWith("(got 0, saw 1 other events)");
        assertThat(result.getTime()).as("the read waits the whole timeout").isGreaterThanOrEqualTo(50);
        assertThat(thread.variables().get("sse_count")).isEqualTo("0");
    }

    @Test
    void fewerMatchesThanTheCountIsAPartialRead() {
        stream.event("new_message", "a").pause(Duration.ofMillis(10)).event("new_message", "b");

        SampleResult result = read(3, 60);

        assertThat(result.isSuccessful()).isFalse();
        assertThat(result.getResponseCode()).isEqualTo("Partial");
        assertThat(result.getResponseMessage()).startsWith("timed out after 60 ms waiting for 3 x ")
                .contains("(got 2, saw 2 other events)");
        assertThat(result.getBodySize()).as("bytes of the events read").isPositive();
        assertThat(thread.variables().get("sse_count")).isEqualTo("2");
        assertThat(thread.variables().get("sse_data")).isEqualTo("b");
    }

    @Test
    void aStreamThatEndsMidReadFailsAtOnceNotAtTheTimeout() {
        stream.event("new_message", "a").serverEnds();

        SampleResult result = read(2, 10_000);

        assertThat(result.isSuccessful()).isFalse();
        assertThat(result.getResponseCode()).isEqualTo("Partial");
        assertThat(result.getResponseMessage()).startsWith("stream 'messages' ended before ")
                .contains("server ended the stream");
        assertThat(result.getTime()).as("failed when the stream ended, not after the 10 s timeout")
                .isLessThan(5_000);
    }

    @Test
    void aStreamThatEndsBeforeAnyMatchIsATimeoutCodeSayingItEnded() {
        stream.serverEnds();

        SampleResult result = read(1, 10_000);

        assertThat(result.getResponseCode()).isEqualTo("Timeout");
        assertThat(result.getResponseMessage()).startsWith("stream 'messages' ended before ");
    }

    @Test
    void aTestStopInterruptsAWaitingRead() throws InterruptedException {
        ScriptedStreams.open(stream);
        SseReadSampler read = reader(1, 30_000);
        Thread stopper = new Thread(() -> {
            while (!read.interrupt()) { // true once the read is sampling: JMeter's stop then wakes it
                Thread.onSpinWait();
            }
        }, "test stop");
        stopper.setDaemon(true);
        stopper.start();

        SampleResult result = read.sample(null);
        boolean interrupted = Thread.interrupted(); // the sampler keeps the thread's interrupt for JMeter
        stopper.join(5_000);

        assertThat(interrupted).isTrue();
        assertThat(result.isSuccessful()).isFalse();
        assertThat(result.getResponseMessage()).isEqualTo("interrupted: test stopping");
        assertThat(result.getTime()).as("woken by the stop, not after the 30 s timeout").isLessThan(5_000);
    }
}
