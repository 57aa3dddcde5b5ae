package com.instainstru.loadtest.sse;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounded hand-over from the reader to pollers. When full, the oldest event is dropped (a sampler that polls
 * late cares most about recent events, and the reader must never block on a slow sampler). A
 * {@link ReentrantLock} rather than {@code synchronized} so virtual readers do not pin their carrier.
 *
 * <p>While a holder {@linkplain #countUntilEnd counts} events, they are tallied instead of kept: the holder is
 * woken by the end alone, not once per event, and no event waits in memory for a reader that only counts.
 */
final class EventQueue {

    private final int capacity;
    private final ArrayDeque<SseEvent> events = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean ended;
    private long dropped;
    // set only inside countUntilEnd (by the holder, under the lock): non-null while events are counted, not kept
    private Counting counting;

    EventQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues {@code event}; returns true when the oldest event had to be dropped for it. */
    boolean offer(SseEvent event) {
        lock.lock();
        try {
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
            changed.signal();
            return drop;
        } finally {
            lock.unlock();
        }
    }

    /** Next event; null on timeout, or at once when ended and drained. */
    SseEvent poll(Duration timeout) throws InterruptedException {
        long remaining = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (events.isEmpty()) {
                if (ended || remaining <= 0) {
                    return null;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return events.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts (and lets go of) the queued events and every event offered until the queue ends or {@code timeout}
     * passes, keeping none; events are kept again once this returns.
     */
    EventTally countUntilEnd(Duration timeout) throws InterruptedException {
        long remaining = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        lock.lockInterruptibly();
        try {
            Counting tally = new Counting();
            for (SseEvent queued : events) {
                tally.add(queued);
            }
            events.clear();
            counting = tally;
            while (!ended && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return tally.result(ended);
        } finally {
            counting = null;
            lock.unlock();
        }
    }

    /** No more events will come: wake every poller. */
    void end() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
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
