package com.instainstru.loadtest.jmeter.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.jmeter.samplers.SampleResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.testing.SamplingContext;
import com.instainstru.loadtest.jmeter.testing.ScriptedSseStream;

/** The hold sampler on a scripted stream: no server, each case in milliseconds. */
class SseHoldSamplerTest {

    private final SamplingContext thread = SamplingContext.fresh();
    private final ScriptedSseStream stream = new ScriptedSseStream();

    @AfterEach
    void leaveTheThreadClean() {
        thread.close();
    }

    private SampleResult hold(String seconds, String emit) {
        return hold(seconds, emit, null);
    }

    /** A hold in a thread whose scheduled end is {@code endsIn} after the stream is open (null: no end). */
    private SampleResult hold(String seconds, String emit, Duration endsIn) {
        ScriptedStreams.open(stream);
        if (endsIn != null) {
            thread.endingIn(endsIn);
        }
        SseHoldSampler hold = new SseHoldSampler();
        hold.setName("hold");
        hold.setStreamName(ScriptedStreams.NAME);
        hold.setHoldSeconds(seconds);
        hold.setEmitSample(emit);
        return hold.sample(null);
    }

    @Test
    void aHoldLastsItsTimeCountingEventsAndComments() {
        stream.event("new_message", "a").comment("keep-alive").event("new_message", "b");

        SampleResult result = hold("0.05", SseHoldSampler.EMIT_ALWAYS);

        assertThat(result.isSuccessful()).as(result.getResponseMessage()).isTrue();
        assertThat(result.isIgnore()).isFalse();
        assertThat(result.getResponseMessage()).startsWith("held 'messages' ").contains(": 2 events, 1 comments");
        assertThat(result.getTime()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void aCleanHoldRecordsNoSampleByDefault() {
        SampleResult result = hold("0.02", SseHoldSampler.EMIT_ON_FAILURE);

        assertThat(result.isSuccessful()).isTrue();
        assertThat(result.isIgnore()).isTrue();
    }

    @Test
    void theThreadsScheduledEndCutsTheHoldWithoutASample() {
        stream.event("new_message", "a");

        SampleResult result = hold("25", SseHoldSampler.EMIT_ALWAYS, Duration.ofMillis(200));

        assertThat(result.isIgnore()).as("a hold cut by the test's end is not an error").isTrue();
        assertThat(result.getTime()).as("ended with the thread, not after 25 s").isLessThan(5_000);
        assertThat(result.getResponseDataAsString()).startsWith("held 'messages' ").contains("1 events");
    }

    @Test
    void aStreamDroppedDuringTheHoldIsAFailedSampleAtOnce() {
        stream.event("new_message", "a").pause(Duration.ofMillis(20)).serverEnds();

        SampleResult result = hold("25", SseHoldSampler.EMIT_ON_FAILURE);

        assertThat(result.isIgnore()).isFalse();
        assertThat(result.isSuccessful()).isFalse();
        assertThat(result.getResponseCode()).isEqualTo("Stream dropped");
        assertThat(result.getResponseMessage()).startsWith("stream 'messages' dropped after ")
                .contains("of a 25.0 s hold: ").contains("server ended the stream");
        assertThat(result.getTime()).as("failed when the stream dropped, not after 25 s").isLessThan(5_000);
    }

    @Test
    void aDropIsReportedEvenWhenTheTestEndsLater() {
        stream.serverEnds();

        SampleResult result = hold("25", SseHoldSampler.EMIT_ON_FAILURE, Duration.ofSeconds(30));

        assertThat(result.getResponseCode()).isEqualTo("Stream dropped");
    }
}
