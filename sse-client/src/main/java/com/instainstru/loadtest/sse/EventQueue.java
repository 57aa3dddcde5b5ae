package com.instainstru.loadtest.sse;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Bounded hand-over from the reader to pollers. When full, the oldest event is dropped (a sampler that polls
 * late cares most about recent events, and the reader must never block on a slow sampler).
 *
 * <p>Guarded by its monitor, not a {@code ReentrantLock}: the lock writes its owner thread, a reference, into a
 * long-lived object on every offer, which dirties a GC card that G1 re-scans for every event of every stream; a
 * monitor keeps its owner in the object header. A virtual reader (Java 21-23) pins its carrier only for the few
 * instructions of an offer, which never waits.
 *
 * <p>While a holder {@linkplain #countUntilEnd counts} events, they are tallied instead of kept: the holder is
 * woken by the end alone, not once per event, and no event waits in memory for a reader that only counts.
 */
final class EventQueue {

    private final int capacity;
    private final ArrayDeque<SseEvent> events = new ArrayDeque<>();
    private boolean ended;
    private long dropped;
    // set only inside countUntilEnd (by the holder, holding the monitor): non-null while events are counted, not kept
    private Counting counting;

    EventQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues {@code event}; returns true when the oldest event had to be dropped for it. */
    synchronized boolean offer(SseEvent event) {
        if (counting != null) {
            counting.add(event);
            return false;
        }
        boolean drop = events.size() >= capacity;
        if (drop) {
            events.pollFirst();
            dropped++;
        }
        events.addLast(event);
        notifyAll();
        return drop;
    }

    /** Next event; null on timeout, or at once when ended and drained. */
    synchronized SseEvent poll(Duration timeout) throws InterruptedException {
        long deadline = deadline(timeout);
        while (events.isEmpty()) {
            if (ended || !awaitChange(deadline)) {
                return null;
            }
        }
        return events.pollFirst();
    }

    /**
     * Counts (and lets go of) the queued events and every event offered until the queue ends or {@code timeout}
     * passes, keeping none; events are kept again once this returns.
     */
    synchronized EventTally countUntilEnd(Duration timeout) throws InterruptedException {
        long deadline = deadline(timeout);
        Counting tally = new Counting();
        for (SseEvent queued : events) {
            tally.add(queued);
        }
        events.clear();
        counting = tally;
        try {
            while (!ended && awaitChange(deadline)) {
                // events do not wake the holder; the end, the deadline or an interrupt does
            }
            return tally.result(ended);
        } finally {
            counting = null;
        }
    }

    /** No more events will come: wake every poller. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized int size() {
        return events.size();
    }

    /** Waits (holding the monitor) until notified or {@code deadline}; false once the deadline has passed. */
    private boolean awaitChange(long deadline) throws InterruptedException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, remaining);
        return true;
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + (timeout.isNegative() ? 0 : saturatedNanos(timeout));
    }

    private static final class Counting {
        private long events;
        private long comments;
        private long wireBytes;

        void add(SseEvent event) {
            if (event.isComment()) {
                comments++;
            } else {
                events++;
            }
            wireBytes += event.wireBytes();
        }

        EventTally result(boolean ended) {
            return new EventTally(events, comments, wireBytes, ended);
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return TimeUnit.DAYS.toNanos(365);
        }
    }
}
