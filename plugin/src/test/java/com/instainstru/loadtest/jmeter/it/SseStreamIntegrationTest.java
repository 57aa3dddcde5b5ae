package com.instainstru.loadtest.jmeter.it;

import static com.instainstru.loadtest.jmeter.testing.Elements.close;
import static com.instainstru.loadtest.jmeter.testing.Elements.headers;
import static com.instainstru.loadtest.jmeter.testing.Elements.hold;
import static com.instainstru.loadtest.jmeter.testing.Elements.login;
import static com.instainstru.loadtest.jmeter.testing.Elements.open;
import static com.instainstru.loadtest.jmeter.testing.Elements.read;
import static com.instainstru.loadtest.jmeter.testing.Elements.ttfe;
import static com.instainstru.loadtest.jmeter.testing.Elements.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.jmeter.protocol.http.sampler.HTTPSampleResult;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.TestElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.testing.JMeterHarness;
import com.instainstru.loadtest.jmeter.testing.ReferenceTarget;
import com.instainstru.loadtest.jmeter.testing.Samples;

/** Open, read (ttfe), hold and close samplers in real JMeter test trees against the reference server. */
class SseStreamIntegrationTest {

    private static ReferenceTarget target;

    @BeforeAll
    static void startServer() {
        target = ReferenceTarget.start();
    }

    @AfterAll
    static void stopServer() {
        target.close();
    }

    @AfterEach
    void noFaults() {
        target.server().faults().reset();
    }

    @Test
    void openReadHoldAndCloseAStream() {
        List<SampleResult> results = run(
                with(open(target), "correlate", false), ttfe(), hold("2", true), close(true));
        String all = Samples.describe(results);

        List<SampleResult> streamSamples = Samples.labelled(results, "sse_stream");
        assertThat(streamSamples).as(all).hasSize(2);
        SampleResult open = streamSamples.get(0);
        assertThat(open).isInstanceOf(HTTPSampleResult.class);
        assertThat(open.isSuccessful()).as(all).isTrue();
        assertThat(open.getResponseCode()).isEqualTo("200");
        // The sample is the time to the response headers; latency is the same moment, connect time within it.
        assertThat(open.getLatency()).isEqualTo(open.getTime());
        assertThat(open.getConnectTime()).isBetween(0L, open.getLatency());
        assertThat(open.getTime()).isLessThan(5_000);
        assertThat(open.getResponseHeaders()).contains("HTTP/1.1 200").containsIgnoringCase("text/event-stream");
        assertThat(open.getRequestHeaders())
                .contains("Authorization: Bearer ***")
                .contains("X-Rate-Limit-Bypass: ***")
                .doesNotContain(target.bypassToken())
                .doesNotContainPattern("Bearer (?!\\*\\*\\*)");
        assertThat(open.getUrlAsString()).endsWith("/api/v1/messages/stream");

        SampleResult ttfe = Samples.only(results, "ttfe");
        assertThat(ttfe.isSuccessful()).as(all).isTrue();
        assertThat(ttfe.getResponseMessage()).isEqualTo("1 x any event");
        assertThat(ttfe.getResponseDataAsString()).contains("connected");
        // Measured from the stream's headers, so it starts where the open sample ended (not when the read sampler
        // began); the margin absorbs JMeter's own wall-clock bookkeeping on a loaded machine.
        assertThat(ttfe.getStartTime()).as("ttfe start vs open end %d; %s", open.getEndTime(), all)
                .isBetween(open.getEndTime() - 50, open.getEndTime() + 50);
        assertThat(ttfe.getTime()).isLessThan(5_000);

        SampleResult held = streamSamples.get(1);
        assertThat(held.isSuccessful()).as(all).isTrue();
        assertThat(held.getTime()).as("hold of 2 s").isBetween(2_000L, 2_800L);
        assertThat(held.getResponseMessage()).startsWith("held 'messages' 2.");

        SampleResult closed = Samples.only(results, "sse_close");
        assertThat(closed.isSuccessful()).isTrue();
        assertThat(closed.getResponseMessage()).startsWith("closed 'messages' after ");
    }

