package com.instainstru.loadtest.jmeter.it;

import static com.instainstru.loadtest.jmeter.testing.Elements.close;
import static com.instainstru.loadtest.jmeter.testing.Elements.headers;
import static com.instainstru.loadtest.jmeter.testing.Elements.hold;
import static com.instainstru.loadtest.jmeter.testing.Elements.open;
import static com.instainstru.loadtest.jmeter.testing.Elements.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.threads.JMeterContextService;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.testing.JMeterHarness;
import com.instainstru.loadtest.jmeter.testing.ReferenceTarget;
import com.instainstru.loadtest.jmeter.testing.Samples;

/**
 * Stopping a test while 200 threads each hold a stream for a minute: every hold is blocked in a poll, and the
 * threads must end within JMeter's thread-stop wait (5 s), not at the end of their holds.
 */
class StopIntegrationTest {

    private static final int THREADS = 200;

    @Test
    void stopTestEndsEveryHoldingThreadPromptly() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            String token = loginToken(target);
            JMeterHarness.Plan plan = new JMeterHarness.Plan()
                    .group(JMeterHarness.threadGroup("holders", THREADS, 1),
                            headers(target),
                            with(with(open(target), "bearerToken", token), "correlate", false),
                            hold("60", true),
                            close(true));
            JMeterHarness.Running running = plan.start();

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (target.server().stats().openStreams() < THREADS && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(target.server().stats().openStreams()).as("streams open before the stop").isEqualTo(THREADS);
            Thread.sleep(300); // let every thread get into its hold

            long stopAt = System.nanoTime();
            running.engine().stopTest(true);
            boolean ended = running.awaitEnd(Duration.ofSeconds(20));
            long stopMillis = (System.nanoTime() - stopAt) / 1_000_000;
            System.out.println("stopTest(true) with " + THREADS + " threads holding streams: test ended after "
                    + stopMillis + " ms");

            assertThat(ended).as("test ended").isTrue();
            assertThat(stopMillis).as("ms from stopTest to the end of the test").isLessThan(10_000);
            assertThat(JMeterContextService.getNumberOfThreads()).isZero();
            List<SampleResult> results = plan.results();
            // Opens all succeeded; holds cut short by the stop are not failures (they record nothing).
            assertThat(Samples.labelled(results, "sse_stream")).hasSize(THREADS).allMatch(SampleResult::isSuccessful);
            // Streams are closed when the threads end.
            deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (target.server().stats().openStreams() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(target.server().stats().openStreams()).as("streams left open on the server").isZero();
        }
    }

    /** One session for all threads, taken outside JMeter: 200 logins would only slow the test down. */
    private static String loginToken(ReferenceTarget target) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String form = "username=" + URLEncoder.encode(ReferenceTarget.SARAH, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(ReferenceTarget.PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/v1/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", target.frontendOrigin())
                .header("X-Rate-Limit-Bypass", target.bypassToken())
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("sid_preview="))
                .map(c -> c.substring("sid_preview=".length(), c.indexOf(';')))
                .findFirst().orElseThrow();
    }
}
