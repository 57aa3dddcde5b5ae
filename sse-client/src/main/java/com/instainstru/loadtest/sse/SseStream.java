package com.instainstru.loadtest.sse;

import java.time.Duration;

/**
 * An open SSE stream. A reader (see {@link ReaderThreads}) consumes the socket all the time, stamps each event,
 * hands it to the {@link SseEventListener} and then queues it; samplers take events with {@link #poll}.
 *
 * <p>Thread safety: every method may be called from any thread. {@link #close()} is the way to stop a stream
 * from a JMeter {@code Interruptible.interrupt()} or at test stop.
 */
public interface SseStream extends AutoCloseable {

    /** Name given to {@link SseConnector#open} (used for the reader thread name and in messages). */
    String name();

    SseRequest request();

    /** The first connection's result (reconnects do not replace it). */
    OpenResult openResult();

    /**
     * Next queued event, in arrival order.
     *
     * @return the event, or {@code null} when none came within {@code timeout}; once the stream has ended and the
     *         queue is drained it returns {@code null} at once
     * @throws InterruptedException when the polling thread is interrupted
     */
    SseEvent poll(Duration timeout) throws InterruptedException;

    /**
     * Holds the stream without reading it: waits until it ends or {@code timeout} passes, counting the events
     * queued now and those that arrive meanwhile instead of queueing them (they still reach the listener and
     * every count); afterwards events are queued again. The caller wakes for the end, not for every event.
     *
     * @throws InterruptedException when the holding thread is interrupted
     */
    EventTally countUntilEnd(Duration timeout) throws InterruptedException;

    /** True while the state is {@link StreamState#OPEN} or {@link StreamState#RECONNECTING}. */
    boolean isOpen();

    StreamState state();

    /** Why the stream ended, or {@code null} while it has not. The first reason wins. */
    CloseReason closeReason();

    /** Successful reconnects so far. */
    int reconnectCount();

    /** Gap of the latest successful reconnect in ms (see {@link SseEventListener#onReconnected}), 0 if none. */
    long lastReconnectGapMillis();

    /**
     * Events and comments read off the socket (including those later dropped from the queue); counted once the
     * event is in the queue, so when this says n, n events have been pollable.
     */
    long eventsReceived();

    /** Events dropped because the queue was full (the oldest queued event goes). */
    long droppedEvents();

    /** Response body bytes read off the socket over all connections of this stream. */
    long bytesReceived();

    /** Runtime exceptions thrown by the listener (caught so the reader survives). */
    long listenerFailures();

    /**
     * Ends the stream: idempotent, never blocks on the network, wakes pollers, cancels the HTTP call (closing the
     * socket) so the reader ends promptly. Events still queued stay available to {@link #poll}.
     */
    @Override
    void close();
}
