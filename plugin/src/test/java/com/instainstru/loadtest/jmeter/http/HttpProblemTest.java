package com.instainstru.loadtest.jmeter.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpProblemTest {

    @Test
    void problemJsonGivesDetailCodeAndRetryAfter() {
        String body = "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                + "\"detail\":\"Rate limit exceeded\",\"code\":\"RATE_LIMITED\",\"request_id\":\"r1\"}";
        assertThat(HttpProblem.describe(429, "Too Many Requests", body, "12"))
                .isEqualTo("HTTP 429 Too Many Requests: Rate limit exceeded (code RATE_LIMITED), Retry-After: 12 s");
    }

    @Test
    void validationErrorListIsShownCompactly() {
        String body = "{\"detail\":[{\"loc\":[\"body\",\"content\"],\"msg\":\"too long\"}]}";
        assertThat(HttpProblem.describe(422, "Unprocessable Entity", body, null))
                .startsWith("HTTP 422 Unprocessable Entity: [{\"loc\"").contains("too long");
    }

    @Test
    void plainBodyIsExcerpted() {
        String body = "upstream error\n" + "x".repeat(500);
        String line = HttpProblem.describe(502, "Bad Gateway", body, null);
        assertThat(line).startsWith("HTTP 502 Bad Gateway: upstream error x").endsWith("...");
        assertThat(line.length()).isLessThan(260);
    }

    @Test
    void titleUsedWhenNoDetail() {
        assertThat(HttpProblem.describe(403, "", "{\"title\":\"Forbidden\",\"code\":\"CSRF_ORIGIN_MISMATCH\"}", ""))
                .isEqualTo("HTTP 403: Forbidden (code CSRF_ORIGIN_MISMATCH)");
    }
}
