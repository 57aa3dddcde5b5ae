package com.instainstru.loadtest.correlation;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Messages sent by other engines: one wall-clock {@code e2e_cross_engine_latency} record per token, and repeats of
 * it recognised until the pending timeout. Its expiry queue lives here, next to the set it prunes; the
 * {@link ExpirySweeper} drives it.
 */
final class CrossEngineTracker {

    private final NanoClock clock;
    private final LedgerCounters counters;
    private final Consumer<LedgerRecord> emit;
    private final ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
    /** Insertion order, so the head is always the next to forget. */
    private final ConcurrentLinkedQueue<ForeignToken> expiry = new ConcurrentLinkedQueue<>();

    private record ForeignToken(String token, long deadlineNanos) {
    }

    CrossEngineTracker(NanoClock clock, LedgerCounters counters, Consumer<LedgerRecord> emit) {
        this.clock = clock;
        this.counters = counters;
        this.emit = emit;
    }

    /** A stream got the message {@code v} of another engine. */
    DeliveryOutcome delivered(StreamTicket ticket, TokenView v, CharSequence data, long receivedEpochMillis,
                              long pendingTimeoutNanos) {
        counters.crossEngineDeliveries.increment();
        if (ticket.sequenceWentBackwards(v.senderKey(data), v.seq)) {
            counters.outOfOrder.increment();
        }
        String token = v.tokenText(data);
        if (seen.putIfAbsent(token, Boolean.TRUE) != null) {
            return DeliveryOutcome.CROSS_ENGINE_REPEAT;
        }
        expiry.add(new ForeignToken(token, clock.nanoTime() + pendingTimeoutNanos));
        counters.crossEngine.increment();
        double latency = receivedEpochMillis - v.epochMicros / 1000.0;
        emit.accept(LedgerRecord.crossEngine(token, ticket.name(), v.epochMicros / 1000, latency,
                message(v.engineId(data), latency)));
        return DeliveryOutcome.CROSS_ENGINE;
    }

    private static String message(String engine, double latency) {
        return "wall-clock, sent by engine " + engine + "; clocks must be in sync"
                + (latency >= 0 ? "" : String.format(Locale.ROOT,
                "; negative latency %.3f ms: this engine's clock is behind the sender's", latency));
    }

    /** Forgets the tokens whose pending timeout has passed; later deliveries of them make a new record. */
    void expire(long now) {
        ForeignToken foreign;
        while ((foreign = expiry.peek()) != null && now - foreign.deadlineNanos() >= 0) {
            expiry.poll();
            seen.remove(foreign.token());
        }
    }

    void clear() {
        seen.clear();
        expiry.clear();
    }
}
