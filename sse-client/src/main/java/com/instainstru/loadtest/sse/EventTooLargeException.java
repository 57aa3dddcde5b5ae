package com.instainstru.loadtest.sse;

import java.io.IOException;

/** The server sent more than {@link SseRequest#maxEventBytes()} without an end of event; the stream ends. */
final class EventTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;
    private final long seen;

    EventTooLargeException(long limit, long seen) {
        super(CloseReason.eventTooLarge(limit, seen).message());
        this.limit = limit;
        this.seen = seen;
    }

    long limit() {
        return limit;
    }

    long seen() {
        return seen;
    }
}
