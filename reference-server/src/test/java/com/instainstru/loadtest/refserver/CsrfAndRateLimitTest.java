package com.instainstru.loadtest.refserver;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static com.instainstru.loadtest.refserver.AuthAndApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class CsrfAndRateLimitTest {
    private static final String BYPASS = "test-bypass-token-123";
    private static final String CONV = SeedData.CONVERSATION_ID;

    @Test
    void writesNeedTheFrontendOriginOrRefererButGetsDoNot() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withRateLimits(false))) {
            Api api = new Api(server);
            String token = api.login("sarah.chen@example.com");
            assertThat(api.sendMessage(token, CONV, "ok").statusCode()).isEqualTo(200);
            assertProblem(api.sendMessage(token, CONV, "bad", "Origin", "https://evil.example.com"), 403, "CSRF_ORIGIN_MISMATCH");
            assertProblem(api.sendMessage(token, CONV, "bad", "Referer", "https://evil.example.com/page"), 403,
                    "CSRF_ORIGIN_MISMATCH");
            assertThat(api.sendMessage(token, CONV, "ok", "Referer", "https://preview.instainstru.com/messages").statusCode())
                    .isEqualTo(200);
            // No Origin and no Referer at all.
            HttpResponse<String> none = api.send(api.request("/api/v1/conversations/" + CONV + "/messages")
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"x\"}")).build());
            assertProblem(none, 403, "CSRF_ORIGIN_MISMATCH");
            // Login is a POST too; the user token does not exempt anything.
            HttpResponse<String> login = api.send(api.request("/api/v1/auth/login")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=a&password=b")).build());
            assertProblem(login, 403, "CSRF_ORIGIN_MISMATCH");
            assertThat(api.get("/api/v1/conversations", token, "Origin", "https://evil.example.com").statusCode()).isEqualTo(200);
        }
        try (ReferenceServer open = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withCsrf(false))) {
            Api api = new Api(open);
            String token = api.login("sarah.chen@example.com");
            assertThat(api.sendMessage(token, CONV, "ok", "Origin", "https://evil.example.com").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void loginLimitIs20PerMinutePerIpAndTheBypassSkipsIt() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withBypassToken(BYPASS))) {
            Api api = new Api(server);
            for (int i = 0; i < 20; i++) {
                assertThat(api.loginResponse("sarah.chen@example.com", "Test1234").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> limited = api.loginResponse("sarah.chen@example.com", "Test1234");
            assertProblem(limited, 429, "RATE_LIMIT_EXCEEDED");
            assertThat(Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 60L);
            assertThat(api.loginResponse("sarah.chen@example.com", "Test1234", "X-Rate-Limit-Bypass", "wrong").statusCode())
                    .isEqualTo(429);
            assertThat(api.loginResponse("sarah.chen@example.com", "Test1234", "X-Rate-Limit-Bypass", BYPASS).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void withoutAConfiguredTokenNoBypassIsPossible() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0))) {
            Api api = new Api(server);
            for (int i = 0; i < 20; i++) {
                api.loginResponse("nobody@example.com", "x", "X-Rate-Limit-Bypass", "anything");
            }
            assertThat(api.loginResponse("sarah.chen@example.com", "Test1234", "X-Rate-Limit-Bypass", "anything")
                    .statusCode()).isEqualTo(429);
        }
    }

    @Test
    void overallLimitIs150PerMinutePerIp() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withBypassToken(BYPASS))) {
            Api api = new Api(server);
            for (int i = 0; i < 150; i++) {
                assertThat(api.get("/api/v1/health", null).statusCode()).isEqualTo(200);
            }
            assertProblem(api.get("/api/v1/health", null), 429, "RATE_LIMIT_EXCEEDED");
            assertThat(api.get("/api/v1/health", null, "X-Rate-Limit-Bypass", BYPASS).statusCode()).isEqualTo(200);
            assertThat(server.stats().rateLimited()).isEqualTo(1);
        }
    }

    @Test
    void writesAreLimitedTo30PerMinutePerIp() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withBypassToken(BYPASS))) {
            Api api = new Api(server);
            String token = api.login("sarah.chen@example.com");
            for (int i = 0; i < 30; i++) {
                assertThat(api.sendMessage(token, CONV, "m" + i).statusCode()).isEqualTo(200);
            }
            assertProblem(api.sendMessage(token, CONV, "one too many"), 429, "RATE_LIMIT_EXCEEDED");
            assertThat(api.sendMessage(token, CONV, "bypassed", "X-Rate-Limit-Bypass", BYPASS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void messagesAreLimitedTo60PerMinutePerUserAndConversation() throws IOException {
        // One IP trips the 30 writes/min limit first, so the 60 messages come from three loopback addresses.
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withBypassToken(BYPASS))) {
            String token = new Api(server).login("sarah.chen@example.com");
            for (int i = 0; i < 60; i++) {
                String from = i < 30 ? "127.0.0.2" : "127.0.0.3";
                assertThat(rawSend(server.port(), from, token)).startsWith("HTTP/1.1 200");
            }
            String limited = rawSend(server.port(), "127.0.0.4", token);
            assertThat(limited).startsWith("HTTP/1.1 429").containsIgnoringCase("retry-after:")
                    .contains("60 messages/min per user and conversation");
        }
    }

    private static String rawSend(int port, String sourceAddress, String token) throws IOException {
        String body = "{\"content\": \"hello\"}";
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port, java.net.InetAddress.getByName(sourceAddress), 0)) {
            s.setSoTimeout(5000);
            String req = "POST /api/v1/conversations/" + CONV + "/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + token + "\r\nOrigin: " + Api.ORIGIN + "\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            s.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void streamConnectsAreLimitedTo5PerMinutePerUser() throws IOException {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withBypassToken(BYPASS))) {
            Api api = new Api(server);
            String token = api.login("emma.johnson@example.com");
            for (int i = 0; i < 5; i++) {
                try (RawStream s = RawStream.openBearer(server.port(), token)) {
                    assertThat(s.status).isEqualTo(200);
                }
            }
            try (RawStream s = RawStream.openBearer(server.port(), token)) {
                assertThat(s.status).isEqualTo(429);
                assertThat(s.header("retry-after")).isNotNull();
                assertThat(Api.json(s.body()).path("code").asText()).isEqualTo("RATE_LIMIT_EXCEEDED");
            }
            try (RawStream s = RawStream.open(server.port(), "/api/v1/messages/stream",
                    java.util.Map.of("Authorization", "Bearer " + token, "X-Rate-Limit-Bypass", BYPASS))) {
                assertThat(s.status).isEqualTo(200);
            }
            // Another user has its own budget.
            try (RawStream s = RawStream.openBearer(server.port(), api.login("sarah.chen@example.com"))) {
                assertThat(s.status).isEqualTo(200);
            }
        }
    }
}
