package com.instainstru.loadtest.sse;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.launchdarkly.eventsource.CommentEvent;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.FaultEvent;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StartedEvent;
import com.launchdarkly.eventsource.StreamClosedByCallerException;
import com.launchdarkly.eventsource.StreamClosedByServerException;
import com.launchdarkly.eventsource.StreamEvent;
import com.launchdarkly.eventsource.StreamException;
import com.launchdarkly.eventsource.StreamHttpErrorException;
import com.launchdarkly.eventsource.StreamIOException;

/**
 * {@link SseStream} over one okhttp-eventsource {@link EventSource}, driven by one reader thread that does
 * everything: connect ({@code start()}), read, reconnect. The opening thread only waits for the first connect,
 * so {@link OkHttpSseConnector#open} can give up on interrupt or close without waiting for the network.
 */
final class OkHttpSseStream implements SseStream {

    private final String name;
    private final SseRequest request;
    private final SseEventListener listener;
    private final ConnectionProbe probe;
    private final EventQueue queue;
    private final Consumer<OkHttpSseStream> onEnd;
    private final CompletableFuture<OpenResult> opened = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    private volatile EventSource eventSource;
    private volatile StreamState state = StreamState.OPEN;
    private volatile OpenResult openResult;
    private volatile boolean hasOpened;
    private volatile int reconnectCount;
    private volatile long lastReconnectGapMillis;
    private volatile Thread reader;

    // reader-thread only
    private long lastActivityNanos;
    private int faultsThisOutage;
    private String previousEventId;

    OkHttpSseStream(String name, SseRequest request, SseEventListener listener, ConnectionProbe probe,
                    Consumer<OkHttpSseStream> onEnd) {
        this.name = name;
        this.request = request;
        this.listener = listener;
        this.probe = probe;
        this.queue = new EventQueue(request.queueCapacity());
        this.onEnd = onEnd;
        this.previousEventId = request.lastEventId();
    }

    /** False before the first connect succeeded and after close(): the reconnect policy consults it. */
    boolean mayReconnect() {
        return hasOpened && !closing.get();
    }

    /** Starts the reader; call once, with the EventSource built for this stream. */
    void start(EventSource source, ReaderThreads threads) {
        this.eventSource = source;
        this.reader = threads.start(name, this::run);
    }

    /** Blocks until the first connection has its response headers, failed, or the stream was closed. */
    OpenResult awaitOpen() throws IOException, InterruptedException {
        return StreamOpening.await(opened, this, request.openTimeout());
    }

    /** The reader thread (tests). */
    Thread readerThread() {
        return reader;
    }

    private void run() {
        EventSource source = eventSource;
        try {
            try {
                source.start();
            } catch (StreamException e) {
                opened.completeExceptionally(openFailure(e));
                return;
            }
            if (closing.get()) {
                opened.completeExceptionally(StreamOpening.closedWhileOpening(name, null));
                return;
            }
            ConnectionProbe.Attempt attempt = probe.lastAttempt();
            openResult = new OpenResult(attempt.status(), HeaderMaps.toMap(attempt.responseHeaders()),
                    attempt.startEpochMillis(), attempt.connectMillis(), attempt.headersMillis(),
                    attempt.redactedRequestHeaders(), attempt.headerBytes());
            lastActivityNanos = System.nanoTime();
            hasOpened = true;
            probe.markOpened();
            opened.complete(openResult);
            finish(readLoop(source));
        } catch (RuntimeException | Error e) {
            // a bug must still end the stream visibly rather than leave pollers waiting
            opened.completeExceptionally(new IOException("SSE reader failed: " + e, e));
            finish(new CloseReason(CloseReason.Kind.ERROR, "reader failed: " + e));
            throw e;
        } finally {
            source.close();
            queue.end();
            if (!hasOpened) {
                state = StreamState.CLOSED;
                onEnd.accept(this);
            }
        }
    }

    private CloseReason readLoop(EventSource source) {
        while (!closing.get()) {
            StreamEvent event;
            try {
                event = source.readAnyEvent();
            } catch (StreamException e) {
                return reasonFor(e);
            }
            long nanos = System.nanoTime();
            long epochMillis = System.currentTimeMillis();
            if (event instanceof MessageEvent) {
                deliver(toSseEvent((MessageEvent) event, nanos, epochMillis));
            } else if (event instanceof CommentEvent) {
                String text = ((CommentEvent) event).getText();
                deliver(new SseEvent(SseEvent.Kind.COMMENT, "", text, previousEventId, nanos, epochMillis,
                        utf8Length(text) + 4));
            } else if (event instanceof FaultEvent) {
                if (faultsThisOutage++ == 0) { // the open connection dropped: the outage begins
                    state = StreamState.RECONNECTING;
                    reconnecting(reasonFor(((FaultEvent) event).getCause()));
                }
            } else if (event instanceof StartedEvent) {
                reconnected(nanos);
            }
        }
        return CloseReason.clientClosed();
    }

