package com.instainstru.loadtest.jmeter.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.jmeter.protocol.http.control.Header;
import org.apache.jmeter.protocol.http.control.HeaderManager;
import org.apache.jmeter.samplers.SampleResult;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.SampleFailures;
import com.instainstru.loadtest.jmeter.testing.Elements;
import com.instainstru.loadtest.jmeter.testing.JMeterHarness;

/** No exception loses a sample (issue 9): what a sampler's collaborator throws becomes a failed sample. */
class SamplerExceptionTest {

    @Test
    void aHeaderTheHttpClientRejectsIsAFailedLoginSample() {
        // okhttp throws IllegalArgumentException for a header name with a space, before any connection.
        HeaderManager headers = new HeaderManager();
        headers.setName("headers");
        headers.add(new Header("Bad Header", "x"));
        FormLoginSampler sampler = Elements.loginAt("http://127.0.0.1:9/api/v1/auth/login", 2_000);

        List<SampleResult> results = new JMeterHarness.Plan()
                .group(JMeterHarness.threadGroup("users", 1, 1), headers, sampler).run();

        assertThat(results).hasSize(1);
        SampleResult login = results.get(0);
        assertThat(login.getSampleLabel()).isEqualTo("login");
        assertThat(login.isSuccessful()).isFalse();
        assertThat(login.getResponseCode()).isEqualTo("IllegalArgumentException");
        assertThat(login.getResponseMessage())
                .startsWith("sampler error (plugin or client side): java.lang.IllegalArgumentException: ")
                .contains("header name");
    }

    @Test
    void anErrorIsAFailedSampleButThreadDeathStopsTheThread() {
        SampleResult result = new SampleResult();
        result.setSampleLabel("x");

        SampleFailures.guarded(result, () -> {
            throw new StackOverflowError("deep");
        });

        assertThat(result.isSuccessful()).isFalse();
        assertThat(result.getResponseCode()).isEqualTo("StackOverflowError");
        assertThat(result.getResponseMessage()).endsWith("java.lang.StackOverflowError: deep");
        assertThat(result.getEndTime()).isGreaterThanOrEqualTo(result.getStartTime()).isPositive();
        assertThatThrownBy(() -> SampleFailures.guarded(new SampleResult(), () -> {
            throw new ThreadDeath();
        })).isInstanceOf(ThreadDeath.class);
    }
}
