package com.instainstru.loadtest.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SseHttpExceptionTest {

    @Test
    void problemJsonWithEscapesAndTitleFallback() {
        SseHttpException e = new SseHttpException(403, "Forbidden", Map.of(),
                "{\"title\": \"No \\\"messaging\\\" permission \\u00e9\", \"code\": \"PERMISSION_DENIED\"}");
        assertThat(e.getMessage())
                .isEqualTo("HTTP 403 Forbidden: No \"messaging\" permission \u00e9 (code PERMISSION_DENIED)");
    }

    @Test
    void codeWithoutDetail() {
        assertThat(new SseHttpException(422, "", Map.of(), "{\"code\": \"VALIDATION\"}").getMessage())
                .isEqualTo("HTTP 422 Unprocessable Content: code VALIDATION");
    }

    @Test
    void truncatedJsonStillYieldsWhatIsComplete() {
        SseHttpException e = new SseHttpException(429, "", Map.of("retry-after", List.of("30")),
                "{\"detail\": \"Too many SSE connects\", \"code\": \"RATE_LIM");
        assertThat(e.getMessage()).isEqualTo("HTTP 429 Too Many Requests: Too many SSE connects, Retry-After: 30");
        assertThat(e.problemCode()).isNull();
    }

    @Test
    void unknownStatusUsesTheServerReasonAndEmptyBodyAddsNothing() {
        assertThat(new SseHttpException(599, "Custom Reason", Map.of(), "").getMessage())
                .isEqualTo("HTTP 599 Custom Reason");
        assertThat(new SseHttpException(599, "", Map.of(), " ").getMessage()).isEqualTo("HTTP 599");
    }

    @Test
    void longPlainBodyIsCutInTheMessage() {
        String msg = new SseHttpException(502, "", Map.of(), "<html>" + "x".repeat(500) + "</html>").getMessage();
        assertThat(msg).startsWith("HTTP 502 Bad Gateway: <html>xxx").endsWith("...").hasSizeLessThan(240);
    }

    @Test
    void redactionHidesSecretsButKeepsTheScheme() {
        okhttp3.Headers h = okhttp3.Headers.of("Authorization", "Bearer abc", "Cookie", "sid=1",
                "X-Rate-Limit-Bypass", "zzz", "X-Csrf-Token", "t", "Accept", "text/event-stream");
        assertThat(HeaderMaps.redactedLines(h)).isEqualTo("Authorization: Bearer <redacted>\nCookie: <redacted>\n"
                + "X-Rate-Limit-Bypass: <redacted>\nX-Csrf-Token: <redacted>\nAccept: text/event-stream\n");
        assertThat(HeaderMaps.redact("Authorization", "opaque")).isEqualTo("<redacted>");
    }

    @Test
    void contentTypeCheckAcceptsParametersAndCase() {
        assertThat(ConnectionProbe.isEventStream("text/event-stream")).isTrue();
        assertThat(ConnectionProbe.isEventStream("Text/Event-Stream; charset=utf-8")).isTrue();
        assertThat(ConnectionProbe.isEventStream("application/json")).isFalse();
        assertThat(ConnectionProbe.isEventStream("text/event-streams")).isFalse();
        assertThat(ConnectionProbe.isEventStream(null)).isFalse();
    }
}
