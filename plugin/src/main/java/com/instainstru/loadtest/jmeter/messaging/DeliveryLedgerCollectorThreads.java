package com.instainstru.loadtest.jmeter.messaging;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jmeter.threads.JMeterContextService;

/**
 * How many JMeter threads of the running test are delivery ledger collectors (started, still active), so the
 * collectors can tell the user threads apart in JMeter's engine-wide thread counts. Counts belong to one test:
 * they restart when JMeter's test start time changes.
 */
final class DeliveryLedgerCollectorThreads {

    private static final AtomicInteger STARTED = new AtomicInteger();
    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static long testStart = Long.MIN_VALUE;

    private DeliveryLedgerCollectorThreads() {
    }

    static void started() {
        sameTest();
        STARTED.incrementAndGet();
        ACTIVE.incrementAndGet();
    }

    static void stopped() {
        sameTest();
        ACTIVE.decrementAndGet();
    }

    static int startedCount() {
        sameTest();
        return STARTED.get();
    }

    static int activeCount() {
        sameTest();
        return ACTIVE.get();
    }

    private static synchronized void sameTest() {
        long start = JMeterContextService.getTestStartTime();
        if (start != testStart) {
            testStart = start;
            STARTED.set(0);
            ACTIVE.set(0);
        }
    }
}
