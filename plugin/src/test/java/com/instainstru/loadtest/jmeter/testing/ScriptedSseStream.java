package com.instainstru.loadtest.jmeter.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.instainstru.loadtest.sse.CloseReason;
import com.instainstru.loadtest.sse.EventTally;
import com.instainstru.loadtest.sse.OpenResult;
import com.instainstru.loadtest.sse.SseEvent;
import com.instainstru.loadtest.sse.SseRequest;
import com.instainstru.loadtest.sse.SseStream;
import com.instainstru.loadtest.sse.StreamState;

/**
 * An SSE stream that plays a script instead of reading a socket: events, pauses and the stream's end, in
 * order, each taken when a poller reaches it. An event is stamped as received when it is polled; a pause
 * holds pollers back for its (real) time; after the script the stream stays open and silent unless it ended.
 * {@link #close()} and interrupts wake a poller, as on the real transports.
 */
public final class ScriptedSseStream implements SseStream {

    private sealed interface Step permits Event, Pause, End {
    }

    private record Event(SseEvent.Kind kind, String name, String data, String id) implements Step {
    }

    private static final class Pause implements Step {
        private long remainingNanos;

        Pause(Duration length) {
            remainingNanos = length.toNanos();
        }
    }

    private record End(CloseReason reason) implements Step {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Step> script = new ArrayDeque<>();
    private String name = "scripted";
    private SseRequest request;
    private OpenResult openResult;
    private CloseReason closeReason;
    private long eventsReceived;
    private long bytesReceived;

    /** A dispatched event named {@code name} (SSE's "message" when you mean the default). */
    public ScriptedSseStream event(String eventName, String data) {
        return add(new Event(SseEvent.Kind.MESSAGE, eventName, data, null));
    }

    public ScriptedSseStream event(String eventName, String data, String id) {
        return add(new Event(SseEvent.Kind.MESSAGE, eventName, data, id));
    }

    /** A comment line ({@code : text}), e.g. a keep-alive. */
    public ScriptedSseStream comment(String text) {
        return add(new Event(SseEvent.Kind.COMMENT, "", text, null));
    }

    /** Nothing arrives for this long. */
    public ScriptedSseStream pause(Duration length) {
        return add(new Pause(length));
    }

    /** The server ends the stream (no reconnect). */
    public ScriptedSseStream serverEnds() {
        return add(new End(new CloseReason(CloseReason.Kind.SERVER_EOF, "server ended the stream")));
    }

    private ScriptedSseStream add(Step step) {
        lock.lock();
        try {
            script.add(step);
            changed.signalAll();
            return this;
        } finally {
            lock.unlock();
        }
    }

    /** Called by {@link ScriptedSseConnector} when a sampler opens this stream. */
    void opened(SseRequest request, String name) {
        this.request = request;
        this.name = name;
        this.openResult = new OpenResult(200, Map.of("Content-Type", List.of("text/event-stream")),
                System.currentTimeMillis(), 0, 1, "", 64);
    }

    @Override
    public SseEvent poll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (true) {
                Step next = closeReason == null ? script.peek() : null;
                if (next instanceof Event event) {
                    script.poll();
                    return received(event);
                }
                if (next instanceof End end) {
                    script.poll();
                    closeReason = end.reason();
                    continue;
                }
                if (closeReason != null) {
                    return null; // ended and drained: at once
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                if (next instanceof Pause pause) {
                    long waited = Math.min(left, pause.remainingNanos);
                    long unused = changed.awaitNanos(waited);
                    pause.remainingNanos -= waited - Math.max(0, unused);
                    if (pause.remainingNanos <= 0) {
                        script.remove(pause);
                    }
                } else {
                    changed.awaitNanos(left); // silent: nothing scripted yet
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Plays the script as {@link #poll} does, counting what it takes, until the end or the timeout. */
    @Override
    public EventTally countUntilEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long events = 0;
        long comments = 0;
        long bytes = 0;
        while (true) {
            SseEvent event = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (event == null) {
                return new EventTally(events, comments, bytes, state() == StreamState.CLOSED);
            }
            if (event.isComment()) {
                comments++;
            } else {
                events++;
            }
            bytes += event.wireBytes();
        }
    }

    private SseEvent received(Event event) {
        SseEvent received = new SseEvent(event.kind(), event.name(), event.data(), event.id(),
                System.nanoTime(), System.currentTimeMillis(), event.data().length() + event.name().length() + 16);
        eventsReceived++;
        bytesReceived += received.wireBytes();
        return received;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closeReason == null) {
                closeReason = new CloseReason(CloseReason.Kind.CLIENT_CLOSED, "");
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
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
    public boolean isOpen() {
        return state() != StreamState.CLOSED;
    }

    @Override
    public StreamState state() {
        lock.lock();
        try {
            return closeReason == null ? StreamState.OPEN : StreamState.CLOSED;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CloseReason closeReason() {
        lock.lock();
        try {
            return closeReason;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int reconnectCount() {
        return 0;
    }

    @Override
    public long lastReconnectGapMillis() {
        return 0;
    }

    @Override
    public long eventsReceived() {
        return eventsReceived;
    }

    @Override
    public long droppedEvents() {
        return 0;
    }

    @Override
    public long bytesReceived() {
        return bytesReceived;
    }

    @Override
    public long listenerFailures() {
        return 0;
    }
}
