package com.instainstru.loadtest.sse;

/**
 * Callback on the stream's reader thread. Implementations must be quick and must not block: the reader stamps
 * the next event only after this returns. A {@link RuntimeException} thrown here is caught and counted
 * ({@link SseStream#listenerFailures()}); the stream goes on.
 */
@FunctionalInterface
public interface SseEventListener {

    /** A listener that does nothing (events still go to the poll queue). */
    SseEventListener NONE = (stream, event) -> { };

    /** Called right after {@code event} came off the socket, before it is queued for {@link SseStream#poll}. */
    void onEvent(SseStream stream, SseEvent event);

    /** The stream ended (once per opened stream, also for {@link CloseReason.Kind#CLIENT_CLOSED}). */
    default void onClosed(SseStream stream, CloseReason reason) {
    }

    /**
     * The open connection dropped and the stream is reconnecting under its {@link ReconnectPolicy} (once per
     * outage, before the first attempt). {@link #onReconnected} ends the outage, {@link #onClosed} ends the
     * stream if no attempt succeeds.
     *
     * @param cause why the connection dropped (worded as a close reason would be)
     */
    default void onReconnecting(SseStream stream, CloseReason cause) {
    }

    /**
     * The stream reconnected under its {@link ReconnectPolicy}.
     *
     * @param gapMillis from the last event of the dropped connection (or its open, when it had none) to the new
     *                  connection's response headers
     * @param attempt the successful attempt's number within this outage (1 = first try)
     */
    default void onReconnected(SseStream stream, long gapMillis, int attempt) {
    }
}
