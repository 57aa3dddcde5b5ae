package com.instainstru.loadtest.sse;

import java.util.Objects;

/**
 * Why a stream ended. {@link #message()} is a human-readable detail (never contains request headers).
 *
 * @param kind the category samplers and reports key on
 * @param message detail, e.g. the I/O error or the {@link SseHttpException} message of a failed reconnect
 */
public record CloseReason(Kind kind, String message) {

    /** Categories of stream end. */
    public enum Kind {
        /** {@link SseStream#close()} (or the connector was closed). Not an error. */
        CLIENT_CLOSED,
        /** The server ended the response body (and no reconnect was allowed or it gave up). */
        SERVER_EOF,
        /** No bytes within the request's read timeout. */
        READ_TIMEOUT,
        /** Any other I/O failure (connection reset, failed reconnect connect ...). */
        ERROR,
        /** A reconnect attempt got a non-2xx status or a wrong content type. */
        HTTP_ERROR
    }

    public CloseReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** True unless the client closed the stream itself. */
    public boolean isError() {
        return kind != Kind.CLIENT_CLOSED;
    }

    @Override
    public String toString() {
        return message.isEmpty() ? kind.name() : kind + ": " + message;
    }
}
