package com.instainstru.loadtest.correlation;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decides the messages whose pending timeout has passed (and, at test end, all of them) and stops tracking them;
 * also drives the cross-engine expiry. It runs inside the ledger's calls, never on a thread of its own.
 */
final class ExpirySweeper {

    /** How often the hot path looks at the expiry queue. */
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final DeliveryLedger ledger;
    private final NanoClock clock;
    private final LedgerCounters counters;
    private final CrossEngineTracker crossEngine;
    /** Insertion (send) order, so the head is always the next to expire. */
    private final ConcurrentLinkedQueue<PendingSend> expiryQueue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock sweepLock = new ReentrantLock();
    private volatile long nextSweepNanos;

    ExpirySweeper(DeliveryLedger ledger, NanoClock clock, LedgerCounters counters, CrossEngineTracker crossEngine) {
        this.ledger = ledger;
        this.clock = clock;
        this.counters = counters;
        this.crossEngine = crossEngine;
        this.nextSweepNanos = clock.nanoTime();
    }

    void track(PendingSend p) {
        expiryQueue.add(p);
    }

    /** Sweeps unless one ran within the last few milliseconds or is running now: cheap enough for the hot path. */
    void maybeSweep(long now) {
        if (now - nextSweepNanos < 0 || !sweepLock.tryLock()) {
            return;
        }
        try {
            sweepLocked(now);
        } finally {
            sweepLock.unlock();
        }
    }

    void expireOverdue() {
        sweepLock.lock();
        try {
            sweepLocked(clock.nanoTime());
        } finally {
            sweepLock.unlock();
        }
    }

    /** Runs {@code action} while no sweep can run (reset). */
    void exclusively(Runnable action) {
        sweepLock.lock();
        try {
            action.run();
        } finally {
            sweepLock.unlock();
        }
    }

    /** Forgets both queues; call under {@link #exclusively}. */
    void clear() {
        expiryQueue.clear();
        crossEngine.clear();
    }

    private void sweepLocked(long now) {
        nextSweepNanos = now + SWEEP_INTERVAL_NANOS;
        PendingSend head;
        while ((head = expiryQueue.peek()) != null && now - head.deadlineNanos >= 0) {
            expiryQueue.poll();
            expire(head);
        }
        crossEngine.expire(now);
    }

    private void expire(PendingSend p) {
        if (p.lifecycle.get() == PendingSend.OPEN) {
            boolean anyLost = false;
            for (int i = 0; i < p.expected.length; i++) {
                if (p.slotState.get(i) == PendingSend.PENDING) {
                    int state = p.raceCandidate[i] ? PendingSend.RACE_MISS : PendingSend.LOST_EXPIRED;
                    anyLost |= ledger.resolve(p, i, state, p.deadlineNanos) && state == PendingSend.LOST_EXPIRED;
                }
            }
            if (anyLost) {
                counters.expired.increment();
            }
            if (p.expected.length == 0) {
                ledger.completeWithoutExpectedStreams(p);
            }
        }
        ledger.untrack(p);
    }

    /** See {@link DeliveryLedger#flushAll}: every tracked message is decided as if its streams closed now. */
    void flushAll(String why) {
        sweepLock.lock();
        try {
            long now = clock.nanoTime();
            sweepLocked(now);
            long graceNanos = ledger.settings().closeGrace().toNanos();
            for (PendingSend p : ledger.trackedSends()) {
                p.endReason = why;
                if (p.lifecycle.get() == PendingSend.OPEN) {
                    boolean inFlight = now - p.sendNanos <= graceNanos;
                    for (int i = 0; i < p.expected.length; i++) {
                        if (p.slotState.get(i) == PendingSend.PENDING) {
                            int state = p.raceCandidate[i] ? PendingSend.RACE_MISS
                                    // a stream in a reconnect outage would get it replayed: unobserved, not lost
                                    : inFlight || p.expected[i].isReconnecting() ? PendingSend.TEST_END_IN_FLIGHT
                                    : PendingSend.LOST_TEST_END;
                            ledger.resolve(p, i, state, now);
                        }
                    }
                    if (p.expected.length == 0) {
                        ledger.completeWithoutExpectedStreams(p);
                    }
                }
                ledger.untrack(p);
            }
            crossEngine.flush();
            clear();
        } finally {
            sweepLock.unlock();
        }
    }
}
