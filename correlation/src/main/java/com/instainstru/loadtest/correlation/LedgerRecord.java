package com.instainstru.loadtest.correlation;

import java.util.List;

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
 * @param raceMissedStreams the first few race-missed streams as the message describes them (e.g. "stream vu-1 not
 *        yet connected at send"); {@code raceMisses} counts them all, so it may be larger
 * @param fact for {@link #E2E_DELIVERY_FACTS} only: what the cross-engine join needs; else null
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
        String clockBasis,
        List<String> raceMissedStreams,
        DeliveryFact fact) {

    public static final String E2E_FULL_LATENCY = "e2e_full_latency";
    public static final String E2E_FANOUT_COMPLETE = "e2e_fanout_complete";
    public static final String E2E_CROSS_ENGINE_LATENCY = "e2e_cross_engine_latency";
    /** Bookkeeping, not a measurement: one {@link DeliveryFact} for the results tool's cross-engine join. */
    public static final String E2E_DELIVERY_FACTS = "e2e_delivery_facts";
    public static final String MONOTONIC = "monotonic";
    public static final String WALL_CLOCK = "wall-clock";

    public LedgerRecord {
        raceMissedStreams = raceMissedStreams == null ? List.of() : List.copyOf(raceMissedStreams);
    }

    /** The message a record is about. */
    public record Sent(String token, String messageId, String conversationId, long startEpochMillis) {
    }

    /** How the expected streams of a message ended; see the record's components of the same names. */
    public record Tally(int expected, int delivered, int duplicates, int outOfOrder, int raceMisses,
                        List<String> raceMissedStreams, int closedByClient, int lost) {
    }

    /** The successful {@link #E2E_FULL_LATENCY} of a message's first delivery in this JVM. */
    public static LedgerRecord firstDelivery(Sent sent, String streamName, int expected, double latencyMillis) {
        return new LedgerRecord(E2E_FULL_LATENCY, true, sent.startEpochMillis(), latencyMillis,
                "first delivery, on stream " + streamName + " (" + expected + " expected)", sent.token(),
                sent.messageId(), sent.conversationId(), streamName, expected, 1, 0, 0, 0, 0, 0, MONOTONIC, List.of(), null);
    }

    /** The failed {@link #E2E_FULL_LATENCY} of a message no expected stream got. */
    public static LedgerRecord notDelivered(Sent sent, double latencyMillis, String message, Tally tally) {
        return ownEngine(E2E_FULL_LATENCY, false, sent, latencyMillis, message, tally);
    }

    /** The {@link #E2E_FANOUT_COMPLETE} of a message every expected stream is accounted for. */
    public static LedgerRecord fanOut(Sent sent, boolean success, double latencyMillis, String message, Tally tally) {
        return ownEngine(E2E_FANOUT_COMPLETE, success, sent, latencyMillis, message, tally);
    }

    /** The {@link #E2E_CROSS_ENGINE_LATENCY} of another engine's message; a negative latency fails it. */
    public static LedgerRecord crossEngine(String token, String streamName, long startEpochMillis,
                                           double latencyMillis, String message) {
        return new LedgerRecord(E2E_CROSS_ENGINE_LATENCY, latencyMillis >= 0, startEpochMillis, latencyMillis,
                message, token, null, null, streamName, 0, 1, 0, 0, 0, 0, 0, WALL_CLOCK, List.of(), null);
    }

    /** An {@link #E2E_DELIVERY_FACTS} record at {@code atEpochMillis}. */
    public static LedgerRecord facts(DeliveryFact fact, long atEpochMillis, String message) {
        return new LedgerRecord(E2E_DELIVERY_FACTS, true, atEpochMillis, 0, message, null, null, null, null,
                0, 0, 0, 0, 0, 0, 0, WALL_CLOCK, List.of(), fact);
    }

    private static LedgerRecord ownEngine(String label, boolean success, Sent sent, double latencyMillis,
                                          String message, Tally t) {
        return new LedgerRecord(label, success, sent.startEpochMillis(), latencyMillis, message, sent.token(),
                sent.messageId(), sent.conversationId(), null, t.expected(), t.delivered(), t.duplicates(),
                t.outOfOrder(), t.raceMisses(), t.closedByClient(), t.lost(), MONOTONIC, t.raceMissedStreams(), null);
    }

    /** Latency rounded to whole milliseconds, as JMeter's elapsed time wants it (never negative). */
    public long elapsedMillis() {
        return Math.max(0L, Math.round(latencyMillis));
    }
}
