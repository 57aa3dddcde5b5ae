package com.instainstru.loadtest.sse;

import java.time.Duration;
import java.util.Objects;

/**
 * What a stream does when the connection drops after it was opened.
 *
 * <p>{@link #NONE} (the default) ends the stream with the {@link CloseReason}; the scenario plans count that as
 * an error. An enabled policy lets the stream reconnect with exponential backoff
 * ({@code baseDelay * 2^n}, capped at {@code maxDelay}, no jitter so runs are repeatable), up to
 * {@code maxAttempts} consecutive failed attempts per outage. The drop itself is not an attempt; attempt 1 is the
 * first reconnect. Both the attempt count and the backoff restart with every outage: once a reconnect got its 2xx
 * and headers, the next drop waits {@code baseDelay} again however short the connection was (on both transports).
 * {@link SseStream#lastReconnectGapMillis()} reports the gap of the latest outage.
 *
 * <p>{@code honourRetryField}: a {@code retry:} line from the server replaces the base delay (SSE spec).
 * {@code resumeWithLastEventId}: reconnects send {@code Last-Event-ID} with the id of the last event seen.
 *
 * <p>HTTP errors on a reconnect: 408, 429 and 5xx are retried within the attempt budget; any other status
 * (401 when a token expired, 403, 404 ...) ends the stream at once with {@link CloseReason.Kind#HTTP_ERROR}.
 */
public final class ReconnectPolicy {

    /** Never reconnect: a drop ends the stream. */
    public static final ReconnectPolicy NONE = new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, 0, false, false);

    private final boolean enabled;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final int maxAttempts;
    private final boolean honourRetryField;
    private final boolean resumeWithLastEventId;

    private ReconnectPolicy(boolean enabled, Duration baseDelay, Duration maxDelay, int maxAttempts,
                            boolean honourRetryField, boolean resumeWithLastEventId) {
        this.enabled = enabled;
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.maxAttempts = maxAttempts;
        this.honourRetryField = honourRetryField;
        this.resumeWithLastEventId = resumeWithLastEventId;
    }

    /**
     * An enabled policy.
     *
     * @param baseDelay first reconnect delay (0 allowed, use with care: reconnect storm)
     * @param maxDelay cap of the backoff, at least {@code baseDelay}
     * @param maxAttempts consecutive failed attempts per outage before the stream ends, at least 1
     * @param honourRetryField let {@code retry:} replace the base delay
     * @param resumeWithLastEventId send {@code Last-Event-ID} on reconnects
     * @throws IllegalArgumentException on negative delays, {@code maxDelay < baseDelay} or {@code maxAttempts < 1}
     */
    public static ReconnectPolicy enabled(Duration baseDelay, Duration maxDelay, int maxAttempts,
                                          boolean honourRetryField, boolean resumeWithLastEventId) {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (baseDelay.isNegative()) {
            throw new IllegalArgumentException("reconnect baseDelay must not be negative: " + baseDelay);
        }
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("reconnect maxDelay " + maxDelay + " is below baseDelay " + baseDelay);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("reconnect maxAttempts must be at least 1, got " + maxAttempts);
        }
        return new ReconnectPolicy(true, baseDelay, maxDelay, maxAttempts, honourRetryField, resumeWithLastEventId);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Duration baseDelay() {
        return baseDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public boolean honourRetryField() {
        return honourRetryField;
    }

    public boolean resumeWithLastEventId() {
        return resumeWithLastEventId;
    }

    /**
     * Delay before reconnect attempt {@code n + 1} of an outage: {@code min(cap, base * 2^n)}, no jitter.
     *
     * @param retryFieldMillis the stream's last {@code retry:} value, or a negative number when none came; it
     *                         replaces the base delay only when {@link #honourRetryField()}, and a {@code retry:}
     *                         above {@code maxDelay} raises the cap to itself
     * @param exponent n, from 0
     */
    public long delayMillis(long retryFieldMillis, int exponent) {
        long base = honourRetryField && retryFieldMillis >= 0 ? retryFieldMillis : baseDelay.toMillis();
        long cap = Math.max(maxDelay.toMillis(), base);
        int n = Math.min(Math.max(exponent, 0), 62);
        return n >= 62 || base > (cap >> n) ? cap : Math.min(cap, base << n);
    }

    /** True for statuses worth another try: timeouts, rate limits, server trouble. */
    public static boolean retryableStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    @Override
    public String toString() {
        if (!enabled) {
            return "ReconnectPolicy.NONE";
        }
        return "ReconnectPolicy[base=" + baseDelay + ", max=" + maxDelay + ", attempts=" + maxAttempts
                + ", honourRetry=" + honourRetryField + ", resume=" + resumeWithLastEventId + "]";
    }
}
