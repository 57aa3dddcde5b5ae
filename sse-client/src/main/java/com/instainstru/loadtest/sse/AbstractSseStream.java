package com.instainstru.loadtest.sse;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What both transports' streams keep and do the same way: the state other threads read, the event queue, the
 * opening future, and the listener calls (a listener's {@link RuntimeException} is counted, never propagated).
 *
 * <p>Threads: each stream has one <em>delivering thread</em> that reads, reconnects and calls these methods
 * (Netty: the stream's event loop; okhttp: its reader thread). Any thread may call the {@link SseStream} methods,
 * {@link #close()} (through the subclass) and {@link #awaitOpen()}.
 */
abstract class AbstractSseStream implements SseStream {

    private final String name;
    private final SseRequest request;
    private final SseEventListener listener;
    private final EventQueue queue;
    private final Consumer<SseStream> onEnd;
    private final CompletableFuture<OpenResult> opened = new CompletableFuture<>();
    // set by close() on any thread, read by the delivering thread: atomic, so only the first close() acts
    private final AtomicBoolean closing = new AtomicBoolean();
    // set by close() and by the delivering thread's end: the first reason wins
    private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
    // written by the delivering thread and by close(), read by any thread
    private volatile StreamState state = StreamState.OPEN;
    // written by the delivering thread only, read by any thread: volatile is enough for a single writer
    private volatile OpenResult openResult;
    private volatile int reconnectCount;
    private volatile long lastReconnectGapMillis;
    // written by the delivering thread, read by any thread; atomic so a count can never lose an increment
    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    // delivering thread only: plain
    private long lastActivityNanos;

    /** @param onEnd told once the stream has ended or failed to open (the connector forgets it) */
    AbstractSseStream(String name, SseRequest request, SseEventListener listener, Consumer<SseStream> onEnd) {
        this.name = name;
        this.request = request;
        this.listener = listener;
        this.onEnd = onEnd;
        this.queue = new EventQueue(request.queueCapacity());
    }

    /** Blocks until the first connection has its response headers, failed, or the stream was closed. */
    final OpenResult awaitOpen() throws IOException, InterruptedException {
        return StreamOpening.await(opened, this, request.openTimeout());
    }

    // ---- delivering thread ----

    /** True once close() was called (the stream has ended for its users). */
    protected final boolean isClosing() {
        return closing.get();
    }

    /** The first connection has its response headers at {@code nanos}: {@link #awaitOpen()} returns. */
    protected final void completeOpen(OpenResult result, long nanos) {
        lastActivityNanos = nanos;
        openResult = result;
        opened.complete(result);
    }

    /** The first connection failed: {@link #awaitOpen()} throws {@code failure}. */
    protected final void failOpen(IOException failure) {
        opened.completeExceptionally(failure);
    }

    /** One event off the wire: the listener first, then the queue, then the count. */
    protected final void deliver(SseEvent event) {
        lastActivityNanos = event.receivedNanos();
        try { // not through tellListener: no lambda per event
            listener.onEvent(this, event);
        } catch (RuntimeException e) {
            listenerFailures.incrementAndGet();
        }
        queue.offer(event);
        eventsReceived.incrementAndGet(); // after offer: a count seen by others means the event is pollable
    }

    /** The open connection dropped for {@code cause} and a reconnect follows: an outage begins. */
    protected final void reconnecting(CloseReason cause) {
        state = StreamState.RECONNECTING;
        tellListener(l -> l.onReconnecting(this, cause));
    }

    /** A reconnect got its response headers at {@code nanos}, on the outage's {@code attempt}-th try. */
    protected final void reconnected(long nanos, int attempt) {
        long gap = Math.max(0, (nanos - lastActivityNanos) / 1_000_000);
        lastActivityNanos = nanos;
        lastReconnectGapMillis = gap;
        reconnectCount++;
        state = StreamState.OPEN;
        tellListener(l -> l.onReconnected(this, gap, attempt));
    }

    /** The stream has ended: the first reason wins, the connector forgets it, the listener hears of it if asked. */
    protected final void finish(CloseReason reason, boolean tellListener) {
        closeReason.compareAndSet(null, reason);
        state = StreamState.CLOSED;
        onEnd.accept(this);
        if (tellListener) {
            tellListener(l -> l.onClosed(this, closeReason.get()));
        }
        queue.end(); // after the listener: a poller that sees the end knows the listener was told
    }

    /** A stream whose first connection never came: closed and forgotten; its listener is not told. */
    protected final void forgetUnopened() {
        state = StreamState.CLOSED;
        onEnd.accept(this);
    }

    /** No more events will come: pollers wake. */
    protected final void endQueue() {
        queue.end();
    }

    private void tellListener(Consumer<SseEventListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            listenerFailures.incrementAndGet();
        }
    }

    // ---- close (any thread) ----

    /** The first close() only: records the client's reason; false when the stream was closing already. */
    protected final boolean beginClose() {
        if (!closing.compareAndSet(false, true)) {
            return false;
        }
        closeReason.compareAndSet(null, CloseReason.clientClosed());
        return true;
    }

    /** The stream is closed for its users: pollers and the opening thread wake (the transport ends on its own). */
    protected final void closedForUsers() {
        state = StreamState.CLOSED;
        queue.end();
        opened.completeExceptionally(StreamOpening.closedWhileOpening(name, null));
    }

    // ---- SseStream ----

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final SseRequest request() {
        return request;
    }

    @Override
    public final OpenResult openResult() {
        return openResult;
    }

    @Override
    public final SseEvent poll(Duration timeout) throws InterruptedException {
        return queue.poll(Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public final EventTally countUntilEnd(Duration timeout) throws InterruptedException {
        return queue.countUntilEnd(Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public final boolean isOpen() {
        return state != StreamState.CLOSED;
    }

    @Override
    public final StreamState state() {
        return state;
    }

    @Override
    public final CloseReason closeReason() {
        return closeReason.get();
    }

    @Override
    public final int reconnectCount() {
        return reconnectCount;
    }

    @Override
    public final long lastReconnectGapMillis() {
        return lastReconnectGapMillis;
    }

    @Override
    public final long eventsReceived() {
        return eventsReceived.get();
    }

    @Override
    public final long droppedEvents() {
        return queue.dropped();
    }

    @Override
    public final long listenerFailures() {
        return listenerFailures.get();
    }

    @Override
    public final String toString() {
        return "SseStream[" + name + " " + request + " " + state + "]";
    }
}
