package com.instainstru.loadtest.jmeter.http;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns an error response into one line a person can act on: status, the problem-JSON {@code code} and
 * {@code detail} when the body is problem-JSON, and {@code Retry-After} when the server sent one.
 */
public final class HttpProblem {

    private HttpProblem() {
    }

    public static String describe(int status, String reason, String body, String retryAfter) {
        StringBuilder line = new StringBuilder("HTTP ").append(status);
        if (reason != null && !reason.isBlank()) {
            line.append(' ').append(reason);
        }
        Optional<JsonNode> problem = JsonBody.object(body);
        String code = problem.map(p -> text(p, "code")).orElse(null);
        String detail = problem.map(p -> firstNonBlank(text(p, "detail"), text(p, "title"))).orElse(null);
        if (detail != null) {
            line.append(": ").append(detail);
        } else if (body != null && !body.isBlank() && problem.isEmpty()) {
            line.append(": ").append(excerpt(body, 200));
        }
        if (code != null) {
            line.append(" (code ").append(code).append(')');
        }
        if (retryAfter != null && !retryAfter.isBlank()) {
            line.append(", Retry-After: ").append(retryAfter).append(" s");
        }
        return line.toString();
    }

    static String excerpt(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "...";
    }


    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        // FastAPI validation errors put a list in detail; show it compactly rather than not at all.
        return value.isValueNode() ? value.asText() : excerpt(value.toString(), 200);
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
