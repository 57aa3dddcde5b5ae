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
        /**
         * The server ended the response body with a FIN (and no reconnect was allowed or it gave up): after a
         * complete event, or, with its own message, in the middle of one.
         */
        SERVER_EOF,
        /** The server (or something on its side) reset the connection: a TCP RST, not a clean end. */
        CONNECTION_RESET,
        /** The server sent an event (or a line) larger than {@link SseRequest#maxEventBytes()}; never reconnected. */
        EVENT_TOO_LARGE,
        /** No bytes within the request's read timeout. */
        READ_TIMEOUT,
        /** Any other I/O failure (failed reconnect connect, TLS error ...). */
        ERROR,
        /** A reconnect attempt got a non-2xx status or a wrong content type. */
        HTTP_ERROR
    }

    public CloseReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    // One wording per case, used by both transports.

    static CloseReason clientClosed() {
        return new CloseReason(Kind.CLIENT_CLOSED, "");
    }

    static CloseReason serverEnded(boolean midEvent) {
        return new CloseReason(Kind.SERVER_EOF, midEvent ? "server ended the stream in the middle of an event"
                : "server ended the stream");
    }

    static CloseReason connectionReset() {
        return new CloseReason(Kind.CONNECTION_RESET, "connection reset by the server (TCP RST)");
    }

    static CloseReason readTimeout(long millis) {
        return new CloseReason(Kind.READ_TIMEOUT, "no data for " + millis + " ms");
    }

    static CloseReason eventTooLarge(long limit, long seen) {
        return new CloseReason(Kind.EVENT_TOO_LARGE, "server sent an event of more than " + limit + " bytes (seen "
                + seen + " without an end of event)");
    }

    /** A reset for an I/O error that says so (JDK: "Connection reset", "Connection reset by peer"), else ERROR. */
    static CloseReason forFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EventTooLargeException) {
                EventTooLargeException tooLarge = (EventTooLargeException) t;
                return eventTooLarge(tooLarge.limit(), tooLarge.seen());
            }
            String message = t.getMessage();
            if (t instanceof java.io.IOException && message != null
                    && message.toLowerCase(java.util.Locale.ROOT).contains("connection reset")) {
                return connectionReset();
            }
        }
        return new CloseReason(Kind.ERROR, StreamOpening.describe(failure));
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
