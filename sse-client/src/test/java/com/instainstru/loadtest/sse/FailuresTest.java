package com.instainstru.loadtest.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one judgement of a failed attempt both transports use. */
class FailuresTest {

    @Test
    void statusesThePolicyRetriesAndPlainIoErrorsAreRetryable() {
        assertThat(Failures.retryable(new SseHttpException(503, "", Map.of(), ""))).isTrue();
        assertThat(Failures.retryable(new SseHttpException(429, "", Map.of(), ""))).isTrue();
        assertThat(Failures.retryable(new ConnectException("Connection refused"))).isTrue();
    }

    @Test
    void answersThatWouldComeAgainAreNotRetryable() {
        assertThat(Failures.retryable(new SseHttpException(404, "", Map.of(), ""))).isFalse();
        assertThat(Failures.retryable(new SseContentTypeException(200, "text/html", ""))).isFalse();
        assertThat(Failures.retryable(new EventTooLargeException(1024, 2048))).isFalse();
    }

    @Test
    void badStatusAndContentTypeCloseAsHttpErrorsWithTheServersAnswer() {
        SseHttpException status = new SseHttpException(403, "Forbidden", Map.of(), "");
        SseContentTypeException type = new SseContentTypeException(200, "text/html", "<html>");

        assertThat(Failures.closeReason(status))
                .isEqualTo(new CloseReason(CloseReason.Kind.HTTP_ERROR, status.getMessage()));
        assertThat(Failures.closeReason(type))
                .isEqualTo(new CloseReason(CloseReason.Kind.HTTP_ERROR, type.getMessage()));
    }

    @Test
    void otherFailuresCloseAsResetTooLargeOrError() {
        assertThat(Failures.closeReason(new SocketException("Connection reset")).kind())
                .isEqualTo(CloseReason.Kind.CONNECTION_RESET);
        assertThat(Failures.closeReason(new EventTooLargeException(1024, 2048)))
                .isEqualTo(CloseReason.eventTooLarge(1024, 2048));
        assertThat(Failures.closeReason(new IOException("boom")))
                .isEqualTo(new CloseReason(CloseReason.Kind.ERROR, "IOException: boom"));
    }
}
