package com.instainstru.loadtest.correlation;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Monotonic and wall clock moving together, only when a test advances them. */
final class FakeClock implements NanoClock, WallClock {

    /** Deliberately not zero and far from the wall clock, so mixing the two bases would show. */
    static final long START_NANOS = 5_000_000_000_000L;
    static final long START_EPOCH_MICROS = 1_764_235_200_000_000L;

    private final AtomicLong nanos = new AtomicLong(START_NANOS);

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long epochMicros() {
        return START_EPOCH_MICROS + (nanos.get() - START_NANOS) / 1000;
    }

    long epochMillis() {
        return epochMicros() / 1000;
    }

    long advanceMillis(long millis) {
        return nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    long advanceNanos(long n) {
        return nanos.addAndGet(n);
    }
}
