package com.instainstru.loadtest.refserver;

import java.util.Random;

/**
 * Live, thread-safe fault injection. Every knob takes effect for the next request, stream or delivery.
 * Random decisions come from one seeded {@link Random}, so a test that sets a seed and drives one stream
 * sees the same faults every run.
 */
public final class FaultKnobs {
    private final long initialSeed;
    private final Random random;
    private volatile long publishDelayMillis;
    private volatile long loginDelayMillis;
    private volatile double dropFraction;
    private volatile double duplicateFraction;
    private volatile int closeAfterEvents;
    private volatile double closeAfterSeconds;
    private volatile double errorFraction;
    private volatile int errorStatus = 503;
    private volatile double stallFraction;
    private volatile double malformedFraction;
    private volatile long subscribeGapMillis;

    FaultKnobs(long seed) {
        this.initialSeed = seed;
        this.random = new Random(seed);
    }

    /** Back to no faults and the initial random seed. */
    public void reset() {
        publishDelayMillis = 0;
        loginDelayMillis = 0;
        dropFraction = 0;
        duplicateFraction = 0;
        closeAfterEvents = 0;
        closeAfterSeconds = 0;
        errorFraction = 0;
        errorStatus = 503;
        stallFraction = 0;
        malformedFraction = 0;
        subscribeGapMillis = 0;
        setSeed(initialSeed);
    }

    public void setSeed(long seed) {
        synchronized (random) {
            random.setSeed(seed);
        }
    }

    /** Delays publishing a sent message (and therefore the POST response) by this many ms. */
    public void setPublishDelayMillis(long millis) {
        this.publishDelayMillis = requireNonNegative(millis, "publish delay");
    }

    /** Delays each password verification by this many ms (while holding a login concurrency slot). */
    public void setLoginDelayMillis(long millis) {
        this.loginDelayMillis = requireNonNegative(millis, "login delay");
    }

    /** Fraction of new_message deliveries (per stream) silently not written. */
    public void setDropFraction(double fraction) {
        this.dropFraction = requireFraction(fraction, "drop fraction");
    }

    /** Fraction of new_message deliveries (per stream) written twice. */
    public void setDuplicateFraction(double fraction) {
        this.duplicateFraction = requireFraction(fraction, "duplicate fraction");
    }

    /** Close each stream after it has sent this many events (connected, heartbeat, new_message); 0 = never. */
    public void setCloseAfterEvents(int events) {
        this.closeAfterEvents = (int) requireNonNegative(events, "close-after events");
    }

    /** Close each stream this many seconds after it opened; 0 = never. */
    public void setCloseAfterSeconds(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("close-after seconds must be a finite number >= 0, got " + seconds);
        }
        this.closeAfterSeconds = seconds;
    }

    /** Fraction of all requests answered with {@code status} (a problem-JSON body) instead of being served. */
    public void setErrorFraction(double fraction, int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("error status must be 400..599, got " + status);
        }
        this.errorStatus = status;
        this.errorFraction = requireFraction(fraction, "error fraction");
    }

    /** Fraction of streams that send their headers and then nothing at all. */
    public void setStallFraction(double fraction) {
        this.stallFraction = requireFraction(fraction, "stall fraction");
    }

    /** Fraction of new_message deliveries (per stream) replaced by a frame whose data is not valid JSON. */
    public void setMalformedFraction(double fraction) {
        this.malformedFraction = requireFraction(fraction, "malformed fraction");
    }

    /** Time after {@code connected} during which a stream is not yet subscribed: messages published then are lost. */
    public void setSubscribeGapMillis(long millis) {
        this.subscribeGapMillis = requireNonNegative(millis, "subscribe gap");
    }

    public long publishDelayMillis() {
        return publishDelayMillis;
    }

    public long loginDelayMillis() {
        return loginDelayMillis;
    }

    public double dropFraction() {
        return dropFraction;
    }

    public double duplicateFraction() {
        return duplicateFraction;
    }

    public int closeAfterEvents() {
        return closeAfterEvents;
    }

    public double closeAfterSeconds() {
        return closeAfterSeconds;
    }

    public double errorFraction() {
        return errorFraction;
    }

    public int errorStatus() {
        return errorStatus;
    }

    public double stallFraction() {
        return stallFraction;
    }

    public double malformedFraction() {
        return malformedFraction;
    }

    public long subscribeGapMillis() {
        return subscribeGapMillis;
    }

    /** True with probability {@code fraction}; draws nothing when the knob is off so seeded runs stay aligned. */
    boolean roll(double fraction) {
        if (fraction <= 0) {
            return false;
        }
        if (fraction >= 1) {
            return true;
        }
        synchronized (random) {
            return random.nextDouble() < fraction;
        }
    }

    private static long requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + value);
        }
        return value;
    }

    private static double requireFraction(double value, String what) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1, got " + value);
        }
        return value;
    }
}
