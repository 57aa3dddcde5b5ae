package com.instainstru.loadtest.report.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.correlation.DeliveryFact;

/** The join over two engines' facts: what no single engine's ledger could see. */
class CrossEngineJoinTest {

    private static final long T = 1_764_235_200_000L; // the send, engine A's wall clock
    private static final DeliveryFact.Rules RULES = new DeliveryFact.Rules(1_000, 2_000, 10_000);
    private static final String EMMA = "emma@example.com";
    private static final String SARAH = "sarah@example.com";

    private final CrossEngineJoin join = new CrossEngineJoin(100);

    private static DeliveryFact.Sent sentByA(String token, DeliveryFact.OwnFanout own) {
        return new DeliveryFact.Sent("engA", token, "conv1", EMMA, List.of(EMMA, SARAH), T * 1000, own, RULES);
    }

    private static DeliveryFact.OwnFanout ownDelivered(int n, double lastMs) {
        return new DeliveryFact.OwnFanout(n, n, 0, 0, 0, lastMs, List.of());
    }

    private static DeliveryFact.StreamSpan spanOfB(int id, String identity, long listening, long firstMessage,
                                                   long closed, String cause) {
        return new DeliveryFact.StreamSpan("engB", id, "vu-" + id + "#1", identity, listening, firstMessage, closed,
                cause, false);
    }

    private static DeliveryFact.Received receivedByB(String token, int streamId, long at) {
        return new DeliveryFact.Received("engB", token, List.of(new DeliveryFact.Delivery(streamId, "vu-" + streamId + "#1", at)));
    }

    @Test
    void aStreamOfAnotherEngineThatNeverGotTheMessageIsLostAndNamed() {
        join.accept(sentByA("tok1", ownDelivered(1, 12)));
        join.accept(spanOfB(1, SARAH, T - 20_000, T - 19_000, T + 30_000, "CLIENT")); // got it
        join.accept(spanOfB(2, SARAH, T - 20_000, T - 19_000, T + 30_000, "CLIENT")); // never got it
        join.accept(receivedByB("tok1", 1, T + 40));

        CrossEngineJoin.Result r = join.finish();
        MessageFanout m = r.fanouts().get(0);
        assertThat(m.expected()).isEqualTo(3);
        assertThat(m.delivered()).isEqualTo(2);
        assertThat(m.lost()).isEqualTo(1);
        assertThat(m.lostOnOtherEngines()).isEqualTo(1);
        assertThat(m.latencyMillis()).isEqualTo(40.0);
        assertThat(m.lostStreams()).singleElement().asString()
                .isEqualTo("stream vu-2#1 on engine engB did not get it within 10.0 s (timeout; stream still open)");
        assertThat(m.describe()).startsWith("lost 1 of 3 deliveries across engines: stream vu-2#1 on engine engB");
        assertThat(r.totals().engines()).containsExactly("engA", "engB");
        assertThat(r.totals().lostOnOtherEngines()).isEqualTo(1);
        assertThat(r.totals().examples()).singleElement().asString().startsWith("message tok1 (engine engA): stream vu-2#1");
    }

    @Test
    void closedByTheServerWithoutItIsLostWithTheCause() {
        join.accept(sentByA("tok1", ownDelivered(1, 5)));
        join.accept(spanOfB(2, SARAH, T - 5_000, T - 4_000, T + 1_200, "SERVER_EOF"));
        MessageFanout m = join.finish().fanouts().get(0);
        assertThat(m.lostStreams()).containsExactly("stream vu-2#1 on engine engB closed by server (EOF) 1.2 s after send");
    }

    @Test
    void racesClientClosesAndClockMarginsAreNeverLosses() {
        join.accept(sentByA("tok1", ownDelivered(1, 5)));
        join.accept(spanOfB(1, SARAH, T - 500, -1, T + 30_000, "CLIENT"));          // connected 0.5 s before: race
        join.accept(spanOfB(2, SARAH, T + 60, -1, T + 30_000, "CLIENT"));           // within the clock margin: race
        join.accept(spanOfB(3, SARAH, T - 9_000, T - 8_000, T + 1_500, "CLIENT"));  // client close within the grace
        join.accept(spanOfB(4, SARAH, T - 9_000, T - 8_000, T + 80, "SERVER_EOF")); // closed within the margin
        join.accept(spanOfB(5, SARAH, T - 9_000, T - 8_000, T - 150, "CLIENT"));    // closed before the send
        join.accept(spanOfB(6, SARAH, T + 500, -1, T + 30_000, "CLIENT"));          // opened after the send
        join.accept(spanOfB(7, "someone-else@example.com", T - 9_000, T - 8_000, T + 30_000, "CLIENT"));

        MessageFanout m = join.finish().fanouts().get(0);
        assertThat(m.lost()).isZero();
        assertThat(m.expected()).isEqualTo(5); // own 1 + streams 1..4
        assertThat(m.raceMisses()).isEqualTo(2);
        assertThat(m.unobserved()).isEqualTo(2);
    }

