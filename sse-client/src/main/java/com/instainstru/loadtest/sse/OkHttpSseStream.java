package com.instainstru.loadtest.sse;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
 * so {@link OkHttpSseConnector#open} can give up on interrupt or close without waiting for the network. The
 * reader is the stream's delivering thread (see {@link AbstractSseStream}); the fields only it touches are plain.
 */
final class OkHttpSseStream extends AbstractSseStream {

    private final ConnectionProbe probe;
    // set by the opening thread in start(), read by close() on any thread and by the reader
    private volatile EventSource eventSource;
    // written by the reader; read through mayReconnect() by okhttp-eventsource's error strategy: volatile, so
    // that read does not depend on which thread the library calls it from
    private volatile boolean hasOpened;
    // set by the opening thread, read by tests on theirs
    private volatile Thread reader;

    // reader-thread only: plain
    private int faultsThisOutage;
    private String previousEventId;

    OkHttpSseStream(String name, SseRequest request, SseEventListener listener, ConnectionProbe probe,
                    Consumer<SseStream> onEnd) {
        super(name, request, listener, onEnd);
        this.probe = probe;
        this.previousEventId = request.lastEventId();
    }

    /** False before the first connect succeeded and after close(): the reconnect policy consults it. */
    boolean mayReconnect() {
        return hasOpened && !isClosing();
    }

    /** Starts the reader; call once, with the EventSource built for this stream. */
    void start(EventSource source, ReaderThreads threads) {
        this.eventSource = source;
        this.reader = threads.start(name(), this::run);
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
                failOpen(openFailure(e));
                return;
            }
            if (isClosing()) {
                failOpen(StreamOpening.closedWhileOpening(name(), null));
                return;
            }
            ConnectionProbe.Attempt attempt = probe.lastAttempt();
            OpenResult result = new OpenResult(attempt.status(), HeaderMaps.toMap(attempt.responseHeaders()),
                    attempt.startEpochMillis(), attempt.connectMillis(), attempt.headersMillis(),
                    attempt.redactedRequestHeaders(), attempt.headerBytes());
            long openedNanos = System.nanoTime();
            hasOpened = true;
            probe.markOpened();
            completeOpen(result, openedNanos);
            finish(readLoop(source), true);
        } catch (RuntimeException | Error e) {
            // a bug must still end the stream visibly rather than leave pollers waiting
            failOpen(new IOException("SSE reader failed: " + e, e));
            finish(new CloseReason(CloseReason.Kind.ERROR, "reader failed: " + e), true);
            throw e;
        } finally {
            source.close();
            endQueue();
            if (!hasOpened) {
                forgetUnopened();
            }
        }
    }

    private CloseReason readLoop(EventSource source) {
        while (!isClosing()) {
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
                    reconnecting(reasonFor(((FaultEvent) event).getCause()));
                }
            } else if (event instanceof StartedEvent) {
                int attempt = faultsThisOutage;
                faultsThisOutage = 0;
                reconnected(nanos, attempt);
            }
        }
        return CloseReason.clientClosed();
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

    private CloseReason reasonFor(StreamException e) {
        if (isClosing() || e instanceof StreamClosedByCallerException) {
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
            if (cause instanceof SocketTimeoutException && probe.readingBody()) {
                return CloseReason.readTimeout(request().readTimeout().toMillis());
            }
            return Failures.closeReason(cause);
        }
        return new CloseReason(CloseReason.Kind.ERROR, StreamOpening.describe(e));
    }

    private IOException openFailure(StreamException e) {
        if (isClosing() || e instanceof StreamClosedByCallerException) {
            return StreamOpening.closedWhileOpening(name(), e);
        }
        if (e instanceof StreamIOException) {
            return ((StreamIOException) e).getIOException();
        }
        if (e instanceof StreamHttpErrorException) {
            return new SseHttpException(((StreamHttpErrorException) e).getCode(), "", Map.of(), "");
        }
        return new IOException("SSE stream '" + name() + "' failed to open: " + StreamOpening.describe(e), e);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    // ---- SseStream ----

    @Override
    public long bytesReceived() {
        return probe.bodyBytes();
    }

    @Override
    public void close() {
        if (!beginClose()) {
            return;
        }
        probe.cancel();
        EventSource source = eventSource;
        if (source != null) {
            source.close(); // wakes a reconnect delay and cancels an established call
        }
        closedForUsers();
    }
}
