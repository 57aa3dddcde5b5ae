package com.instainstru.loadtest.jmeter;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jmeter.samplers.SampleResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Facts about the run that no request measured (an account without a conversation mapping), owed as samples
 * so that they reach the JTL: elements that are not samplers put them here, and the e2e collector, the one
 * sampler of every plan that runs to the end, returns them as its next samples. Bounded: past
 * {@value #CAPACITY} waiting notices, new ones are counted and logged, not kept.
 */
public final class EngineNotices {

    static final int CAPACITY = 10_000;
    private static final Logger log = LoggerFactory.getLogger(EngineNotices.class);
    private static final BlockingQueue<SampleResult> OWED = new ArrayBlockingQueue<>(CAPACITY);
    private static final AtomicLong dropped = new AtomicLong();

    private EngineNotices() {
    }

    /** Owes a successful 0 ms sample now, with the given label and message. */
    public static void note(String label, String message) {
        if (!OWED.offer(notice(label, System.currentTimeMillis(), message)) && dropped.incrementAndGet() == 1) {
            log.warn("Engine notices: more than {} waiting for the e2e collector; further ones are only logged "
                    + "(first dropped: {} {})", CAPACITY, label, message);
        }
    }

    /**
     * A successful 0 ms sample at {@code epochMillis} that reports a fact, not a request (also the collector's
     * race misses); its message is also its response data.
     */
    public static SampleResult notice(String label, long epochMillis, String message) {
        SampleResult notice = new SampleResult();
        notice.setSampleLabel(label);
        notice.setStampAndTime(epochMillis, 0);
        notice.setSuccessful(true);
        notice.setResponseCode("200");
        notice.setResponseMessage(message);
        notice.setDataType(SampleResult.TEXT);
        notice.setResponseData(message, StandardCharsets.UTF_8.name());
        return notice;
    }

    /** The next owed notice, or null. */
    public static SampleResult next() {
        return OWED.poll();
    }

    /** A new test starts with none owed. */
    public static void clear() {
        OWED.clear();
        dropped.set(0);
    }
}
