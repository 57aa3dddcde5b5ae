package com.instainstru.loadtest.correlation;

/**
 * One completed measurement, ready to become one JMeter sample.
 *
 * @param label {@link #E2E_FULL_LATENCY}, {@link #E2E_FANOUT_COMPLETE} or {@link #E2E_CROSS_ENGINE_LATENCY}
 * @param success false for lost deliveries (fan-out), a message no expected stream got (full latency) or a
 *        negative cross-engine latency (clocks out of sync)
 * @param startEpochMillis wall-clock send time
 * @param latencyMillis receive − send, microsecond precision (for a failed fan-out: until the ledger gave up)
 * @param message human-readable outcome; for failures it names the streams and why
 * @param token the correlation token text
 * @param messageId the server's message id if known yet (from {@code sendSucceeded} or the SSE {@code id:}), else null
 * @param conversationId null for cross-engine records (unknown here)
 * @param streamName the stream of the first delivery (full latency, cross-engine), else null
 * @param expected streams open for the message's participants at send time (0 for cross-engine records)
 * @param delivered expected streams that got it (1 in a successful full-latency or cross-engine record)
 * @param duplicates repeated deliveries on one stream before the record was made
 * @param outOfOrder deliveries that arrived after a later message of the same sender on the same stream
 * @param raceMisses expected streams that missed it within the subscription race (not an error)
 * @param closedByClient expected streams the client closed within the close grace, or during a reconnect
 *        outage, without it (not an error)
 * @param lost expected streams that closed by server/error/timeout, or stayed open past the timeout, without it
 * @param clockBasis {@link #MONOTONIC} within one JVM, {@link #WALL_CLOCK} across engines
 */
public record LedgerRecord(
        String label,
        boolean success,
        long startEpochMillis,
        double latencyMillis,
        String message,
        String token,
        String messageId,
        String conversationId,
        String streamName,
        int expected,
        int delivered,
        int duplicates,
        int outOfOrder,
        int raceMisses,
        int closedByClient,
        int lost,
        String clockBasis) {

    public static final String E2E_FULL_LATENCY = "e2e_full_latency";
    public static final String E2E_FANOUT_COMPLETE = "e2e_fanout_complete";
    public static final String E2E_CROSS_ENGINE_LATENCY = "e2e_cross_engine_latency";
    public static final String MONOTONIC = "monotonic";
    public static final String WALL_CLOCK = "wall-clock";

    /** Latency rounded to whole milliseconds, as JMeter's elapsed time wants it (never negative). */
    public long elapsedMillis() {
        return Math.max(0L, Math.round(latencyMillis));
    }
}
