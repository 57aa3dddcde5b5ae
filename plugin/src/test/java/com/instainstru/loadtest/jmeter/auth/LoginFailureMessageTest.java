package com.instainstru.loadtest.jmeter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.jmeter.samplers.SampleResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.testing.Elements;
import com.instainstru.loadtest.jmeter.testing.JMeterHarness;
import com.sun.net.httpserver.HttpServer;

/** What a failed login says for a redirect and for a two-factor demand (issue 9, item 8). */
class LoginFailureMessageTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aRedirectNamesItsLocation() throws IOException {
        serve(302, Map.of("Location", "https://frontend.example/login?next=%2F"), "");

        SampleResult login = loginOnce();

        assertThat(login.isSuccessful()).isFalse();
        assertThat(login.getResponseMessage())
                .startsWith("login failed for emma.johnson@example.com: HTTP 302")
                .contains(", Location: https://frontend.example/login?next=%2F")
                .contains("[the login URL redirects: set it to the API endpoint (POST /api/v1/auth/login), not a page]");
    }

    @Test
    void aTwoFactorDemandGetsTheTwoFactorHintNotTheCaptchaOne() throws IOException {
        serve(428, Map.of("Content-Type", "application/problem+json"),
                "{\"title\": \"Two-factor authentication required\", \"status\": 428, \"code\": \"TWO_FACTOR_REQUIRED\"}");

        SampleResult login = loginOnce();

        assertThat(login.isSuccessful()).isFalse();
        assertThat(login.getResponseMessage())
                .contains("(code TWO_FACTOR_REQUIRED)")
                .contains("[this account requires two-factor authentication: use accounts without 2FA for load tests]")
                .doesNotContain("CAPTCHA");
    }

    @Test
    void aCaptchaDemandKeepsTheCaptchaHint() throws IOException {
        serve(428, Map.of("Content-Type", "application/problem+json"),
                "{\"title\": \"CAPTCHA required\", \"status\": 428, \"code\": \"CAPTCHA_REQUIRED\"}");

        assertThat(loginOnce().getResponseMessage()).contains("[the server asks for a CAPTCHA");
    }

    private SampleResult loginOnce() {
        FormLoginSampler sampler = Elements.loginAt(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/auth/login", 5_000);
        var results = new JMeterHarness.Plan().group(JMeterHarness.threadGroup("users", 1, 1), sampler).run();
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private void serve(int status, Map<String, String> headers, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }
}
