package com.instainstru.loadtest.correlation;

import java.time.Clock;
import java.time.Instant;

/**
 * Wall-clock time source in microseconds since the epoch. Used for the send time written into
 * tokens (so another engine can compute a wall-clock latency) and for record start times.
 */
@FunctionalInterface
public interface WallClock {

    /** The system UTC clock, with the best precision the platform offers (micros on Linux/Java 17). */
    WallClock SYSTEM = () -> {
        Instant now = Clock.systemUTC().instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    };

    /** Microseconds since 1970-01-01T00:00:00Z. */
    long epochMicros();
}
