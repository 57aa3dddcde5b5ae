package com.instainstru.loadtest.correlation;

import static com.instainstru.loadtest.correlation.LedgerFixture.CONVERSATION;
import static com.instainstru.loadtest.correlation.LedgerFixture.EMMA;
import static com.instainstru.loadtest.correlation.LedgerFixture.SARAH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The facts each engine records for the cross-engine join: sent messages, stream spans, foreign deliveries. */
class DeliveryFactsTest {

    private final LedgerFixture f = new LedgerFixture();

    @BeforeEach
    void participants() {
        f.ledger.setParticipants(CONVERSATION, List.of(EMMA, SARAH));
    }

    @Test
    void aSentFactComesOnceTheSendSucceededAndTheOwnFanOutIsDecidedInEitherOrder() {
        StreamTicket sarah = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(2_000);
        PendingSend before = f.send(EMMA);
        f.clock.advanceMillis(7);
        f.deliver(sarah, before);          // fan-out decided before the POST answered
        assertThat(f.facts(DeliveryFact.Sent.class)).isEmpty();
        f.ledger.sendSucceeded(before, "m1");

        PendingSend after = f.send(EMMA);
        f.ledger.sendSucceeded(after, "m2"); // answered first, delivered later
        assertThat(f.facts(DeliveryFact.Sent.class)).hasSize(1);
        f.clock.advanceMillis(3);
        f.deliver(sarah, after);

        List<DeliveryFact.Sent> sent = f.facts(DeliveryFact.Sent.class);
        assertThat(sent).extracting(DeliveryFact.Sent::token).containsExactly(before.token(), after.token());
        DeliveryFact.Sent first = sent.get(0);
        assertThat(first.engine()).isEqualTo("me1");
        assertThat(first.conversationId()).isEqualTo(CONVERSATION);
        assertThat(first.sender()).isEqualTo(EMMA);
        assertThat(first.participants()).containsExactlyInAnyOrder(EMMA, SARAH);
        assertThat(first.sentEpochMicros()).isEqualTo(before.sendEpochMillis() * 1000);
        assertThat(first.own().expected()).isEqualTo(1);
        assertThat(first.own().delivered()).isEqualTo(1);
        assertThat(first.own().lastDeliveryMillis()).isEqualTo(7.0);
    }

    @Test
    void aFailedSendHasNoSentFactEvenWhenItsFanOutWasAlreadyDecided() {
        StreamTicket sarah = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(2_000);
        PendingSend p = f.send(EMMA);
        f.deliver(sarah, p);
        f.ledger.sendFailed(p, "HTTP 500");
        assertThat(f.facts(DeliveryFact.Sent.class)).isEmpty();
    }

    @Test
    void aMessageNoStreamOfThisEngineExpectedStillHasASentFactForTheOtherEngines() {
        PendingSend p = f.send(EMMA);
        f.ledger.sendSucceeded(p, "m1");
        f.clock.advanceMillis(10_001);
        f.ledger.expireOverdue();
        DeliveryFact.Sent sent = f.facts(DeliveryFact.Sent.class).get(0);
        assertThat(sent.token()).isEqualTo(p.token());
        assertThat(sent.own()).isEqualTo(DeliveryFact.OwnFanout.NONE);
    }

    @Test
    void aLostOwnDeliveryIsNamedInTheSentFact() {
        StreamTicket sarah = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(2_000);
        PendingSend p = f.send(EMMA);
        f.ledger.sendSucceeded(p, "m1");
        f.clock.advanceMillis(500);
        f.ledger.streamClosed(sarah, CloseCause.SERVER_EOF, null, f.clock.nanoTime());
        DeliveryFact.OwnFanout own = f.facts(DeliveryFact.Sent.class).get(0).own();
        assertThat(own.lost()).isEqualTo(1);
        assertThat(own.lostStreams()).singleElement().asString().contains("sarah#1", "closed by server (EOF)");
    }

