package com.instainstru.loadtest.correlation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Messages sent by other engines: one wall-clock {@code e2e_cross_engine_latency} record per token at its first
 * delivery here, and, when the token's window (the pending timeout after that delivery) closes or the test
 * ends, the {@link DeliveryFact.Received} facts listing every stream of this engine that got it, for the
 * cross-engine join. Its expiry queue lives here, next to the map it prunes; the {@link ExpirySweeper} drives it.
 *
 * <p>Bounded: at most {@link #MAX_TRACKED} tokens at once (a server can invent tokens). Deliveries of tokens
 * beyond it still count and still get their latency record, but are not in the facts; the snapshot's
 * {@code crossEngineUntracked} counts them, and the report says so.
 */
final class CrossEngineTracker {

    static final int MAX_TRACKED = 100_000;

    private final NanoClock clock;
    private final LedgerCounters counters;
    private final Consumer<LedgerRecord> emit;
    private final FactRecorder facts;
    private final ConcurrentHashMap<String, ForeignToken> tracked = new ConcurrentHashMap<>();
    /** Insertion order, so the head is always the next to forget. */
    private final ConcurrentLinkedQueue<ForeignToken> expiry = new ConcurrentLinkedQueue<>();

    /** One foreign message as this engine saw it; its lists are guarded by the object. */
    private static final class ForeignToken {
        final String token;
        final long sentEpochMillis;
        final long deadlineNanos;
        final List<DeliveryFact.Delivery> deliveries = new ArrayList<>(2);
        final Set<Integer> streams = new HashSet<>(4);

        ForeignToken(String token, long sentEpochMillis, long deadlineNanos) {
            this.token = token;
            this.sentEpochMillis = sentEpochMillis;
            this.deadlineNanos = deadlineNanos;
        }

        synchronized void add(StreamTicket ticket, long receivedEpochMillis) {
            if (streams.add(ticket.id)) {
                deliveries.add(new DeliveryFact.Delivery(ticket.id, ticket.name(), receivedEpochMillis));
            }
        }

        synchronized List<DeliveryFact.Delivery> taken() {
            return new ArrayList<>(deliveries);
        }
    }

    CrossEngineTracker(NanoClock clock, LedgerCounters counters, Consumer<LedgerRecord> emit, FactRecorder facts) {
        this.clock = clock;
        this.counters = counters;
        this.emit = emit;
        this.facts = facts;
    }

    /** A stream got the message {@code v} of another engine. */
    DeliveryOutcome delivered(StreamTicket ticket, TokenView v, CharSequence data, long receivedEpochMillis,
                              long pendingTimeoutNanos) {
        counters.crossEngineDeliveries.increment();
        if (ticket.sequenceWentBackwards(v.senderKey(data), v.seq)) {
            counters.outOfOrder.increment();
        }
        String token = v.tokenText(data);
        ForeignToken known = tracked.get(token);
        if (known != null) {
            known.add(ticket, receivedEpochMillis);
            return DeliveryOutcome.CROSS_ENGINE_REPEAT;
        }
        if (tracked.size() >= MAX_TRACKED) {
            counters.crossEngineUntracked.increment();
            emitLatency(ticket, v, data, token, receivedEpochMillis);
            return DeliveryOutcome.CROSS_ENGINE;
        }
        ForeignToken fresh = new ForeignToken(token, v.epochMicros / 1000, clock.nanoTime() + pendingTimeoutNanos);
        known = tracked.putIfAbsent(token, fresh);
        if (known != null) {
            known.add(ticket, receivedEpochMillis);
            return DeliveryOutcome.CROSS_ENGINE_REPEAT;
        }
        fresh.add(ticket, receivedEpochMillis);
        expiry.add(fresh);
        emitLatency(ticket, v, data, token, receivedEpochMillis);
        return DeliveryOutcome.CROSS_ENGINE;
    }

    private void emitLatency(StreamTicket ticket, TokenView v, CharSequence data, String token, long receivedEpochMillis) {
        counters.crossEngine.increment();
        double latency = receivedEpochMillis - v.epochMicros / 1000.0;
        emit.accept(LedgerRecord.crossEngine(token, ticket.name(), v.epochMicros / 1000, latency,
                message(v.engineId(data), latency)));
    }

    private static String message(String engine, double latency) {
        return "wall-clock, sent by engine " + engine + "; clocks must be in sync"
                + (latency >= 0 ? "" : String.format(Locale.ROOT,
                "; negative latency %.3f ms: this engine's clock is behind the sender's", latency));
    }

    /**
     * Closes the windows whose pending timeout has passed: their facts go out, and later deliveries of them
     * open a new window (the join merges both).
     */
    void expire(long now) {
        ForeignToken foreign;
        while ((foreign = expiry.peek()) != null && now - foreign.deadlineNanos >= 0) {
            expiry.poll();
            close(foreign);
        }
    }

    /** Test end: every open window's facts go out now. */
    void flush() {
        ForeignToken foreign;
        while ((foreign = expiry.poll()) != null) {
            close(foreign);
        }
    }

    private void close(ForeignToken foreign) {
        tracked.remove(foreign.token, foreign);
        facts.received(foreign.token, foreign.sentEpochMillis, foreign.taken());
    }

    /** Reset: forgets everything without facts. */
    void clear() {
        tracked.clear();
        expiry.clear();
    }
}
