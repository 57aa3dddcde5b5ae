package com.instainstru.loadtest.jmeter.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.jmeter.protocol.http.control.Cookie;
import org.apache.jmeter.protocol.http.control.CookieManager;
import org.apache.jmeter.protocol.http.control.Header;
import org.apache.jmeter.protocol.http.control.HeaderManager;
import org.apache.jmeter.samplers.SampleResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.SampleFailures;
import com.instainstru.loadtest.jmeter.testing.SamplingContext;
import com.instainstru.loadtest.jmeter.testing.ScriptedSseConnector;
import com.instainstru.loadtest.jmeter.testing.ScriptedSseStream;
import com.instainstru.loadtest.sse.SseRequest;

/** The open sampler through its connector seam: what it asks the connector for, without a server. */
class SseOpenSamplerTest {

    private final SamplingContext thread = SamplingContext.fresh();
    private final ScriptedSseConnector connector = new ScriptedSseConnector(new ScriptedSseStream());

    @AfterEach
    void leaveTheThreadClean() {
        thread.close();
    }

    @Test
    void theManagersInScopeGiveTheStreamItsHeadersAndCookies() {
        HeaderManager headers = new HeaderManager();
        headers.add(new Header("Origin", "http://127.0.0.1"));
        headers.add(new Header("X-Blank", " "));
        CookieManager cookies = new CookieManager();
        cookies.testStarted();
        cookies.add(new Cookie("sid", "s3cr3t", "127.0.0.1", "/", false, 0));
        SseOpenSampler open = ScriptedStreams.opener(connector);
        open.setBearerToken("t0k3n");
        open.addTestElement(headers);
        open.addTestElement(cookies);

        SampleResult result = open.sample(null);

        assertThat(result.isSuccessful()).as(result.getResponseMessage()).isTrue();
        SseRequest request = connector.requests().get(0);
        assertThat(request.header("Origin")).isEqualTo("http://127.0.0.1");
        assertThat(request.header("X-Blank")).as("blank header values are left out").isNull();
        assertThat(request.header("Cookie")).isEqualTo("sid=s3cr3t");
        assertThat(request.header("Authorization")).isEqualTo("Bearer t0k3n");
        assertThat(result.getRequestHeaders()).doesNotContain("s3cr3t", "t0k3n");
    }

    /** Issue 10: a backend without a greeting; the stream is expected from its 200, before any event. */
    @Test
    void theResponseHeadersRuleMakesAStreamListeningBeforeItsFirstEvent() {
        com.instainstru.loadtest.correlation.DeliveryLedger ledger =
                com.instainstru.loadtest.correlation.DeliveryLedger.shared();
        ledger.reset();
        for (String rule : new String[] {"first event", "response headers"}) {
            SseOpenSampler open = ScriptedStreams.opener(new ScriptedSseConnector(new ScriptedSseStream()));
            open.setCorrelate(true);
            open.setIdentity("emma@example.com");
            open.setListeningRule(rule);
            long before = ledger.snapshot().streamsListening();

            SampleResult result = open.sample(null);

            assertThat(result.isSuccessful()).as(result.getResponseMessage()).isTrue();
            assertThat(ledger.snapshot().streamsListening() - before).as(rule)
                    .isEqualTo(rule.equals("first event") ? 0 : 1);
            assertThat(result.getResponseMessage())
                    .isEqualTo(rule.equals("first event") ? "OK" : "OK; listening from the response headers");
        }
    }

    @Test
    void anUnknownListeningRuleIsAConfigurationError() {
        SseOpenSampler open = ScriptedStreams.opener(connector);
        open.setListeningRule("when it feels like it");
        SampleResult result = open.sample(null);
        assertThat(result.getResponseCode()).isEqualTo(SampleFailures.CONFIGURATION_ERROR);
        assertThat(result.getResponseMessage()).isEqualTo(
                "Listening rule must be 'first event' or 'response headers', not 'when it feels like it'");
        assertThat(connector.requests()).isEmpty();
    }

    @Test
    void aConfigurationErrorOpensNothingAndLaterSamplersOnTheStreamSkipQuietly() {
        SseOpenSampler open = ScriptedStreams.opener(connector);
        open.setUrl("ftp://127.0.0.1/stream");

        SampleResult result = open.sample(null);
        SseReadSampler read = new SseReadSampler();
        read.setStreamName(ScriptedStreams.NAME);
        SampleResult skipped = read.sample(null);

        assertThat(result.isSuccessful()).isFalse();
        assertThat(result.getResponseCode()).isEqualTo(SampleFailures.CONFIGURATION_ERROR);
        assertThat(result.getResponseMessage())
                .isEqualTo("Stream URL must be http:// or https://: 'ftp://127.0.0.1/stream'");
        assertThat(connector.requests()).isEmpty();
        assertThat(skipped.isIgnore()).as("the open's failure is counted once, on the open").isTrue();
    }
}
