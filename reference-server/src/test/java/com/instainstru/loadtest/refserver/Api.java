package com.instainstru.loadtest.refserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** java.net.http helpers for the non-streaming endpoints. */
final class Api {
    static final String ORIGIN = "https://preview.instainstru.com";
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    Api(ReferenceServer server) {
        this.baseUrl = server.baseUrl();
    }

    HttpResponse<String> loginResponse(String email, String password, String... extraHeaders) {
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest.Builder b = request("/api/v1/auth/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", ORIGIN)
                .POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        return send(b.build());
    }

    /** Logs in and returns the session token taken from the sid_preview cookie. */
    String login(String email) {
        HttpResponse<String> r = loginResponse(email, SeedData.DEFAULT_PASSWORD);
        if (r.statusCode() != 200) {
            throw new AssertionError("login of " + email + " failed: " + r.statusCode() + " " + r.body());
        }
        return sessionCookie(r);
    }

    static String sessionCookie(HttpResponse<String> r) {
        for (String c : r.headers().allValues("set-cookie")) {
            if (c.startsWith("sid_preview=")) {
                return c.substring("sid_preview=".length(), c.indexOf(';'));
            }
        }
        throw new AssertionError("no sid_preview cookie in " + r.headers().map());
    }

    HttpResponse<String> get(String path, String token, String... extraHeaders) {
        HttpRequest.Builder b = request(path).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        return send(b.build());
    }

    HttpResponse<String> postJson(String path, String token, String json, String... extraHeaders) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        boolean hasOrigin = false;
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
            hasOrigin |= extraHeaders[i].equalsIgnoreCase("Origin") || extraHeaders[i].equalsIgnoreCase("Referer");
        }
        if (!hasOrigin) {
            b.header("Origin", ORIGIN);
        }
        return send(b.build());
    }

    HttpResponse<String> sendMessage(String token, String conversationId, String content, String... extraHeaders) {
        return postJson("/api/v1/conversations/" + conversationId + "/messages", token,
                jsonString(Map.of("content", content)), extraHeaders);
    }

    static String jsonString(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