    @Test
    void aCleanHoldAndCloseRecordNoSamplesByDefault() {
        List<SampleResult> results = run(with(open(target), "correlate", false), hold("0.5", false), close(false));

        assertThat(results).extracting(SampleResult::getSampleLabel).containsExactly("login", "sse_stream");
    }

    @Test
    void streamsStillOpenWhenTheThreadEndsAreClosed() throws InterruptedException {
        run(with(open(target), "correlate", false), hold("0.3", false));

        long deadline = System.nanoTime() + 3_000_000_000L;
        while (target.server().stats().openStreams() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(target.server().stats().openStreams()).as("streams left open on the server").isZero();
    }

    @Test
    void aHoldStopsAtTheThreadGroupsScheduledEndInsteadOfOverrunningTheTest() {
        org.apache.jmeter.threads.ThreadGroup group = JMeterHarness.threadGroup("users", 1, -1);
        group.setScheduler(true);
        group.setDuration(2);
        long start = System.nanoTime();
        List<SampleResult> results = new JMeterHarness.Plan().group(group, headers(target),
                login(target, ReferenceTarget.SARAH, ReferenceTarget.PASSWORD),
                with(open(target), "correlate", false), hold("60", false), close(false)).run();
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(tookMs).as("a 60 s hold in a 2 s test").isLessThan(15_000);
        assertThat(results).as(Samples.describe(results)).allMatch(SampleResult::isSuccessful);
        assertThat(Samples.labelled(results, "sse_stream")).hasSize(1);
    }

    @Test
    void withReconnectOnADropIsResumedAndTheHoldReportsReconnectsAndTheGap() {
        target.server().faults().setCloseAfterSeconds(1);

        List<SampleResult> results = run(
                with(with(with(open(target), "correlate", false), "reconnect", true), "reconnectBaseDelayMs", 200),
                hold("3", true), close(false));
        String all = Samples.describe(results);

        assertThat(Samples.labelled(results, "sse_stream")).as(all).hasSize(2);
        SampleResult held = Samples.labelled(results, "sse_stream").get(1);
        assertThat(held.isSuccessful()).as(all).isTrue();
        assertThat(held.getResponseMessage()).as(all).containsPattern("[1-9]\\d* reconnects \\(last gap \\d+ ms\\)");
    }

    @Test
    void aStreamDroppedDuringTheHoldIsAFailedSample() {
        target.server().faults().setCloseAfterSeconds(1);

        List<SampleResult> results = run(with(open(target), "correlate", false), hold("4", false), close(false));
        String all = Samples.describe(results);

        List<SampleResult> streamSamples = Samples.labelled(results, "sse_stream");
        assertThat(streamSamples).as(all).hasSize(2);
        assertThat(streamSamples.get(0).isSuccessful()).isTrue();
        SampleResult dropped = streamSamples.get(1);
        assertThat(dropped.isSuccessful()).isFalse();
        assertThat(dropped.getResponseCode()).isEqualTo("Stream dropped");
        assertThat(dropped.getResponseMessage()).contains("stream 'messages' dropped after").contains("of a 4.0 s hold");
        assertThat(dropped.getTime()).as("ends when the server closes, not at the end of the hold")
                .isBetween(500L, 3_500L);
    }

    @Test
    void anUnauthorizedOpenFailsWithTheProblemDetailAndLaterStreamSamplersSkip() {
        List<SampleResult> results = run(with(open(target), "bearerToken", "not-a-session-token"),
                ttfe(), hold("1", true), close(true));

        assertThat(results).extracting(SampleResult::getSampleLabel).containsExactly("login", "sse_stream");
        SampleResult open = Samples.only(results, "sse_stream");
        assertThat(open.isSuccessful()).isFalse();
        assertThat(open.getResponseCode()).isEqualTo("401");
        assertThat(open.getResponseMessage()).contains("401").contains("Not authenticated")
                .contains("AUTH_NOT_AUTHENTICATED");
        assertThat(open.getResponseDataAsString()).contains("AUTH_NOT_AUTHENTICATED");
    }

    @Test
    void anAccountWithoutMessagingGets403PermissionDenied() {
        List<SampleResult> results = new JMeterHarness.Plan()
                .group(JMeterHarness.threadGroup("users", 1, 1), headers(target),
                        login(target, "no.messaging@example.com", ReferenceTarget.PASSWORD), open(target))
                .run();

        SampleResult open = Samples.only(results, "sse_stream");
        assertThat(open.isSuccessful()).isFalse();
        assertThat(open.getResponseCode()).isEqualTo("403");
        assertThat(open.getResponseMessage()).contains("PERMISSION_DENIED");
    }

    @Test
    void badInputsFailWithClearMessages() {
        List<SampleResult> results = run(
                named(with(with(open(target), "url", ""), "streamName", "a"), "empty url"),
                named(with(with(open(target), "url", "ftp://127.0.0.1/stream"), "streamName", "b"), "ftp url"),
                named(with(with(open(target), "identity", ""), "streamName", "c"), "no identity"),
                named(with(with(open(target), "eventQueueCapacity", -1), "streamName", "d"), "negative queue"),
                with(open(target), "correlate", false),
                named(hold("two", true), "bad hold"),
                named(hold("-1", true), "negative hold"),
                named(with(read("r", "", 1_000, "sampler start"), "dataRegex", "(["), "bad regex"),
                named(read("r", "", 1_000, "whenever"), "bad measure from"),
                named(with(read("r", "", 1_000, "sampler start"), "streamName", "nope"), "unknown stream"),
                named(with(read("r", "", 1_000, "sampler start"), "count", 0), "zero count"),
                close(false));

        assertThat(message(results, "empty url")).isEqualTo("Stream URL is empty");
        assertThat(message(results, "ftp url")).contains("must be http:// or https://").contains("ftp://127.0.0.1/stream");
        assertThat(message(results, "no identity")).contains("identity is empty");
        assertThat(message(results, "negative queue")).isEqualTo("Event queue capacity must not be negative: -1");
        assertThat(message(results, "bad hold")).isEqualTo("Hold (s) must be a number of seconds, not 'two'");
        assertThat(message(results, "negative hold")).contains("must not be negative");
        assertThat(message(results, "bad regex")).contains("Data regex is not valid").contains("([");
        assertThat(message(results, "bad measure from")).contains("'sampler start' or 'stream open'");
        assertThat(message(results, "unknown stream")).contains("no open stream named 'nope'");
        assertThat(message(results, "zero count")).contains("Count must be at least 1");
        assertThat(Samples.only(results, "unknown stream").getResponseCode()).isEqualTo("No stream");
        assertThat(Samples.only(results, "empty url").getResponseCode()).isEqualTo("Configuration error");
        // The good stream in between opened fine.
        assertThat(Samples.only(results, "sse_stream").isSuccessful()).isTrue();
    }

    private static String message(List<SampleResult> results, String label) {
        SampleResult result = Samples.only(results, label);
        assertThat(result.isSuccessful()).as(label + " should fail").isFalse();
        return result.getResponseMessage();
    }

    private static <T extends TestElement> T named(T element, String name) {
        element.setName(name);
        return element;
    }

    /** One user: Header Manager (bypass), login as Sarah, then the given samplers. */
    private static List<SampleResult> run(TestElement... samplers) {
        TestElement[] children = new TestElement[samplers.length + 2];
        children[0] = headers(target);
        children[1] = login(target, ReferenceTarget.SARAH, ReferenceTarget.PASSWORD);
        System.arraycopy(samplers, 0, children, 2, samplers.length);
        return new JMeterHarness.Plan().group(JMeterHarness.threadGroup("users", 1, 1), children).run();
    }
}
