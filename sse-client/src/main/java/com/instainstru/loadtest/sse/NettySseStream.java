package com.instainstru.loadtest.sse;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.ConnectTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * {@link SseStream} on one Netty event loop: connect, read, parse, reconnect all run on that loop's thread
 * (the stream's state needs no locks); other threads only {@link #poll} the queue and {@link #close()}.
 * Receive times are stamped once per socket read, before the bytes are parsed.
 *
 * <p>Per stream this holds a channel and its pipeline, the parser and the event queue: no thread.
 */
final class NettySseStream implements SseStream, SseFrameParser.Sink {

    private static final int MAX_REDIRECTS = 20;

    private final String name;
    private final SseRequest request;
    private final SseEventListener listener;
    private final NettySseConnector connector;
    private final EventLoop loop;
    private final EventQueue queue;
    private final SseFrameParser parser;
    private final CompletableFuture<OpenResult> opened = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
    private volatile StreamState state = StreamState.OPEN;
    private volatile OpenResult openResult;
    private volatile int reconnectCount;
    private volatile long lastReconnectGapMillis;
    private volatile long eventsReceived;
    private volatile long bytesReceived;
    private volatile long listenerFailures;

    // event-loop only
    private boolean hasOpened;
    private NettySseExchange current;
    private ScheduledFuture<?> pendingReconnect;
    private long lastActivityNanos;
    private long readNanos;
    private long readEpochMillis;
    private long retryFieldMillis = -1;
    private int failedAttempts;
    private int backoffExponent;
    private int redirects;

    NettySseStream(String name, SseRequest request, SseEventListener listener, NettySseConnector connector,
                   EventLoop loop) {
        this.name = name;
        this.request = request;
        this.listener = listener;
        this.connector = connector;
        this.loop = loop;
        this.queue = new EventQueue(request.queueCapacity());
        this.parser = new SseFrameParser(this, request.lastEventId(), request.maxEventBytes());
    }

    /** Starts the first connection attempt on the loop. */
    void start() {
        runOnLoop(() -> connect(request.uri(), request.method()));
    }

    /** Blocks until the first connection has its response headers, failed, or the stream was closed. */
    OpenResult awaitOpen() throws IOException, InterruptedException {
        return StreamOpening.await(opened, this, request.openTimeout());
    }

    // ---- connection attempts (event loop) ----

    private void connect(URI uri, String method) {
        pendingReconnect = null;
        if (closing.get()) {
            return;
        }
        boolean reconnect = hasOpened;
        String lastEventId = reconnect ? (request.reconnectPolicy().resumeWithLastEventId() ? parser.lastEventId() : null)
                : request.lastEventId();
        NettySseExchange exchange = new NettySseExchange(this, uri, method, lastEventId);
        current = exchange;
        ChannelFuture connecting;
        try {
            connecting = connector.connect(loop, uri, request.connectTimeout(), exchange);
        } catch (IOException e) {
            attemptFailed(e);
            return;
        }
        connecting.addListener(f -> {
            if (!f.isSuccess() && current == exchange) {
                attemptFailed(connectFailure(uri, f.cause()));
            }
        });
    }

    private IOException connectFailure(URI uri, Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            SocketTimeoutException timeout = new SocketTimeoutException("connect timed out after "
                    + request.connectTimeout().toMillis() + " ms to " + uri.getHost() + ":" + NettySseConnector.port(uri));
            timeout.initCause(cause);
            return timeout;
        }
        return cause instanceof IOException ? (IOException) cause
                : new IOException("connect to " + uri.getHost() + " failed: " + cause, cause);
    }

    /** Response headers of a 2xx {@code text/event-stream}: the stream is (again) open. */
    void attemptSucceeded(OpenResult result) {
        long now = System.nanoTime();
        redirects = 0;
        backoffExponent = 0; // the 200 + headers came: the next outage starts again at the base delay
        if (closing.get()) {
            return;
        }
        if (!hasOpened) {
            hasOpened = true;
            lastActivityNanos = now;
            openResult = result;
            opened.complete(result);
            return;
        }
        long gap = Math.max(0, (now - lastActivityNanos) / 1_000_000);
        int attempt = failedAttempts + 1;
        failedAttempts = 0;
        lastActivityNanos = now;
        lastReconnectGapMillis = gap;
        reconnectCount++;
        state = StreamState.OPEN;
        try {
            listener.onReconnected(this, gap, attempt);
        } catch (RuntimeException e) {
            listenerFailures++;
        }
    }

    /** A 3xx with a Location: follow it like a browser (303 turns into GET). */
    boolean redirect(URI target, int status) {
        if (++redirects > MAX_REDIRECTS) {
            return false;
        }
        closeChannel();
        connect(target, status == 303 ? "GET" : request.method());
        return true;
    }

    /** The attempt failed before the stream was (re)opened: connect error, HTTP error, wrong type, timeout. */
    void attemptFailed(IOException failure) {
        closeChannel();
        if (closing.get()) {
            opened.completeExceptionally(StreamOpening.closedWhileOpening(name, failure));
            endOnce(CloseReason.clientClosed());
            return;
        }
        if (!hasOpened) {
            opened.completeExceptionally(failure);
            endOnce(new CloseReason(CloseReason.Kind.ERROR, StreamOpening.describe(failure)));
            return;
        }
        failedAttempts++;
        if (failedAttempts >= request.reconnectPolicy().maxAttempts() || !retryable(failure)) {
            endOnce(reasonFor(failure));
        } else {
            scheduleReconnect();
        }
    }

    /** The open connection ended (server EOF, I/O error, read timeout). */
    void dropped(CloseReason reason) {
        closeChannel();
        if (closing.get()) {
            endOnce(CloseReason.clientClosed());
            return;
        }
        ReconnectPolicy policy = request.reconnectPolicy();
        if (!policy.isEnabled()) {
            endOnce(reason);
            return;
        }
        state = StreamState.RECONNECTING;
        failedAttempts = 0;
        try {
            listener.onReconnecting(this, reason);
        } catch (RuntimeException e) {
            listenerFailures++;
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        long delay = request.reconnectPolicy().delayMillis(retryFieldMillis, backoffExponent);
        backoffExponent = Math.min(backoffExponent + 1, 62);
        pendingReconnect = loop.schedule(() -> connect(request.uri(), request.method()), delay, TimeUnit.MILLISECONDS);
    }

    private static boolean retryable(IOException failure) {
        if (failure instanceof SseHttpException) {
            return ReconnectPolicy.retryableStatus(((SseHttpException) failure).status());
        }
        return !(failure instanceof SseContentTypeException);
    }

    private CloseReason reasonFor(IOException failure) {
        if (failure instanceof SseHttpException || failure instanceof SseContentTypeException) {
            return new CloseReason(CloseReason.Kind.HTTP_ERROR, failure.getMessage());
        }
        return CloseReason.forFailure(failure); // the same wording as okhttp's for a reset
    }

    // ---- body (event loop) ----

    /** A socket read of the event-stream body: stamp it, count it, parse it. */
    void bodyRead(io.netty.buffer.ByteBuf content) {
        readNanos = System.nanoTime();
        readEpochMillis = System.currentTimeMillis();
        bytesReceived += content.readableBytes();
        parser.feed(content);
    }

    @Override
    public void onEvent(String eventName, String data, String lastEventId, int wireBytes) {
        deliver(new SseEvent(SseEvent.Kind.MESSAGE, eventName, data, lastEventId, readNanos, readEpochMillis, wireBytes));
    }

    @Override
    public void onComment(String text, int wireBytes) {
        deliver(new SseEvent(SseEvent.Kind.COMMENT, "", text, parser.lastEventId(), readNanos, readEpochMillis,
                wireBytes));
    }

    @Override
    public void onEventTooLarge(long limit, long seenBytes) {
        // no reconnect: a resume would get the same event again
        endOnce(closing.get() ? CloseReason.clientClosed() : CloseReason.eventTooLarge(limit, seenBytes));
    }

    /** The reason for a FIN from the server: after a complete event or in the middle of one. */
    CloseReason serverEnded() {
        return CloseReason.serverEnded(parser.midEvent());
    }

    @Override
    public void onRetry(long millis) {
        retryFieldMillis = millis;
        backoffExponent = 0;
    }

    private void deliver(SseEvent event) {
        if (closing.get()) {
            return; // bytes of the same read that came after close(): the stream has ended for its users
        }
        lastActivityNanos = event.receivedNanos();
        try {
            listener.onEvent(this, event);
        } catch (RuntimeException e) {
            listenerFailures++;
        }
        queue.offer(event);
        eventsReceived++; // after offer: a count seen by others means the event is pollable
    }

    // ---- ending ----

    private void endOnce(CloseReason reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        closeChannel();
        if (pendingReconnect != null) {
            pendingReconnect.cancel(false);
        }
        closeReason.compareAndSet(null, reason);
        state = StreamState.CLOSED;
        connector.ended(this);
        if (hasOpened) {
            try {
                listener.onClosed(this, closeReason.get());
            } catch (RuntimeException e) {
                listenerFailures++;
            }
        }
        queue.end(); // after the listener: a poller that sees the end knows the listener was told
    }

    private void closeChannel() {
        NettySseExchange exchange = current;
        current = null;
        if (exchange != null) {
            exchange.closeChannel();
        }
    }

    /** False for an attempt the stream has moved on from (redirected, failed, closed): its events are ignored. */
    boolean isCurrent(NettySseExchange exchange) {
        return exchange == current;
    }

    private void runOnLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // the connector's loops are shutting down: end here, nothing can run on the loop any more
            opened.completeExceptionally(StreamOpening.closedWhileOpening(name, e));
            endOnce(CloseReason.clientClosed());
        }
    }

    /** True once the stream ended and let go of its channel and timers. */
    boolean hasEnded() {
        return ended.get();
    }

    SseEventListener listener() {
        return listener;
    }

    // ---- SseStream ----

    @Override
    public String name() {
        return name;
    }

    @Override
    public SseRequest request() {
        return request;
    }

    @Override
    public OpenResult openResult() {
        return openResult;
    }

    @Override
    public SseEvent poll(Duration timeout) throws InterruptedException {
        return queue.poll(Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public boolean isOpen() {
        return state != StreamState.CLOSED;
    }

    @Override
    public StreamState state() {
        return state;
    }

    @Override
    public CloseReason closeReason() {
        return closeReason.get();
    }

    @Override
    public int reconnectCount() {
        return reconnectCount;
    }

    @Override
    public long lastReconnectGapMillis() {
        return lastReconnectGapMillis;
    }

    @Override
    public long eventsReceived() {
        return eventsReceived;
    }

    @Override
    public long droppedEvents() {
        return queue.dropped();
    }

    @Override
    public long bytesReceived() {
        return bytesReceived;
    }

    @Override
    public long listenerFailures() {
        return listenerFailures;
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeReason.compareAndSet(null, CloseReason.clientClosed());
        state = StreamState.CLOSED;
        queue.end();
        opened.completeExceptionally(StreamOpening.closedWhileOpening(name, null));
        runOnLoop(() -> endOnce(CloseReason.clientClosed()));
    }

    @Override
    public String toString() {
        return "SseStream[" + name + " " + request + " " + state + "]";
    }
}
