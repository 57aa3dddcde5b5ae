package com.instainstru.loadtest.jmeter.auth;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.instainstru.loadtest.jmeter.http.JsonBody;

/**
 * Finds the session token in a 200 login answer. Newer deployments put it only in a cookie
 * ({@code sid_preview} on preview, {@code sid} on prod); older ones also return {@code access_token} in the
 * body. The body wins when present; otherwise the first cookie in the configured order. A body saying
 * {@code requires_2fa: true} means the account cannot be used by a load test, and is reported as such.
 */
public final class TokenExtractor {

    private final String bodyField;
    private final List<String> cookieNames;

    public TokenExtractor(String bodyField, List<String> cookieNames) {
        this.bodyField = bodyField;
        this.cookieNames = List.copyOf(cookieNames);
    }

    public LoginOutcome extract(String body, List<String> setCookieHeaders) {
        JsonNode json = JsonBody.object(body).orElse(null);
        if (json != null && json.path("requires_2fa").asBoolean(false)) {
            return LoginOutcome.failed("account requires two-factor authentication (requires_2fa=true): "
                    + "use an account without 2FA for load tests");
        }
        if (json != null && !bodyField.isBlank()) {
            String fromBody = json.path(bodyField).asText("");
            if (!fromBody.isBlank()) {
                return LoginOutcome.found(fromBody, "body field " + bodyField);
            }
        }
        for (String cookieName : cookieNames) {
            String value = cookieValue(setCookieHeaders, cookieName);
            if (value != null && !value.isBlank()) {
                return LoginOutcome.found(value, "cookie " + cookieName);
            }
        }
        return LoginOutcome.failed("login answered 200 but carried no token: no '" + bodyField
                + "' in the body and none of the cookies " + cookieNames + " was set");
    }

    private static String cookieValue(List<String> setCookieHeaders, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + "=";
        for (String header : setCookieHeaders) {
            String pair = header.split(";", 2)[0].trim();
            if (pair.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return pair.substring(prefix.length());
            }
        }
        return null;
    }
}
