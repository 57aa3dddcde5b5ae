package com.instainstru.loadtest.sse;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.ConnectTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * {@link SseStream} on one Netty event loop: connect, read, parse, reconnect all run on that loop's thread
 * (it is the stream's delivering thread, see {@link AbstractSseStream}, so the fields only it touches are plain);
 * other threads only {@link #poll} the queue and {@link #close()}.
 * Receive times are stamped once per socket read, before the bytes are parsed.
 *
 * <p>Per stream this holds a channel and its pipeline, the parser and the event queue: no thread.
 */
final class NettySseStream extends AbstractSseStream implements SseFrameParser.Sink {

    private static final int MAX_REDIRECTS = 20;

    private final NettySseConnector connector;
    private final EventLoop loop;
    private final SseFrameParser parser;
    // set on the loop, or on close()'s thread when the loop is gone (runOnLoop): atomic, so the end runs once
    private final AtomicBoolean ended = new AtomicBoolean();
    // set once the end has run to its last step (the connector has forgotten the stream)
    private volatile boolean released;
    // written on the loop only, read by any thread: volatile is enough for a single writer
    private volatile long bytesReceived;

    // event-loop only: plain
    private boolean hasOpened;
    private NettySseExchange current;
    private ScheduledFuture<?> pendingReconnect;
    private long readNanos;
    private long readEpochMillis;
    private long retryFieldMillis = -1;
    private int failedAttempts;
    private int backoffExponent;
    private int redirects;

    NettySseStream(String name, SseRequest request, SseEventListener listener, Consumer<SseStream> onEnd,
                   NettySseConnector connector, EventLoop loop) {
        super(name, request, listener, onEnd);
        this.connector = connector;
        this.loop = loop;
        this.parser = new SseFrameParser(this, request.lastEventId(), request.maxEventBytes());
    }

    /** Starts the first connection attempt on the loop. */
    void start() {
        runOnLoop(() -> connect(request().uri(), request().method()));
    }

    // ---- connection attempts (event loop) ----

    private void connect(URI uri, String method) {
        pendingReconnect = null;
        if (isClosing()) {
            return;
        }
        boolean reconnect = hasOpened;
        String lastEventId = reconnect
                ? (request().reconnectPolicy().resumeWithLastEventId() ? parser.lastEventId() : null)
                : request().lastEventId();
        NettySseExchange exchange = new NettySseExchange(this, uri, method, lastEventId);
        current = exchange;
        ChannelFuture connecting;
        try {
            connecting = connector.connect(loop, uri, request().connectTimeout(), exchange);
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
                    + request().connectTimeout().toMillis() + " ms to " + uri.getHost() + ":"
                    + NettySseConnector.port(uri));
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
        if (isClosing()) {
            return;
        }
        if (!hasOpened) {
            hasOpened = true;
            completeOpen(result, now);
            return;
        }
        int attempt = failedAttempts + 1;
        failedAttempts = 0;
        reconnected(now, attempt);
    }

    /** A 3xx with a Location: follow it like a browser (303 turns into GET). */
    boolean redirect(URI target, int status) {
        if (++redirects > MAX_REDIRECTS) {
            return false;
        }
        closeChannel();
        connect(target, status == 303 ? "GET" : request().method());
        return true;
    }

    /** The attempt failed before the stream was (re)opened: connect error, HTTP error, wrong type, timeout. */
    void attemptFailed(IOException failure) {
        closeChannel();
        if (isClosing()) {
            failOpen(StreamOpening.closedWhileOpening(name(), failure));
            endOnce(CloseReason.clientClosed());
            return;
        }
        if (!hasOpened) {
            failOpen(failure);
            endOnce(new CloseReason(CloseReason.Kind.ERROR, StreamOpening.describe(failure)));
            return;
        }
        failedAttempts++;
        if (failedAttempts >= request().reconnectPolicy().maxAttempts() || !Failures.retryable(failure)) {
            endOnce(Failures.closeReason(failure));
        } else {
            scheduleReconnect();
        }
    }

    /** The open connection ended (server EOF, I/O error, read timeout). */
    void dropped(CloseReason reason) {
        closeChannel();
        if (isClosing()) {
            endOnce(CloseReason.clientClosed());
            return;
        }
        ReconnectPolicy policy = request().reconnectPolicy();
        if (!policy.isEnabled()) {
            endOnce(reason);
            return;
        }
        failedAttempts = 0;
        reconnecting(reason);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        long delay = request().reconnectPolicy().delayMillis(retryFieldMillis, backoffExponent);
        backoffExponent = Math.min(backoffExponent + 1, 62);
        pendingReconnect = loop.schedule(() -> connect(request().uri(), request().method()), delay,
                TimeUnit.MILLISECONDS);
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
        deliverUnlessClosing(new SseEvent(SseEvent.Kind.MESSAGE, eventName, data, lastEventId, readNanos,
                readEpochMillis, wireBytes));
    }

    @Override
    public void onComment(String text, int wireBytes) {
        deliverUnlessClosing(new SseEvent(SseEvent.Kind.COMMENT, "", text, parser.lastEventId(), readNanos,
                readEpochMillis, wireBytes));
    }

    @Override
    public void onEventTooLarge(long limit, long seenBytes) {
        // no reconnect: a resume would get the same event again
        endOnce(isClosing() ? CloseReason.clientClosed() : CloseReason.eventTooLarge(limit, seenBytes));
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

    private void deliverUnlessClosing(SseEvent event) {
        if (isClosing()) {
            return; // bytes of the same read that came after close(): the stream has ended for its users
        }
        deliver(event);
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
        finish(reason, hasOpened);
        released = true;
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
            failOpen(StreamOpening.closedWhileOpening(name(), e));
            endOnce(CloseReason.clientClosed());
        }
    }

    /** True once the stream ended, let go of its channel and timers, and the connector forgot it. */
    boolean hasEnded() {
        return released;
    }

    // ---- SseStream ----

    @Override
    public long bytesReceived() {
        return bytesReceived;
    }

    @Override
    public void close() {
        if (!beginClose()) {
            return;
        }
        closedForUsers();
        runOnLoop(() -> endOnce(CloseReason.clientClosed()));
    }
}
