package com.instainstru.loadtest.refserver;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AuthAndApiTest {
    private static ReferenceServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withRateLimits(false));
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void loginSetsSessionAndRefreshCookiesAndReturnsOnlyRequires2fa() {
        HttpResponse<String> r = api.loginResponse("sarah.chen@example.com", "Test1234");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"requires_2fa\":false}");
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        List<String> cookies = r.headers().allValues("set-cookie");
        assertThat(cookies).hasSize(2);
        assertThat(cookies.get(0)).matches("sid_preview=[A-Za-z0-9_-]{20,}; HttpOnly; Path=/; SameSite=lax; Max-Age=43200");
        assertThat(cookies.get(1)).matches("rid_preview=[A-Za-z0-9_-]{20,}; HttpOnly; Path=/api/v1/auth/refresh; SameSite=lax; Max-Age=\\d+");
    }

    @Test
    void meAcceptsBearerOrCookieAndRejectsAnythingElse() {
        String token = api.login("emma.johnson@example.com");
        HttpResponse<String> bearer = api.get("/api/v1/auth/me", token);
        assertThat(bearer.statusCode()).isEqualTo(200);
        JsonNode me = Api.json(bearer);
        assertThat(me.path("id").asText()).isEqualTo(SeedData.EMMA_ID);
        assertThat(me.path("email").asText()).isEqualTo("emma.johnson@example.com");
        assertThat(me.path("first_name").asText()).isEqualTo("Emma");
        assertThat(me.path("last_name").asText()).isEqualTo("Johnson");
        assertThat(me.path("roles").get(0).asText()).isEqualTo("student");
        assertThat(me.path("permissions").isArray()).isTrue();

        HttpResponse<String> cookie = api.get("/api/v1/auth/me", null, "Cookie", "other=1; sid_preview=" + token);
        assertThat(cookie.statusCode()).isEqualTo(200);

        assertProblem(api.get("/api/v1/auth/me", null), 401, "AUTH_NOT_AUTHENTICATED");
        assertProblem(api.get("/api/v1/auth/me", "forged-token"), 401, "AUTH_NOT_AUTHENTICATED");
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSame401() {
        HttpResponse<String> wrong = api.loginResponse("sarah.chen@example.com", "nope");
        HttpResponse<String> unknown = api.loginResponse("nobody@example.com", "Test1234");
        assertProblem(wrong, 401, "AUTH_INVALID_CREDENTIALS");
        assertProblem(unknown, 401, "AUTH_INVALID_CREDENTIALS");
        assertThat(Api.json(wrong).path("detail")).isEqualTo(Api.json(unknown).path("detail"));
        assertThat(wrong.headers().allValues("set-cookie")).isEmpty();
    }

    @Test
    void problemJsonHasTheBackendShape() {
        HttpResponse<String> r = api.loginResponse("sarah.chen@example.com", "nope");
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode p = Api.json(r);
        assertThat(Api.fieldNames(p)).containsExactly("type", "title", "status", "detail", "instance", "code", "request_id");
        assertThat(p.path("status").asInt()).isEqualTo(401);
        assertThat(p.path("instance").asText()).isEqualTo("/api/v1/auth/login");
        assertThat(p.path("request_id").asText()).isEqualTo(r.headers().firstValue("x-request-id").orElseThrow());
    }

    @Test
    void malformedLoginBodiesGet422() {
        HttpResponse<String> json = api.send(api.request("/api/v1/auth/login").header("Content-Type", "application/json")
                .header("Origin", Api.ORIGIN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"sarah.chen@example.com\",\"password\":\"Test1234\"}"))
                .build());
        assertProblem(json, 422, "VALIDATION_ERROR");
        HttpResponse<String> missing = api.send(api.request("/api/v1/auth/login")
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", Api.ORIGIN)
                .POST(HttpRequest.BodyPublishers.ofString("username=sarah.chen%40example.com")).build());
        assertProblem(missing, 422, "VALIDATION_ERROR");
    }

    @Test
    void twoFactorAccountGetsAChallengeAndNoCookie() {
        HttpResponse<String> r = api.loginResponse("twofa.user@example.com", "Test1234");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Api.json(r);
        assertThat(body.path("requires_2fa").asBoolean()).isTrue();
        assertThat(body.path("temp_token").asText()).isNotBlank();
        assertThat(r.headers().allValues("set-cookie")).isEmpty();
    }

    @Test
    void deactivatedAccountIsRefused() {
        assertProblem(api.loginResponse("deactivated.user@example.com", "Test1234"), 401, "AUTH_ACCOUNT_DEACTIVATED");
    }

    @Test
    void listsConversationsAndBookingsOfTheCaller() {
        String token = api.login("sarah.chen@example.com");
        JsonNode conversations = Api.json(api.get("/api/v1/conversations", token));
        assertThat(Api.fieldNames(conversations)).containsExactly("conversations", "next_cursor");
        assertThat(conversations.path("next_cursor").isNull()).isTrue();
        assertThat(conversations.path("conversations").get(0).path("id").asText()).isEqualTo(SeedData.CONVERSATION_ID);
        JsonNode bookings = Api.json(api.get("/api/v1/bookings", token));
        assertThat(Api.fieldNames(bookings)).containsExactly("items", "total", "page", "per_page", "has_next", "has_prev");
        assertThat(bookings.path("items").get(0).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(bookings.path("items").get(0).path("id").asText()).isEqualTo(SeedData.BOOKING_ID);
        assertProblem(api.get("/api/v1/conversations", null), 401, "AUTH_NOT_AUTHENTICATED");
    }

    @Test
    void healthUnknownPathsAndWrongMethods() {
        assertThat(api.get("/api/v1/health", null).statusCode()).isEqualTo(200);
        HttpResponse<String> root = api.get("/health", null);
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(Api.json(root).path("status").asText()).isEqualTo("healthy");
        assertProblem(api.get("/api/v1/nothing-here", null), 404, "NOT_FOUND");
        assertProblem(api.get("/api/v1/auth/login", null), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void tokenInBodyModeAlsoReturnsTheAccessToken() {
        try (ReferenceServer old = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withTokenInBody(true))) {
            HttpResponse<String> r = new Api(old).loginResponse("sarah.chen@example.com", "Test1234");
            JsonNode body = Api.json(r);
            assertThat(Api.fieldNames(body)).containsExactly("access_token", "token_type", "requires_2fa");
            assertThat(body.path("token_type").asText()).isEqualTo("bearer");
            assertThat(body.path("access_token").asText()).isEqualTo(Api.sessionCookie(r));
            assertThat(new Api(old).get("/api/v1/auth/me", body.path("access_token").asText()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void loginConcurrencyCapQueuesThenAnswers429EvenWithTheBypass() throws Exception {
        ReferenceServerConfig cfg = ReferenceServerConfig.defaults().withPort(0).withBypassToken("bypass-for-test")
                .withLoginConcurrency(2).withLoginQueueTimeout(Duration.ofMillis(300));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (ReferenceServer gated = ReferenceServer.start(cfg)) {
            gated.faults().setLoginDelayMillis(3000); // far longer than the queue timeout: late callers cannot slip in
            Api gatedApi = new Api(gated);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> gatedApi.loginResponse("sarah.chen@example.com", "Test1234",
                        "X-Rate-Limit-Bypass", "bypass-for-test"), pool));
            }
            List<HttpResponse<String>> results = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> c : calls) {
                results.add(c.get(20, TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn(r -> r.statusCode() == 200).hasSize(2);
            List<HttpResponse<String>> refused = results.stream().filter(r -> r.statusCode() == 429).toList();
            assertThat(refused).hasSize(4);
            assertThat(refused).allSatisfy(r -> {
                assertThat(r.headers().firstValue("retry-after")).isPresent();
                assertThat(Api.json(r).path("code").asText()).isEqualTo("AUTH_LOGIN_BUSY");
            });
        } finally {
            pool.shutdownNow();
        }
    }

    static void assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(Api.json(r).path("code").asText()).isEqualTo(code);
        assertThat(Api.json(r).path("status").asInt()).isEqualTo(status);
    }
}
