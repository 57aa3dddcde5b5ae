package com.instainstru.loadtest.correlation;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Completed records until someone polls them; bounded, so a ledger nobody polls drops (and counts) records. */
final class RecordQueue {

    private final LinkedBlockingQueue<LedgerRecord> records = new LinkedBlockingQueue<>();
    private final LedgerCounters counters;

    RecordQueue(LedgerCounters counters) {
        this.counters = counters;
    }

    void add(LedgerRecord r, int capacity) {
        if (records.size() >= capacity) {
            counters.droppedRecords.increment();
            return;
        }
        records.add(r);
    }

    /** Waits up to {@code timeout} (real time) for a record, running {@code expire} before each look. */
    LedgerRecord poll(Duration timeout, Runnable expire) throws InterruptedException {
        long waitUntil = System.nanoTime() + timeout.toNanos();
        while (true) {
            expire.run();
            LedgerRecord r = records.poll();
            if (r != null) {
                return r;
            }
            long left = waitUntil - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            // Wake up regularly so expiry keeps running while nobody delivers or sends.
            r = records.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            if (r != null) {
                return r;
            }
        }
    }

    LedgerRecord pollNow() {
        return records.poll();
    }

    void clear() {
        records.clear();
    }
}
