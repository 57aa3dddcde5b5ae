package com.instainstru.loadtest.correlation;

import java.util.List;

/**
 * What one engine knows that another engine's accounting needs. No engine can see a message of engine A that
 * engine B's streams never got: A never expected B's streams and B never knew the message existed. So every
 * engine records these facts, they travel to the controller's JTL like any sample ({@code e2e_delivery_facts}),
 * and the results tool joins them into one fan-out per message over every engine's streams.
 *
 * <p>Times are wall-clock epoch milliseconds of the engine that recorded them: joining them across engines
 * is only as good as the engines' clock sync (NTP), which the report states.
 */
public sealed interface DeliveryFact {

    /** The engine that recorded the fact (its ledger's engine id, as in the tokens it issues). */
    String engine();

    /**
     * A message this engine sent, once the send succeeded and its own fan-out is decided.
     *
     * @param participants the conversation's declared participants (empty: none declared, the sender alone)
     * @param own how this engine's own expected streams ended (decided by its ledger, monotonic clock)
     * @param rules the ledger's rules the join applies to the other engines' streams (all engines run one plan)
     */
    record Sent(String engine, String token, String conversationId, String sender, List<String> participants,
                long sentEpochMicros, OwnFanout own, Rules rules) implements DeliveryFact {
        public Sent {
            participants = List.copyOf(participants);
        }
    }

    /** {@link LedgerSettings#raceWindow()}, {@link LedgerSettings#closeGrace()}, {@link LedgerSettings#pendingTimeout()}. */
    record Rules(long raceWindowMillis, long closeGraceMillis, long pendingTimeoutMillis) {
        public static Rules of(LedgerSettings s) {
            return new Rules(s.raceWindow().toMillis(), s.closeGrace().toMillis(), s.pendingTimeout().toMillis());
        }
    }

    /**
     * The sending engine's own expected streams.
     *
     * @param lastDeliveryMillis send → last own expected delivery (ms, monotonic); 0 when none was delivered
     * @param lostStreams how the first few lost streams ended, as the fan-out record says it
     */
    record OwnFanout(int expected, int delivered, int raceMisses, int unobserved, int lost,
                     double lastDeliveryMillis, List<String> lostStreams) {
        public OwnFanout {
            lostStreams = List.copyOf(lostStreams);
        }

        public static final OwnFanout NONE = new OwnFanout(0, 0, 0, 0, 0, 0, List.of());
    }

    /**
     * One stream of this engine that became listening, recorded when it ended (or at test end while still open).
     *
     * @param streamId unique per engine and run
     * @param listeningEpochMillis its first event (from then on a message expects it)
     * @param firstMessageEpochMillis its first message of any sender (proof that the server had subscribed it),
     *        or -1 if it never got one
     * @param closedEpochMillis when it ended
     * @param closeCause {@link CloseCause} name, or {@link #TEST_END} for a stream still open at test end
     * @param closedWhileReconnecting it ended during a reconnect outage (the server would have replayed)
     */
    record StreamSpan(String engine, int streamId, String stream, String identity, long listeningEpochMillis,
                      long firstMessageEpochMillis, long closedEpochMillis, String closeCause,
                      boolean closedWhileReconnecting) implements DeliveryFact {
        public static final String TEST_END = "TEST_END";
    }

    /**
     * Deliveries of another engine's message to this engine's streams (every stream that got it once, in
     * arrival order). A message with many deliveries here comes in several facts.
     */
    record Received(String engine, String token, List<Delivery> deliveries) implements DeliveryFact {
        public Received {
            deliveries = List.copyOf(deliveries);
        }
    }

    /** One stream's first receipt of a message. */
    record Delivery(int streamId, String stream, long receivedEpochMillis) {
    }
}
