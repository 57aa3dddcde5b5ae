package com.instainstru.loadtest.refserver;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters; all reads are cheap and thread-safe. */
public final class ServerStats {
    final AtomicInteger openStreams = new AtomicInteger();
    final AtomicLong streamsOpened = new AtomicLong();
    final AtomicLong deliveries = new AtomicLong();
    final AtomicLong messagesSent = new AtomicLong();
    final AtomicLong droppedDeliveries = new AtomicLong();
    final AtomicLong duplicatedDeliveries = new AtomicLong();
    final AtomicLong malformedFrames = new AtomicLong();
    final AtomicLong gapMissedDeliveries = new AtomicLong();
    final AtomicLong stalledStreams = new AtomicLong();
    final AtomicLong replayedEvents = new AtomicLong();
    final AtomicLong logins = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong injectedErrors = new AtomicLong();
    /** Set once at start; the warm-up's own traffic is counted nowhere else. */
    volatile int warmupMessages;

    /** Messages the start-up warm-up sent through its private listener (0 when off or failed). */
    public int warmupMessages() {
        return warmupMessages;
    }

    /** Streams currently open (stalled ones included). */
    public int openStreams() {
        return openStreams.get();
    }

    public long streamsOpened() {
        return streamsOpened.get();
    }

    /** new_message frames written to streams (duplicates count twice; replays not counted). */
    public long deliveries() {
        return deliveries.get();
    }

    /** Messages accepted by POST .../messages. */
    public long messagesSent() {
        return messagesSent.get();
    }

    public long droppedDeliveries() {
        return droppedDeliveries.get();
    }

    public long duplicatedDeliveries() {
        return duplicatedDeliveries.get();
    }

    public long malformedFrames() {
        return malformedFrames.get();
    }

    /** Deliveries lost because the stream was inside its subscribe gap. */
    public long gapMissedDeliveries() {
        return gapMissedDeliveries.get();
    }

    public long stalledStreams() {
        return stalledStreams.get();
    }

    public long replayedEvents() {
        return replayedEvents.get();
    }

    /** Successful logins (session issued). */
    public long logins() {
        return logins.get();
    }

    public long requests() {
        return requests.get();
    }

    public long rateLimited() {
        return rateLimited.get();
    }

    public long injectedErrors() {
        return injectedErrors.get();
    }

    @Override
    public String toString() {
        return "openStreams=" + openStreams() + " streamsOpened=" + streamsOpened() + " messagesSent=" + messagesSent()
                + " deliveries=" + deliveries() + " dropped=" + droppedDeliveries() + " duplicated="
                + duplicatedDeliveries() + " malformed=" + malformedFrames() + " gapMissed=" + gapMissedDeliveries()
                + " requests=" + requests() + " rateLimited=" + rateLimited();
    }
}