    @Test
    void aDeliveryAfterTheTimeoutIsLost() {
        join.accept(sentByA("tok1", ownDelivered(1, 5)));
        join.accept(spanOfB(1, SARAH, T - 5_000, T - 4_000, T + 30_000, "CLIENT"));
        join.accept(receivedByB("tok1", 1, T + 12_000));
        MessageFanout m = join.finish().fanouts().get(0);
        assertThat(m.lostStreams()).containsExactly("stream vu-1#1 on engine engB got it only 12.0 s after send (timeout 10.0 s)");
    }

    @Test
    void aMessageTheSenderHadNoStreamForIsStillAccountedOnTheOtherEngine() {
        join.accept(sentByA("tok1", DeliveryFact.OwnFanout.NONE));
        join.accept(spanOfB(1, SARAH, T - 5_000, T - 4_000, T + 30_000, "CLIENT"));
        join.accept(receivedByB("tok1", 1, T + 30));
        MessageFanout m = join.finish().fanouts().get(0);
        assertThat(m.expected()).isEqualTo(1);
        assertThat(m.delivered()).isEqualTo(1);
        assertThat(m.latencyMillis()).isEqualTo(30.0);
    }

    @Test
    void oneEngineIsTheSameAsItsOwnLedger() {
        join.accept(sentByA("tok1", new DeliveryFact.OwnFanout(3, 2, 0, 0, 1, 25, List.of("stream emma#2 timed out 3.0 s after send"))));
        join.accept(sentByA("tok2", DeliveryFact.OwnFanout.NONE)); // nobody listening: no sample, as per engine
        join.accept(new DeliveryFact.StreamSpan("engA", 9, "emma#2", EMMA, T - 9_000, T - 8_000, T + 3_000, "TIMEOUT", false));
        CrossEngineJoin.Result r = join.finish();
        assertThat(r.fanouts()).singleElement().satisfies(m -> {
            assertThat(m.lost()).isEqualTo(1);
            assertThat(m.lostStreams()).containsExactly("stream emma#2 timed out 3.0 s after send (on the sender's engine engA)");
        });
        assertThat(r.totals().messages()).isEqualTo(2);
        assertThat(r.totals().engines()).containsExactly("engA");
        assertThat(r.totals().lostOnOtherEngines()).isZero();
    }

    @Test
    void deliveriesOfAMessageNoEngineSentAreCountedApart() {
        join.accept(receivedByB("ghost", 1, T));
        assertThat(join.finish().totals().receivedWithoutSent()).isEqualTo(1);
    }

    @Test
    void everyFactSurvivesItsJsonForm() {
        List<DeliveryFact> facts = List.of(
                sentByA("tok1", new DeliveryFact.OwnFanout(3, 2, 1, 0, 1, 25.5, List.of("stream x, \"quoted\""))),
                new DeliveryFact.StreamSpan("engB", 7, "vu-7#1", SARAH, T, -1, T + 5, DeliveryFact.StreamSpan.TEST_END, true),
                receivedByB("tok1", 7, T + 3));
        for (DeliveryFact f : facts) {
            String json = DeliveryFactJson.write(f);
            assertThat(json).doesNotContain("\n");
            assertThat(DeliveryFactJson.read(json)).isEqualTo(f);
        }
    }

    @Test
    void badFactsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> DeliveryFactJson.read("not json")).hasMessageStartingWith("not a delivery fact (not JSON)");
        assertThatThrownBy(() -> DeliveryFactJson.read("{\"v\":2,\"kind\":\"sent\"}"))
                .hasMessageContaining("delivery fact version 2 is not known");
        assertThatThrownBy(() -> DeliveryFactJson.read("{\"v\":1,\"kind\":\"teleport\"}"))
                .hasMessage("unknown delivery fact kind 'teleport'");
        assertThatThrownBy(() -> DeliveryFactJson.read("{\"v\":1,\"kind\":\"received\",\"engine\":\"e\",\"token\":\"t\"}"))
                .hasMessage("delivery fact has no 'deliveries'");
        assertThatThrownBy(() -> new CrossEngineJoin(-1)).hasMessageContaining("clock margin must be >= 0");
    }
}