    @Test
    void aListeningStreamLeavesOneSpanWithWallClockTimesAndOneOnlyEvenIfTheTestEndsFirst() {
        long opened = f.clock.epochMillis();
        StreamTicket emma = f.listening("emma#1", EMMA);
        f.clock.advanceMillis(1_500);
        f.deliverContent(emma, CorrelationToken.of("other9", "t4", 1, f.clock.epochMicros()).render());
        f.clock.advanceMillis(1_000);
        StreamTicket stillOpen = f.listening("sarah#1", SARAH);
        f.ledger.streamClosed(emma, CloseCause.CLIENT, null, f.clock.nanoTime());
        f.ledger.flushAll("test ended");
        f.ledger.streamClosed(stillOpen, CloseCause.CLIENT, null, f.clock.nanoTime());
        f.ledger.streamOpened("never-listening#1", SARAH); // no first event: never expected, no span

        List<DeliveryFact.StreamSpan> spans = f.facts(DeliveryFact.StreamSpan.class);
        assertThat(spans).extracting(DeliveryFact.StreamSpan::stream).containsExactly("emma#1", "sarah#1");
        DeliveryFact.StreamSpan e = spans.get(0);
        assertThat(e.identity()).isEqualTo(EMMA);
        assertThat(e.listeningEpochMillis()).isEqualTo(opened);
        assertThat(e.firstMessageEpochMillis()).isEqualTo(opened + 1_500);
        assertThat(e.closedEpochMillis()).isEqualTo(opened + 2_500);
        assertThat(e.closeCause()).isEqualTo("CLIENT");
        assertThat(spans.get(1).closeCause()).isEqualTo(DeliveryFact.StreamSpan.TEST_END);
        assertThat(spans.get(1).firstMessageEpochMillis()).isEqualTo(-1);
        assertThat(spans.get(0).streamId()).isNotEqualTo(spans.get(1).streamId());
    }

    @Test
    void everyStreamThatGotAForeignMessageIsInItsFactOnceWhenTheWindowCloses() {
        StreamTicket emma = f.listening("emma#1", EMMA);
        StreamTicket sarah = f.listening("sarah#1", SARAH);
        String token = CorrelationToken.of("other9", "t4", 17, f.clock.epochMicros()).render();
        f.deliverContent(emma, token);
        f.clock.advanceMillis(3);
        f.deliverContent(sarah, token);
        f.deliverContent(sarah, token); // a duplicate adds nothing
        assertThat(f.facts(DeliveryFact.Received.class)).isEmpty(); // the window is still open
        f.clock.advanceMillis(10_000);
        f.ledger.expireOverdue();

        DeliveryFact.Received r = f.facts(DeliveryFact.Received.class).get(0);
        assertThat(r.engine()).isEqualTo("me1");
        assertThat(r.token()).isEqualTo(token);
        assertThat(r.deliveries()).extracting(DeliveryFact.Delivery::stream).containsExactly("emma#1", "sarah#1");
        assertThat(r.deliveries().get(1).receivedEpochMillis() - r.deliveries().get(0).receivedEpochMillis())
                .isEqualTo(3);
    }

    @Test
    void theTestEndFlushesOpenForeignWindowsAndABigFanOutComesInChunks() {
        int streams = FactRecorder.DELIVERIES_PER_FACT + 1;
        String token = CorrelationToken.of("other9", "t4", 17, f.clock.epochMicros()).render();
        for (int i = 0; i < streams; i++) {
            f.deliverContent(f.listening("vu#" + i, i % 2 == 0 ? EMMA : SARAH), token);
        }
        f.ledger.flushAll("test ended");
        List<DeliveryFact.Received> facts = f.facts(DeliveryFact.Received.class);
        assertThat(facts).hasSize(2);
        assertThat(facts.get(0).deliveries()).hasSize(FactRecorder.DELIVERIES_PER_FACT);
        assertThat(facts.get(1).deliveries()).hasSize(1);
    }

    @Test
    void foreignTokensBeyondTheLimitAreCountedAndStillTimedButLeftOutOfTheFacts() {
        StreamTicket emma = f.listening("emma#1", EMMA);
        for (int i = 0; i < CrossEngineTracker.MAX_TRACKED + 3; i++) {
            f.deliverContent(emma, CorrelationToken.of("other9", "t4", i + 1, f.clock.epochMicros()).render());
        }
        LedgerSnapshot s = f.ledger.snapshot();
        assertThat(s.crossEngineUntracked()).isEqualTo(3);
        assertThat(s.crossEngine()).isEqualTo(CrossEngineTracker.MAX_TRACKED + 3);
    }

    @Test
    void resetForgetsOpenForeignWindowsWithoutFacts() {
        StreamTicket emma = f.listening("emma#1", EMMA);
        f.deliverContent(emma, CorrelationToken.of("other9", "t4", 17, f.clock.epochMicros()).render());
        f.drain();
        f.ledger.reset();
        f.ledger.flushAll("test ended");
        assertThat(f.facts(DeliveryFact.Received.class)).isEmpty();
    }
}
