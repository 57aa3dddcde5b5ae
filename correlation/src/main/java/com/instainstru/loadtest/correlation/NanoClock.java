package com.instainstru.loadtest.correlation;

/**
 * Monotonic time source in nanoseconds (same time base as {@link System#nanoTime()}).
 * Injectable so tests can drive latency and expiry deterministically.
 */
@FunctionalInterface
public interface NanoClock {

    /** The JVM's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /** Current monotonic time; only differences between two readings are meaningful. */
    long nanoTime();
}
