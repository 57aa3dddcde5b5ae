package com.instainstru.loadtest.jmeter.it;

import static com.instainstru.loadtest.jmeter.testing.Elements.login;
import static com.instainstru.loadtest.jmeter.testing.Elements.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.jmeter.samplers.SampleResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.testing.Elements;
import com.instainstru.loadtest.jmeter.testing.JMeterHarness;
import com.instainstru.loadtest.jmeter.testing.ReferenceTarget;
import com.instainstru.loadtest.jmeter.testing.Samples;

/** The login sampler in real JMeter test trees against the reference server. */
class LoginIntegrationTest {

    private static ReferenceTarget target;

    @BeforeAll
    static void startServer() {
        target = ReferenceTarget.start();
    }

    @AfterAll
    static void stopServer() {
        target.close();
    }

    @Test
    void cookieTokenLogsInAndOpensAStream() {
        List<SampleResult> results = new JMeterHarness.Plan()
                .group(JMeterHarness.threadGroup("users", 1, 1),
                        login(target, ReferenceTarget.SARAH, ReferenceTarget.PASSWORD),
                        Elements.with(Elements.open(target), "correlate", false))
                .run();

        SampleResult login = Samples.only(results, "login");
        assertThat(login.isSuccessful()).as(Samples.describe(results)).isTrue();
        assertThat(login.getResponseMessage()).contains("token from cookie sid_preview");
        assertThat(login.getSamplerData()).contains("password=***").doesNotContain(ReferenceTarget.PASSWORD);
        assertThat(login.getSamplerData().split("POST http", -1)).as("the request line once: " + login.getSamplerData())
                .hasSize(2);
        assertThat(login.getRequestHeaders()).contains("X-Rate-Limit-Bypass: ***")
                .doesNotContain(target.bypassToken());
        // The token it left in ${token} is accepted by the stream.
        assertThat(Samples.only(results, "sse_stream").getResponseCode()).isEqualTo("200");
    }

    @Test
    void bodyTokenIsPreferredWhenTheServerSendsOne() {
        try (ReferenceTarget bodyToken = ReferenceTarget.start(c -> c.withTokenInBody(true))) {
            List<SampleResult> results = new JMeterHarness.Plan()
                    .group(JMeterHarness.threadGroup("users", 1, 1),
                            login(bodyToken, ReferenceTarget.EMMA, ReferenceTarget.PASSWORD),
                            Elements.with(Elements.open(bodyToken), "correlate", false))
                    .run();

            SampleResult login = Samples.only(results, "login");
            assertThat(login.isSuccessful()).as(Samples.describe(results)).isTrue();
            assertThat(login.getResponseMessage()).contains("token from body field access_token");
            assertThat(Samples.only(results, "sse_stream").getResponseCode()).isEqualTo("200");
        }
    }

    @Test
    void wrongPasswordSays401WithTheServersReason() {
        SampleResult login = runOneLogin(login(target, ReferenceTarget.SARAH, "wrong-password"));

        assertThat(login.isSuccessful()).isFalse();
        assertThat(login.getResponseCode()).isEqualTo("401");
        assertThat(login.getResponseMessage())
                .contains("login failed for " + ReferenceTarget.SARAH)
                .contains("HTTP 401")
                .contains("Incorrect email or password")
                .contains("AUTH_INVALID_CREDENTIALS")
                .contains("LOADTEST_PASSWORD");
        assertThat(login.getSamplerData()).doesNotContain("wrong-password");
    }

    @Test
    void wrongOriginSays403Csrf() {
        SampleResult login = runOneLogin(with(login(target, ReferenceTarget.SARAH, ReferenceTarget.PASSWORD),
                "origin", "https://evil.example.org"));

        assertThat(login.isSuccessful()).isFalse();
        assertThat(login.getResponseCode()).isEqualTo("403");
        assertThat(login.getResponseMessage()).contains("HTTP 403").contains("CSRF_ORIGIN_MISMATCH")
                .contains("LOADTEST_FRONTEND_ORIGIN");
    }

    @Test
    void twoFactorAccountIsRefusedWithAReason() {
        SampleResult login = runOneLogin(login(target, ReferenceTarget.TWO_FA, ReferenceTarget.PASSWORD));

        assertThat(login.isSuccessful()).isFalse();
        assertThat(login.getResponseMessage()).contains("two-factor").contains("requires_2fa");
    }

    @Test
    void loginRateLimitWithoutBypassSays429WithRetryAfter() {
        // A server of its own: the 20 logins/min per IP window must start empty.
        try (ReferenceTarget limited = ReferenceTarget.start()) {
            List<SampleResult> results = new JMeterHarness.Plan()
                    .group(JMeterHarness.threadGroup("users", 1, 22),
                            with(login(limited, ReferenceTarget.SARAH, ReferenceTarget.PASSWORD), "bypassToken", ""))
                    .run();

            List<SampleResult> logins = Samples.labelled(results, "login");
            assertThat(logins).hasSize(22);
            assertThat(logins.subList(0, 20)).allMatch(SampleResult::isSuccessful);
            SampleResult refused = logins.get(21);
            assertThat(refused.isSuccessful()).isFalse();
            assertThat(refused.getResponseCode()).isEqualTo("429");
            assertThat(refused.getResponseMessage()).contains("HTTP 429").contains("rate limit")
                    .containsPattern("Retry-After: \\d+ s").contains("ramp up more slowly");
        }
    }

    @Test
    void missingInputsAreConfigurationErrors() {
        SampleResult noUrl = runOneLogin(with(login(target, ReferenceTarget.SARAH, ReferenceTarget.PASSWORD), "loginUrl", ""));
        SampleResult noPassword = runOneLogin(login(target, ReferenceTarget.SARAH, ""));
        SampleResult noAccount = runOneLogin(login(target, "", ReferenceTarget.PASSWORD));

        assertThat(noUrl.getResponseCode()).isEqualTo("Configuration error");
        assertThat(noUrl.getResponseMessage()).isEqualTo("Login URL is empty");
        assertThat(noPassword.getResponseMessage()).contains("Password is empty").contains("LOADTEST_PASSWORD");
        assertThat(noAccount.getResponseMessage()).contains("'Accounts' is empty");
    }

    private static SampleResult runOneLogin(org.apache.jmeter.testelement.TestElement login) {
        List<SampleResult> results = new JMeterHarness.Plan()
                .group(JMeterHarness.threadGroup("users", 1, 1), login)
                .run();
        return Samples.only(results, "login");
    }
}
