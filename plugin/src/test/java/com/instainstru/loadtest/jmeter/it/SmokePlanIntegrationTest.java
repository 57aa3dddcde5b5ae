package com.instainstru.loadtest.jmeter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.services.FileServer;
import org.apache.jmeter.util.JMeterUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.testing.ReferenceTarget;
import com.instainstru.loadtest.jmeter.testing.Samples;

/** Runs plans/s0_smoke.jmx itself, shortened to 15 s, against the reference server. */
class SmokePlanIntegrationTest {

    private final Map<String, String> properties = new LinkedHashMap<>();

    @AfterEach
    void forgetProperties() {
        if (JMeterUtils.getJMeterProperties() != null) {
            properties.keySet().forEach(JMeterUtils.getJMeterProperties()::remove);
        }
        FileServer.getFileServer().resetBase();
    }

    /** Issue 10: the backend's paths and event names are properties; the plan follows them (here to 404s). */
    @Test
    void backendPathsAndEventNamesAreProperties() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            smokeProperties(target);
            properties.put("duration", "6");
            properties.put("weight_auth_check", "1");
            properties.put("LOADTEST_STREAM_PATH", "/api/v1/elsewhere/stream");
            properties.put("LOADTEST_SEND_PATH", "/api/v1/elsewhere/${conversation_id}/send");
            properties.put("LOADTEST_AUTH_CHECK_PATH", "/api/v1/elsewhere/me");
            List<SampleResult> results = runSmokePlan();

            assertThat(Samples.labelled(results, "login")).allMatch(SampleResult::isSuccessful);
            List<SampleResult> streams = Samples.labelled(results, "sse_stream");
            assertThat(streams).isNotEmpty().allSatisfy(r -> {
                assertThat(r.isSuccessful()).isFalse();
                assertThat(r.getUrlAsString()).endsWith("/api/v1/elsewhere/stream");
                assertThat(r.getResponseCode()).isEqualTo("404");
            });
            assertThat(Samples.labelled(results, "send_message")).isNotEmpty().allSatisfy(r ->
                    assertThat(r.getUrlAsString()).matches(".*/api/v1/elsewhere/[^/]+/send"));
            assertThat(Samples.labelled(results, "auth_check")).isNotEmpty().allSatisfy(r ->
                    assertThat(r.getUrlAsString()).endsWith("/api/v1/elsewhere/me"));
        }
    }

    private void smokeProperties(ReferenceTarget target) {
        properties.putAll(shortSmoke(target));
    }

    /** S0 shortened for a test: 6 users at once, 2 s holds, short think times, more sends (duration not set). */
    static Map<String, String> shortSmoke(ReferenceTarget target) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("users", "6");
        properties.put("spawn_rate", "6");
        properties.put("LOADTEST_SSE_HOLD_SECONDS", "2");
        properties.put("LOADTEST_BASE_URL", target.baseUrl());
        properties.put("LOADTEST_FRONTEND_ORIGIN", target.frontendOrigin());
        properties.put("LOADTEST_PASSWORD", ReferenceTarget.PASSWORD);
        properties.put("LOADTEST_BYPASS_TOKEN", target.bypassToken());
        properties.put("think_min_ms", "200");
        properties.put("think_range_ms", "300");
        properties.put("weight_send_message", "2");
        return properties;
    }

    private List<SampleResult> runSmokePlan() throws Exception {
        return ScenarioPlans.run("s0_smoke.jmx", properties);
    }

    @Test
    void smokePlanRunsCleanAndMeasuresEveryLabel() throws Exception {
        try (ReferenceTarget target = ReferenceTarget.start()) {
            smokeProperties(target);
            properties.put("duration", "15");
            long start = System.nanoTime();
            List<SampleResult> results = runSmokePlan();
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;

            Map<String, Integer> counts = new TreeMap<>();
            results.forEach(r -> counts.merge(r.getSampleLabel(), 1, Integer::sum));
            System.out.println("s0_smoke.jmx in-process for " + seconds + " s: " + counts);

            assertThat(results).as(failures(results)).allMatch(SampleResult::isSuccessful);
            assertThat(counts.keySet()).contains("login", "auth_check", "sse_stream", "ttfe", "send_message",
                    "e2e_full_latency", "e2e_fanout_complete");
            assertThat(counts.get("login")).isEqualTo(6);
            assertThat(seconds).as("the plan's duration bounds the run").isLessThan(40);
            // Secrets stay out of every sample: the plugin's own never record them, and the plan's Mask Secrets
            // post-processor cleans JMeter's own HTTP sampler (auth_check) too.
            for (SampleResult r : results) {
                String shown = r.getRequestHeaders() + r.getSamplerData() + r.getResponseHeaders() + r.getResponseMessage();
                assertThat(shown).as(r.getSampleLabel()).doesNotContain(target.bypassToken())
                        .doesNotContain("password=" + ReferenceTarget.PASSWORD);
            }
            assertThat(Samples.labelled(results, "auth_check").get(0).getRequestHeaders())
                    .contains("X-Rate-Limit-Bypass: ***").contains("Authorization: Bearer ***");
        }
    }

    private static String failures(List<SampleResult> results) {
        return Samples.describe(results.stream().filter(r -> !r.isSuccessful()).toList());
    }
}