    private void reconnecting(CloseReason cause) {
        try {
            listener.onReconnecting(this, cause);
        } catch (RuntimeException e) {
            listenerFailures.incrementAndGet();
        }
    }

    private void reconnected(long nanos) {
        long gap = Math.max(0, (nanos - lastActivityNanos) / 1_000_000);
        int attempt = faultsThisOutage;
        faultsThisOutage = 0;
        lastActivityNanos = nanos;
        lastReconnectGapMillis = gap;
        reconnectCount++;
        state = StreamState.OPEN;
        try {
            listener.onReconnected(this, gap, attempt);
        } catch (RuntimeException e) {
            listenerFailures.incrementAndGet();
        }
    }

    private SseEvent toSseEvent(MessageEvent message, long nanos, long epochMillis) {
        String data = message.getData();
        String id = message.getLastEventId();
        String eventName = message.getEventName() == null ? SseEvent.DEFAULT_EVENT_NAME : message.getEventName();
        int wire = 2; // the blank line
        for (String line : data.split("\n", -1)) {
            wire += 6 + utf8Length(line) + 2; // "data: " line CRLF
        }
        if (!SseEvent.DEFAULT_EVENT_NAME.equals(eventName)) {
            wire += 7 + utf8Length(eventName) + 2;
        }
        if (id != null && !id.equals(previousEventId)) {
            wire += 4 + utf8Length(id) + 2;
        }
        previousEventId = id;
        return new SseEvent(SseEvent.Kind.MESSAGE, eventName, data, id, nanos, epochMillis, wire);
    }

    private void deliver(SseEvent event) {
        lastActivityNanos = event.receivedNanos();
        try {
            listener.onEvent(this, event);
        } catch (RuntimeException e) {
            listenerFailures.incrementAndGet();
        }
        queue.offer(event);
        eventsReceived.incrementAndGet(); // after offer: a count seen by others means the event is pollable
    }

    private void finish(CloseReason reason) {
        closeReason.compareAndSet(null, reason);
        state = StreamState.CLOSED;
        onEnd.accept(this);
        try {
            listener.onClosed(this, closeReason.get());
        } catch (RuntimeException e) {
            listenerFailures.incrementAndGet();
        }
        queue.end(); // after the listener: a poller that sees the end knows the listener was told
    }

    private CloseReason reasonFor(StreamException e) {
        if (closing.get() || e instanceof StreamClosedByCallerException) {
            return CloseReason.clientClosed();
        }
        if (e instanceof StreamClosedByServerException) {
            return CloseReason.serverEnded(probe.midEvent());
        }
        if (e instanceof StreamHttpErrorException) {
            return new CloseReason(CloseReason.Kind.HTTP_ERROR, "HTTP " + ((StreamHttpErrorException) e).getCode());
        }
        if (e instanceof StreamIOException) {
            IOException cause = ((StreamIOException) e).getIOException();
            if (cause instanceof SseHttpException || cause instanceof SseContentTypeException) {
                return new CloseReason(CloseReason.Kind.HTTP_ERROR, cause.getMessage());
            }
            if (cause instanceof SocketTimeoutException && probe.readingBody()) {
                return CloseReason.readTimeout(request.readTimeout().toMillis());
            }
            return CloseReason.forFailure(cause);
        }
        return new CloseReason(CloseReason.Kind.ERROR, StreamOpening.describe(e));
    }

    private IOException openFailure(StreamException e) {
        if (closing.get() || e instanceof StreamClosedByCallerException) {
            return StreamOpening.closedWhileOpening(name, e);
        }
        if (e instanceof StreamIOException) {
            return ((StreamIOException) e).getIOException();
        }
        if (e instanceof StreamHttpErrorException) {
            return new SseHttpException(((StreamHttpErrorException) e).getCode(), "", Map.of(), "");
        }
        return new IOException("SSE stream '" + name + "' failed to open: " + StreamOpening.describe(e), e);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

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
        return eventsReceived.get();
    }

    @Override
    public long droppedEvents() {
        return queue.dropped();
    }

    @Override
    public long bytesReceived() {
        return probe.bodyBytes();
    }

    @Override
    public long listenerFailures() {
        return listenerFailures.get();
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeReason.compareAndSet(null, CloseReason.clientClosed());
        probe.cancel();
        EventSource source = eventSource;
        if (source != null) {
            source.close(); // wakes a reconnect delay and cancels an established call
        }
        state = StreamState.CLOSED;
        queue.end();
        opened.completeExceptionally(StreamOpening.closedWhileOpening(name, null));
    }

    @Override
    public String toString() {
        return "SseStream[" + name + " " + request + " " + state + "]";
    }
}
