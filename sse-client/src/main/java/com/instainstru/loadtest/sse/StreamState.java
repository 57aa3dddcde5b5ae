package com.instainstru.loadtest.sse;

/** Lifecycle of an {@link SseStream} after {@link SseConnector#open} returned it. */
public enum StreamState {
    /** Connected; the reader is consuming the socket. */
    OPEN,
    /** The connection dropped and the {@link ReconnectPolicy} is waiting or reconnecting. */
    RECONNECTING,
    /** Ended for good; see {@link SseStream#closeReason()}. */
    CLOSED
}
