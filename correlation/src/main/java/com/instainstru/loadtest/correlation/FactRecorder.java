package com.instainstru.loadtest.correlation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Emits the {@link DeliveryFact}s of this engine as {@code e2e_delivery_facts} records, with the ledger's
 * monotonic times turned into this engine's wall-clock time (what another engine's times can be compared with).
 */
final class FactRecorder {

    /** Deliveries per {@link DeliveryFact.Received}: keeps one JTL row short whatever the fan-out. */
    static final int DELIVERIES_PER_FACT = 200;

    private final NanoClock clock;
    private final WallClock wall;
    private final Supplier<LedgerSettings> settings;
    private final Consumer<LedgerRecord> emit;

    FactRecorder(NanoClock clock, WallClock wall, Supplier<LedgerSettings> settings, Consumer<LedgerRecord> emit) {
        this.clock = clock;
        this.wall = wall;
        this.settings = settings;
        this.emit = emit;
    }

    /** This engine's wall-clock time (epoch ms) of a monotonic instant. */
    long epochMillisAt(long nanos) {
        long nowMillis = wall.epochMicros() / 1000;
        return nowMillis - Math.round((clock.nanoTime() - nanos) / 1e6);
    }

    long nowEpochMillis() {
        return wall.epochMicros() / 1000;
    }

    /** A stream that was listening ended (or the test ended while it was open); once per stream. */
    void streamEnded(StreamTicket t, String cause, long endedNanos) {
        if (!t.isListening() || !t.takeSpan()) {
            return;
        }
        long closed = epochMillisAt(endedNanos);
        DeliveryFact.StreamSpan span = new DeliveryFact.StreamSpan(settings.get().engineId(), t.id, t.name(), t.identity(),
                epochMillisAt(t.listeningNanos()), t.sawMessage() ? epochMillisAt(t.firstMessageNanos()) : -1,
                closed, cause, t.closedWhileReconnecting());
        emit.accept(LedgerRecord.facts(span, closed, "stream " + t.name() + " (" + t.identity() + ") " + cause));
    }

    /** A message of this engine whose send succeeded and whose own fan-out is decided. */
    void sent(PendingSend p, DeliveryFact.OwnFanout own) {
        DeliveryFact.Sent sent = new DeliveryFact.Sent(settings.get().engineId(), p.tokenText, p.conversationId,
                p.senderIdentity, p.declaredParticipants, p.sendEpochMicros, own, DeliveryFact.Rules.of(settings.get()));
        emit.accept(LedgerRecord.facts(sent, p.sendEpochMicros / 1000, "sent " + p.tokenText + " in conversation "
                + p.conversationId + " (" + own.expected() + " streams of this engine expected)"));
    }

    /** Every stream of this engine that got another engine's message, in chunks. */
    void received(String token, long sentEpochMillis, List<DeliveryFact.Delivery> deliveries) {
        for (int from = 0; from < deliveries.size(); from += DELIVERIES_PER_FACT) {
            List<DeliveryFact.Delivery> chunk = new ArrayList<>(
                    deliveries.subList(from, Math.min(deliveries.size(), from + DELIVERIES_PER_FACT)));
            emit.accept(LedgerRecord.facts(new DeliveryFact.Received(settings.get().engineId(), token, chunk), sentEpochMillis,
                    "message " + token + " of another engine reached " + chunk.size() + " stream(s) of this engine"));
        }
    }
}
