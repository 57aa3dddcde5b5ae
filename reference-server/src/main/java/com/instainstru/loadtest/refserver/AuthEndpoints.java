package com.instainstru.loadtest.refserver;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Login (form, cookies, 2FA, deactivated, concurrency cap), /auth/me and one-time SSE tokens. */
final class AuthEndpoints {
    static final int SESSION_MAX_AGE_SECONDS = 43_200;
    static final int REFRESH_MAX_AGE_SECONDS = 30 * 24 * 3600;

    private final ServerContext server;

    AuthEndpoints(ServerContext server) {
        this.server = server;
    }

    void login(Exchange ex, boolean limited) {
        if (!server.withinLimit(ex, limited, server.rateLimits.loginPerIp, ex.clientIp, "20 logins/min per IP")) {
            return;
        }
        String contentType = ex.headers.get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            ex.problem(HttpResponseStatus.UNPROCESSABLE_ENTITY, "VALIDATION_ERROR",
                    "login expects an application/x-www-form-urlencoded form with username and password");
            return;
        }
        Map<String, List<String>> form = new QueryStringDecoder(
                new String(ex.body, StandardCharsets.UTF_8), StandardCharsets.UTF_8, false).parameters();
        String username = first(form, "username");
        String password = first(form, "password");
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            ex.problem(HttpResponseStatus.UNPROCESSABLE_ENTITY, "VALIDATION_ERROR",
                    "form fields username and password are required");
            return;
        }
        // The concurrency cap applies even with the rate-limit bypass, like the backend's.
        server.loginGate.enter(ex.ctx.executor(),
                () -> verifyAfterDelay(ex, username, password),
                () -> ex.tooManyRequests("AUTH_LOGIN_BUSY",
                        "too many concurrent logins, try again shortly", 1));
    }

    private void verifyAfterDelay(Exchange ex, String username, String password) {
        long delay = server.faults.loginDelayMillis();
        Runnable verify = () -> {
            try {
                verify(ex, username, password);
            } finally {
                server.loginGate.release();
            }
        };
        if (delay > 0) {
            ex.ctx.executor().schedule(verify, delay, TimeUnit.MILLISECONDS);
        } else {
            verify.run();
        }
    }

    private void verify(Exchange ex, String username, String password) {
        Optional<SeedUser> found = server.seed.userByEmail(username.trim());
        if (found.isEmpty() || !found.get().password().equals(password)) {
            ex.problem(HttpResponseStatus.UNAUTHORIZED, "AUTH_INVALID_CREDENTIALS", "Incorrect email or password");
            return;
        }
        SeedUser user = found.get();
        if (!user.active()) {
            ex.problem(HttpResponseStatus.UNAUTHORIZED, "AUTH_ACCOUNT_DEACTIVATED", "This account is deactivated");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (user.twoFactor()) {
            body.put("requires_2fa", true);
            body.put("temp_token", server.sessions.randomToken());
            ex.json(HttpResponseStatus.OK, body);
            return;
        }
        String token = server.sessions.newSession(user.id());
        server.stats.logins.incrementAndGet();
        if (server.config.tokenInBody()) {
            body.put("access_token", token);
            body.put("token_type", "bearer");
        }
        body.put("requires_2fa", false);
        HttpHeaders cookies = new DefaultHttpHeaders();
        cookies.add(HttpHeaderNames.SET_COOKIE, server.config.sessionCookieName() + "=" + token
                + "; HttpOnly; Path=/; SameSite=lax; Max-Age=" + SESSION_MAX_AGE_SECONDS);
        cookies.add(HttpHeaderNames.SET_COOKIE, server.config.refreshCookieName() + "=" + server.sessions.randomToken()
                + "; HttpOnly; Path=/api/v1/auth/refresh; SameSite=lax; Max-Age=" + REFRESH_MAX_AGE_SECONDS);
        ex.json(HttpResponseStatus.OK, body, cookies);
    }

    void me(Exchange ex) {
        Optional<SeedUser> user = server.authenticate(ex);
        if (user.isEmpty()) {
            unauthorized(ex);
            return;
        }
        SeedUser u = user.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", u.id());
        body.put("email", u.email());
        body.put("first_name", u.firstName());
        body.put("last_name", u.lastName());
        body.put("is_active", u.active());
        body.put("roles", u.roles());
        body.put("permissions", u.permissions());
        ex.json(HttpResponseStatus.OK, body);
    }

    void sseToken(Exchange ex) {
        Optional<SeedUser> user = server.authenticate(ex);
        if (user.isEmpty()) {
            unauthorized(ex);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", server.sessions.newSseToken(user.get().id()));
        body.put("expires_in", SessionStore.SSE_TOKEN_TTL_MILLIS / 1000);
        ex.json(HttpResponseStatus.OK, body);
    }

    static void unauthorized(Exchange ex) {
        HttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
        ex.problem(HttpResponseStatus.UNAUTHORIZED, "AUTH_NOT_AUTHENTICATED", "Not authenticated", h);
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
