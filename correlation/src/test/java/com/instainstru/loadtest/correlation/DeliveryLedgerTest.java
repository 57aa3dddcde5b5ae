package com.instainstru.loadtest.correlation;

import static com.instainstru.loadtest.correlation.LedgerFixture.CONVERSATION;
import static com.instainstru.loadtest.correlation.LedgerFixture.EMMA;
import static com.instainstru.loadtest.correlation.LedgerFixture.SARAH;
import static com.instainstru.loadtest.correlation.LedgerRecord.E2E_FANOUT_COMPLETE;
import static com.instainstru.loadtest.correlation.LedgerRecord.E2E_FULL_LATENCY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    private LedgerFixture f;
    private DeliveryLedger ledger;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture();
        ledger = f.ledger;
        ledger.setParticipants(CONVERSATION, List.of(EMMA, SARAH));
    }

    @Test
    void firstDeliveryLatencyIsExactAndEmittedAtOnce() {
        StreamTicket emma1 = f.listening("emma#1", EMMA);
        StreamTicket sarah1 = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(5_000);
        long sendEpochMillis = f.clock.epochMillis();
        PendingSend p = f.send(EMMA);
        assertThat(p.expectedStreams()).isEqualTo(2);
        assertThat(p.raceCandidates()).isZero();
        assertThat(p.content()).isEqualTo("jmeter-e2e:" + p.token()).contains("e2e.me1.t1.");

        f.clock.advanceNanos(1_234_567);
        assertThat(f.ledger.delivered(sarah1, "01JMSGID", LedgerFixture.newMessageJson(p.content()),
                f.clock.nanoTime(), f.clock.epochMillis())).isEqualTo(DeliveryOutcome.FIRST);

        List<LedgerRecord> records = f.drain();
        assertThat(records).hasSize(1);
        LedgerRecord first = records.get(0);
        assertThat(first.label()).isEqualTo(E2E_FULL_LATENCY);
        assertThat(first.success()).isTrue();
        assertThat(first.latencyMillis()).isCloseTo(1.234567, within(1e-9));
        assertThat(first.elapsedMillis()).isEqualTo(1);
        assertThat(first.startEpochMillis()).isEqualTo(sendEpochMillis);
        assertThat(first.token()).isEqualTo(p.token());
        assertThat(first.messageId()).isEqualTo("01JMSGID");
        assertThat(first.conversationId()).isEqualTo(CONVERSATION);
        assertThat(first.streamName()).isEqualTo("sarah#1");
        assertThat(first.clockBasis()).isEqualTo(LedgerRecord.MONOTONIC);
        assertThat(f.ledger.snapshot().pending()).isEqualTo(1);

        f.clock.advanceMillis(1);
        assertThat(f.deliver(emma1, p)).isEqualTo(DeliveryOutcome.REPEAT_STREAM);
        assertThat(f.drain()).extracting(LedgerRecord::label).containsExactly(E2E_FANOUT_COMPLETE);
    }

    @Test
    void latencyCountsFromWhenTheRequestStartedGoingOut() {
        StreamTicket emma1 = f.listening("emma#1", EMMA);
        StreamTicket sarah1 = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(5_000);
        long beginEpochMillis = f.clock.epochMillis();
        PendingSend p = f.send(EMMA);
        f.clock.advanceNanos(400_000); // building the request
        ledger.requestStarted(p);
        f.clock.advanceNanos(2_000_000);
        assertThat(f.deliver(sarah1, p)).isEqualTo(DeliveryOutcome.FIRST);
        f.clock.advanceNanos(1_000_000);
        assertThat(f.deliver(emma1, p)).isEqualTo(DeliveryOutcome.REPEAT_STREAM);

        List<LedgerRecord> records = f.drain();
        assertThat(records).extracting(LedgerRecord::label).containsExactly(E2E_FULL_LATENCY, E2E_FANOUT_COMPLETE);
        assertThat(records.get(0).latencyMillis()).isCloseTo(2.0, within(1e-9));
        assertThat(records.get(1).latencyMillis()).isCloseTo(3.0, within(1e-9));
        // The record still starts at beginSend's wall-clock time (the token's time, the sample start).
        assertThat(records.get(0).startEpochMillis()).isEqualTo(beginEpochMillis);
    }

    @Test
    void requestStartedNeverMovesTheSendTimeOnceADeliveryIsRecorded() {
        StreamTicket emma1 = f.listening("emma#1", EMMA);
        StreamTicket sarah1 = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(5_000);
        PendingSend p = f.send(EMMA);
        f.clock.advanceNanos(1_000_000);
        assertThat(f.deliver(sarah1, p)).isEqualTo(DeliveryOutcome.FIRST);
        f.clock.advanceNanos(1_000_000);
        ledger.requestStarted(p); // too late: the first latency is out, the fan-out keeps the same origin
        assertThat(f.deliver(emma1, p)).isEqualTo(DeliveryOutcome.REPEAT_STREAM);

        List<LedgerRecord> records = f.drain();
        assertThat(records.get(0).latencyMillis()).isCloseTo(1.0, within(1e-9));
        assertThat(records.get(1).latencyMillis()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aSendAnsweredWithoutAMessageIdIsStillMatchedByItsToken() {
        StreamTicket emma1 = f.listening("emma#1", EMMA);
        StreamTicket sarah1 = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(2_000);
        PendingSend blank = f.send(EMMA);
        PendingSend none = f.send(EMMA);
        ledger.sendSucceeded(blank, " ");
        ledger.sendSucceeded(none, null);

        f.clock.advanceMillis(10);
        assertThat(f.deliver(emma1, blank)).isEqualTo(DeliveryOutcome.FIRST);
        assertThat(f.deliver(sarah1, blank)).isEqualTo(DeliveryOutcome.REPEAT_STREAM);
        assertThat(f.deliver(emma1, none)).isEqualTo(DeliveryOutcome.FIRST);
        assertThat(f.deliver(sarah1, none)).isEqualTo(DeliveryOutcome.REPEAT_STREAM);

        List<LedgerRecord> fanouts = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE);
        assertThat(fanouts).hasSize(2).allSatisfy(r -> {
            assertThat(r.success()).isTrue();
            assertThat(r.delivered()).isEqualTo(2);
            assertThat(r.messageId()).isNull();
        });
        assertThat(ledger.snapshot().pending()).isZero();
    }

    @Test
    void fanOutCompletesWhenTheLastExpectedStreamGetsIt() {
        StreamTicket emma1 = f.listening("emma#1", EMMA);
        StreamTicket emma2 = f.listening("emma#2", EMMA);
        StreamTicket sarah1 = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(2_000);
        PendingSend p = f.send(EMMA);
        ledger.sendSucceeded(p, "01JSERVERID");

        f.clock.advanceMillis(10);
        assertThat(f.deliver(emma2, p)).isEqualTo(DeliveryOutcome.FIRST);
        f.clock.advanceMillis(10);
        assertThat(f.deliver(sarah1, p)).isEqualTo(DeliveryOutcome.REPEAT_STREAM);
        assertThat(f.drain()).extracting(LedgerRecord::label).containsExactly(E2E_FULL_LATENCY);
        f.clock.advanceMillis(15);
        assertThat(f.deliver(emma1, p)).isEqualTo(DeliveryOutcome.REPEAT_STREAM);

        List<LedgerRecord> records = f.drain();
        assertThat(records).hasSize(1);
        LedgerRecord fanout = records.get(0);
        assertThat(fanout.label()).isEqualTo(E2E_FANOUT_COMPLETE);
        assertThat(fanout.success()).isTrue();
        assertThat(fanout.latencyMillis()).isCloseTo(35.0, within(1e-9));
        assertThat(fanout.expected()).isEqualTo(3);
        assertThat(fanout.delivered()).isEqualTo(3);
        assertThat(fanout.lost()).isZero();
        assertThat(fanout.messageId()).isEqualTo("01JSERVERID");
        assertThat(fanout.message()).isEqualTo("delivered to all 3 expected streams");

        LedgerSnapshot s = ledger.snapshot();
        assertThat(s.sent()).isEqualTo(1);
        assertThat(s.pending()).isZero();
        assertThat(s.tracked()).isEqualTo(1); // kept until its timeout to recognise stragglers
        assertThat(s.firstDeliveries()).isEqualTo(1);
        assertThat(s.deliveries()).isEqualTo(3);
        assertThat(s.expectedDeliveries()).isEqualTo(3);
        assertThat(s.streamsOpen()).isEqualTo(3);
        assertThat(s.streamsListening()).isEqualTo(3);
    }

    @Test
    void streamsClosedByServerOrErrorWithoutTheMessageAreLost() {
        StreamTicket emma1 = f.listening("emma#1", EMMA);
        StreamTicket emma3 = f.listening("emma#3", EMMA);
        StreamTicket sarah1 = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(2_000);
        PendingSend p = f.send(EMMA);
        f.clock.advanceMillis(40);
        f.deliver(emma1, p);
        f.clock.advanceMillis(1_160);
        ledger.streamClosed(emma3, CloseCause.SERVER_EOF, null, f.clock.nanoTime());
        assertThat(f.drain()).extracting(LedgerRecord::label).containsExactly(E2E_FULL_LATENCY);
        f.clock.advanceMillis(300);
        ledger.streamClosed(sarah1, CloseCause.ERROR, "connection reset", f.clock.nanoTime());

        List<LedgerRecord> records = f.drain();
        assertThat(records).hasSize(1);
        LedgerRecord fanout = records.get(0);
        assertThat(fanout.success()).isFalse();
        assertThat(fanout.lost()).isEqualTo(2);
        assertThat(fanout.delivered()).isEqualTo(1);
        assertThat(fanout.latencyMillis()).isCloseTo(1_500.0, within(1e-9));
        assertThat(fanout.message()).startsWith("lost 2 of 3 deliveries: stream emma#3 closed by server (EOF) 1.2 s after send; "
                + "stream sarah#1 failed with an error [connection reset] 1.5 s after send");
        assertThat(ledger.snapshot().lost()).isEqualTo(2);
        assertThat(ledger.snapshot().streamsOpen()).isEqualTo(1);
    }

    @Test
    void aMessageNoExpectedStreamGotFailsBothRecords() {
        StreamTicket emma1 = f.listening("emma#1", EMMA);
        f.clock.advanceMillis(2_000);
        PendingSend p = f.send(EMMA);
        f.clock.advanceMillis(700);
        ledger.streamClosed(emma1, CloseCause.TIMEOUT, "read timeout 30 s", f.clock.nanoTime());

        List<LedgerRecord> records = f.drain();
        assertThat(records).extracting(LedgerRecord::label).containsExactly(E2E_FULL_LATENCY, E2E_FANOUT_COMPLETE);
        assertThat(records).allSatisfy(r -> assertThat(r.success()).isFalse());
        assertThat(records.get(0).message()).isEqualTo("not delivered to any of 1 expected streams: lost 1 of 1 deliveries: "
                + "stream emma#1 timed out [read timeout 30 s] 700 ms after send | delivered 0 of 1");
        assertThat(records.get(0).latencyMillis()).isCloseTo(700.0, within(1e-9));
        assertThat(f.deliver(emma1, p)).isEqualTo(DeliveryOutcome.LATE);
    }

    @Test
    void streamsInTheSubscriptionRaceAreCountedAsRaceMissesNotLosses() {
        StreamTicket firm = f.listening("emma#1", EMMA);
        f.clock.advanceMillis(700);
        StreamTicket warm = f.listening("sarah#1", SARAH);          // proven by a delivery below: not a candidate
        StreamTicket exactlyWindow = f.listening("sarah#2", SARAH); // listening exactly raceWindow at send: firm
        f.clock.advanceMillis(200);
        PendingSend earlier = f.send(SARAH);
        f.deliver(warm, earlier);
        f.clock.advanceMillis(100);
        StreamTicket fresh = f.listening("sarah#3", SARAH);          // connected 700 ms before send: candidate
        StreamTicket connecting = ledger.streamOpened("emma#2", EMMA); // no connected yet: not expected at all
        f.clock.advanceMillis(700);
        f.drain();

        PendingSend p = f.send(EMMA);
        assertThat(p.expectedStreams()).isEqualTo(4);
        assertThat(p.raceCandidates()).isEqualTo(1);
        f.clock.advanceMillis(20);
        f.deliver(firm, p);
        f.deliver(warm, p);
        f.deliver(exactlyWindow, p);
        f.clock.advanceMillis(5_000);
        ledger.streamClosed(fresh, CloseCause.CLIENT, null, f.clock.nanoTime());      // long after the grace, yet a race miss
        ledger.streamClosed(connecting, CloseCause.SERVER_EOF, null, f.clock.nanoTime());

        LedgerRecord fanout = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE).stream()
                .filter(r -> r.token().equals(p.token())).findFirst().orElseThrow();
        assertThat(fanout.success()).isTrue();
        assertThat(fanout.raceMisses()).isEqualTo(1);
        assertThat(fanout.lost()).isZero();
        assertThat(fanout.delivered()).isEqualTo(3);
        assertThat(fanout.latencyMillis()).isCloseTo(20.0, within(1e-9));
        assertThat(fanout.message()).isEqualTo("delivered to 3 of 4 expected streams | missed: subscription race 1: "
                + "stream sarah#3 connected 700 ms before send");
        assertThat(ledger.snapshot().raceMisses()).isEqualTo(1);
    }

    @Test
    void aRaceCandidateStillSilentAtTheTimeoutIsARaceMissNotAnExpiry() {
        StreamTicket firm = f.listening("emma#1", EMMA);
        f.clock.advanceMillis(2_000);
        f.listening("emma#2", EMMA);
        f.clock.advanceMillis(100);
        PendingSend p = f.send(EMMA);
        f.deliver(firm, p);
        assertThat(LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE)).isEmpty(); // waits for the candidate
        f.clock.advanceMillis(10_000);
        LedgerRecord fanout = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE).get(0);
        assertThat(fanout.success()).isTrue();
        assertThat(fanout.raceMisses()).isEqualTo(1);
        assertThat(fanout.latencyMillis()).isCloseTo(0.0, within(1e-9)); // the last delivery, not the timeout
        assertThat(ledger.snapshot().expired()).isZero();
        assertThat(ledger.snapshot().tracked()).isZero();
    }

    @Test
    void configuredSettingsApplyToLaterSends() {
        f.listening("emma#1", EMMA);
        f.clock.advanceMillis(2_000);
        ledger.configure(ledger.settings().toBuilder().pendingTimeout(Duration.ofSeconds(3)).build());
        f.send(EMMA);
        f.clock.advanceMillis(3_000);
        ledger.expireOverdue();
        assertThat(ledger.snapshot().tracked()).isZero();
        assertThat(ledger.snapshot().expired()).isEqualTo(1);
    }

    @Test
    void aRaceCandidateThatGetsTheMessageCountsAsDelivered() {
        StreamTicket fresh = f.listening("emma#1", EMMA);
        PendingSend p = f.send(EMMA);
        assertThat(p.raceCandidates()).isEqualTo(1);
        f.clock.advanceMillis(3);
        assertThat(f.deliver(fresh, p)).isEqualTo(DeliveryOutcome.FIRST);
        List<LedgerRecord> records = f.drain();
        assertThat(records).extracting(LedgerRecord::label).containsExactly(E2E_FULL_LATENCY, E2E_FANOUT_COMPLETE);
        assertThat(records.get(1).delivered()).isEqualTo(1);
    }

    @Test
    void aStreamStillConnectingAtSendIsNotExpectedButItsDeliveryIsTheFirst() {
        StreamTicket connecting = ledger.streamOpened("emma#1", EMMA);
        PendingSend p = f.send(EMMA);
        assertThat(p.expectedStreams()).isZero();
        assertThat(p.raceCandidates()).isZero();
        f.clock.advanceMillis(3);
        f.deliver(connecting, p);
        List<LedgerRecord> records = f.drain();
        assertThat(records).extracting(LedgerRecord::label).containsExactly(E2E_FULL_LATENCY);
        assertThat(records.get(0).latencyMillis()).isCloseTo(3.0, within(1e-9));
        assertThat(ledger.snapshot().raceMisses()).isZero();
    }

    @Test
    void clientClosesWithinTheGraceAreUnobservedLaterOnesAreLost() {
        StreamTicket got = f.listening("emma#1", EMMA);
        StreamTicket quick = f.listening("emma#2", EMMA);
        StreamTicket slow = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(2_000);
        PendingSend p = f.send(EMMA);
        f.deliver(got, p);
        f.clock.advanceMillis(1_500);
        ledger.streamClosed(quick, CloseCause.CLIENT, "hold time over", f.clock.nanoTime());
        f.clock.advanceMillis(1_000);
        ledger.streamClosed(slow, CloseCause.CLIENT, null, f.clock.nanoTime());

        LedgerRecord fanout = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE).get(0);
        assertThat(fanout.success()).isFalse();
        assertThat(fanout.closedByClient()).isEqualTo(1);
        assertThat(fanout.lost()).isEqualTo(1);
        assertThat(fanout.message()).isEqualTo("lost 1 of 3 deliveries: stream sarah#1 closed by client 2.5 s after send"
                + " | delivered 1 of 3 | unobserved: closed by client 1: stream emma#2 closed by client 1.5 s after send");
        assertThat(ledger.snapshot().closedByClient()).isEqualTo(1);
    }

    @Test
    void allUnobservedMeansSuccessWithoutAFailure() {
        StreamTicket only = f.listening("emma#1", EMMA);
        StreamTicket other = f.listening("emma#2", EMMA);
        f.clock.advanceMillis(2_000);
        PendingSend p = f.send(EMMA);
        f.deliver(only, p);
        f.clock.advanceMillis(100);
        ledger.streamClosed(other, CloseCause.CLIENT, null, f.clock.nanoTime());
        LedgerRecord fanout = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE).get(0);
        assertThat(fanout.success()).isTrue();
        assertThat(fanout.message()).isEqualTo("delivered to 1 of 2 expected streams"
                + " | unobserved: closed by client 1: stream emma#2 closed by client 100 ms after send");
    }

    @Test
    void aStreamClosedBeforeTheSendIsNotExpected() {
        StreamTicket a = f.listening("emma#1", EMMA);
        StreamTicket b = f.listening("emma#2", EMMA);
        f.clock.advanceMillis(2_000);
        long closedAt = f.clock.nanoTime();
        f.clock.advanceMillis(1);
        PendingSend p = f.send(EMMA);
        // the reader stamped the close before the send, but reported it after
        ledger.streamClosed(b, CloseCause.SERVER_EOF, null, closedAt);
        f.deliver(a, p);
        LedgerRecord fanout = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE).get(0);
        assertThat(fanout.success()).isTrue();
        assertThat(fanout.expected()).isEqualTo(1);
    }

    @Test
    void duplicatesOnTheSameStreamAreCounted() {
        StreamTicket a = f.listening("emma#1", EMMA);
        StreamTicket b = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(2_000);
        PendingSend p = f.send(EMMA);
        assertThat(f.deliver(a, p)).isEqualTo(DeliveryOutcome.FIRST);
        assertThat(f.deliver(a, p)).isEqualTo(DeliveryOutcome.DUPLICATE);
        assertThat(f.deliver(b, p)).isEqualTo(DeliveryOutcome.REPEAT_STREAM);
        assertThat(f.deliver(b, p)).isEqualTo(DeliveryOutcome.DUPLICATE); // after completion: still recognised

        LedgerRecord fanout = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE).get(0);
        assertThat(fanout.success()).isTrue();
        assertThat(fanout.duplicates()).isEqualTo(1);
        assertThat(fanout.message()).endsWith(" | duplicates 1");
        assertThat(ledger.snapshot().duplicates()).isEqualTo(2);
        assertThat(ledger.snapshot().deliveries()).isEqualTo(4);
    }

    @Test
    void aSendersSequenceGoingBackwardsOnAStreamIsOutOfOrder() {
        StreamTicket a = f.listening("emma#1", EMMA);
        StreamTicket b = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(2_000);
        PendingSend m1 = f.send(EMMA);
        PendingSend m2 = f.send(EMMA);
        PendingSend other = ledger.beginSend(CONVERSATION, SARAH, "t2");
        f.deliver(a, m1);
        f.deliver(a, other);
        f.deliver(a, m2);
        f.deliver(b, m2);
        f.deliver(b, other);
        f.deliver(b, m1); // m1 after m2 from the same sender on the same stream

        List<LedgerRecord> fanouts = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE);
        assertThat(fanouts).hasSize(3);
        LedgerRecord first = fanouts.stream().filter(r -> r.token().equals(m1.token())).findFirst().orElseThrow();
        assertThat(first.outOfOrder()).isEqualTo(1);
        assertThat(first.message()).endsWith(" | out of order 1");
        assertThat(fanouts).filteredOn(r -> !r.token().equals(m1.token())).allSatisfy(r -> assertThat(r.outOfOrder()).isZero());
        assertThat(ledger.snapshot().outOfOrder()).isEqualTo(1);
    }

    @Test
    void sendersPastTheKeptKeysAreStillCheckedForOrderByTheirKey() {
        StreamTicket a = f.listening("emma#1", EMMA);
        f.clock.advanceMillis(2_000);
        // the first SENDER_KEYS senders' keys are kept once; the next ones stay copies
        PendingSend first7 = null;
        for (int i = 0; i < DeliveryLedger.SENDER_KEYS; i++) {
            PendingSend p = ledger.beginSend(CONVERSATION, EMMA, "i" + i);
            first7 = i == 7 ? p : first7;
            f.deliver(a, p);
        }
        PendingSend kept = ledger.beginSend(CONVERSATION, EMMA, "i7");
        PendingSend late1 = ledger.beginSend(CONVERSATION, EMMA, "late");
        PendingSend late2 = ledger.beginSend(CONVERSATION, EMMA, "late");
        assertThat(kept.senderKey).isSameAs(first7.senderKey);
        assertThat(late1.senderKey).isEqualTo(late2.senderKey).isNotSameAs(late2.senderKey);
        f.deliver(a, late2);
        f.deliver(a, late1); // backwards for the sender whose key is not kept
        f.deliver(a, kept);
        f.drain();
        assertThat(ledger.snapshot().outOfOrder()).isEqualTo(1);
        assertThat(ledger.snapshot().deliveries()).isEqualTo(DeliveryLedger.SENDER_KEYS + 3);
    }

    @Test
    void expiredMessagesFailAndLeaveNothingBehind() {
        StreamTicket a = f.listening("emma#1", EMMA);
        StreamTicket silent = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(2_000);
        PendingSend delivered = f.send(EMMA);
        f.deliver(a, delivered);
        PendingSend nobody = f.send(EMMA);
        for (int i = 0; i < 1_000; i++) {
            f.send(SARAH);
        }
        f.clock.advanceMillis(9_999);
        ledger.expireOverdue();
        assertThat(ledger.snapshot().tracked()).isEqualTo(1_002);
        assertThat(LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE)).isEmpty();

        f.clock.advanceMillis(1);
        List<LedgerRecord> records = f.drain(); // pollNow runs expiry
        LedgerSnapshot s = ledger.snapshot();
        assertThat(s.tracked()).isZero();
        assertThat(s.pending()).isZero();
        assertThat(s.expired()).isEqualTo(1_002);
        assertThat(s.lost()).isEqualTo(1 + 2 * 1_001);

        LedgerRecord partial = records.stream().filter(r -> r.token().equals(delivered.token())
                && r.label().equals(E2E_FANOUT_COMPLETE)).findFirst().orElseThrow();
        assertThat(partial.success()).isFalse();
        assertThat(partial.latencyMillis()).isCloseTo(10_000.0, within(1e-9));
        assertThat(partial.message()).isEqualTo("lost 1 of 2 deliveries: stream sarah#1 did not get it within 10.0 s"
                + " (timeout; stream still open) | delivered 1 of 2");
        List<LedgerRecord> ofNobody = records.stream().filter(r -> r.token().equals(nobody.token())).toList();
        assertThat(ofNobody).extracting(LedgerRecord::label).containsExactly(E2E_FULL_LATENCY, E2E_FANOUT_COMPLETE);
        assertThat(ofNobody).allSatisfy(r -> assertThat(r.success()).isFalse());
        assertThat(ofNobody.get(0).message()).isEqualTo("not delivered to any of 2 expected streams: lost 2 of 2 deliveries: "
                + "stream emma#1 did not get it within 10.0 s (timeout; stream still open); "
                + "stream sarah#1 did not get it within 10.0 s (timeout; stream still open) | delivered 0 of 2");

        assertThat(f.deliver(silent, nobody)).isEqualTo(DeliveryOutcome.LATE);
        assertThat(ledger.snapshot().late()).isEqualTo(1);
    }

    @Test
    void expiryIsAlsoDrivenByDeliveriesAndSends() {
        StreamTicket a = f.listening("emma#1", EMMA);
        f.clock.advanceMillis(2_000);
        f.send(EMMA);
        f.clock.advanceMillis(10_000);
        f.deliverContent(a, "hello, no token here");
        assertThat(ledger.snapshot().tracked()).isZero();
        f.send(EMMA);
        f.clock.advanceMillis(10_000);
        f.send(EMMA);
        assertThat(ledger.snapshot().tracked()).isEqualTo(1);
        assertThat(ledger.snapshot().noToken()).isEqualTo(1);
    }

    @Test
    void manyRecordsAreNamedWithACap() {
        for (int i = 1; i <= 8; i++) {
            f.listening("sarah#" + i, SARAH);
        }
        f.clock.advanceMillis(2_000);
        PendingSend p = f.send(SARAH);
        f.clock.advanceMillis(10_000);
        LedgerRecord fanout = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE).get(0);
        assertThat(fanout.token()).isEqualTo(p.token());
        assertThat(fanout.message()).startsWith("lost 8 of 8 deliveries: stream sarah#1 did not get it")
                .contains("; and 3 more | delivered 0 of 8");
    }

    @Test
    void sendFailedWithdrawsTheExpectation() {
        StreamTicket a = f.listening("emma#1", EMMA);
        f.clock.advanceMillis(2_000);
        PendingSend p = f.send(EMMA);
        ledger.sendFailed(p, "HTTP 429");
        LedgerSnapshot s = ledger.snapshot();
        assertThat(s.pending()).isZero();
        assertThat(s.tracked()).isZero();
        assertThat(s.sendFailed()).isEqualTo(1);
        assertThat(f.deliver(a, p)).isEqualTo(DeliveryOutcome.LATE);
        f.clock.advanceMillis(20_000);
        ledger.streamClosed(a, CloseCause.SERVER_EOF, null, f.clock.nanoTime());
        assertThat(f.drain()).isEmpty();
        assertThat(ledger.snapshot().lost()).isZero();
    }

    @Test
    void withoutParticipantsOnlyTheSendersStreamsAreExpected() {
        DeliveryLedger fresh = new DeliveryLedger(LedgerSettings.builder().engineId("me2").build(), f.clock, f.clock);
        StreamTicket emma = fresh.streamOpened("emma#1", EMMA);
        StreamTicket sarah = fresh.streamOpened("sarah#1", SARAH);
        fresh.streamListening(emma, f.clock.nanoTime());
        fresh.streamListening(sarah, f.clock.nanoTime());
        f.clock.advanceMillis(2_000);
        PendingSend p = fresh.beginSend("01JOTHER", EMMA, "t9");
        assertThat(p.expectedStreams()).isEqualTo(1);
        String data = LedgerFixture.newMessageJson(p.content());
        assertThat(fresh.delivered(sarah, data, f.clock.nanoTime(), f.clock.epochMillis())).isEqualTo(DeliveryOutcome.FIRST);
        assertThat(fresh.delivered(emma, data, f.clock.nanoTime(), f.clock.epochMillis())).isEqualTo(DeliveryOutcome.REPEAT_STREAM);
        assertThat(fresh.snapshot().unexpectedStreamDeliveries()).isEqualTo(1);
        assertThat(fresh.pollNow().label()).isEqualTo(E2E_FULL_LATENCY);
        assertThat(fresh.pollNow().expected()).isEqualTo(1);
    }

    @Test
    void aMessageNobodyCouldReceiveIsUnobservedWithoutRecords() {
        PendingSend p = f.send(EMMA);
        assertThat(p.expectedStreams()).isZero();
        f.clock.advanceMillis(10_000);
        assertThat(f.drain()).isEmpty();
        assertThat(ledger.snapshot().unobserved()).isEqualTo(1);
        assertThat(ledger.snapshot().pending()).isZero();
    }

    @Test
    void flushAllDecidesEverythingByTheCloseRules() {
        StreamTicket a = f.listening("emma#1", EMMA);
        f.clock.advanceMillis(2_000);
        PendingSend old = f.send(EMMA);
        f.clock.advanceMillis(2_500);
        PendingSend inFlight = f.send(EMMA);
        f.clock.advanceMillis(500);
        ledger.flushAll("test ended");

        List<LedgerRecord> records = f.drain();
        LedgerRecord oldFanout = records.stream().filter(r -> r.token().equals(old.token())
                && r.label().equals(E2E_FANOUT_COMPLETE)).findFirst().orElseThrow();
        assertThat(oldFanout.success()).isFalse();
        assertThat(oldFanout.message()).startsWith("lost 1 of 1 deliveries: stream emma#1 did not get it before test ended 3.0 s after send");
        assertThat(records).noneMatch(r -> r.token().equals(inFlight.token()));
        LedgerSnapshot s = ledger.snapshot();
        assertThat(s.tracked()).isZero();
        assertThat(s.pending()).isZero();
        assertThat(s.closedByClient()).isEqualTo(1);
        assertThat(s.unobserved()).isEqualTo(1);
        assertThat(f.deliver(a, inFlight)).isEqualTo(DeliveryOutcome.LATE);
    }

    @Test
    void resetForgetsEverythingAndOldTokensBecomeUnknown() {
        StreamTicket a = f.listening("emma#1", EMMA);
        PendingSend p = f.send(EMMA);
        ledger.reset();
        LedgerSnapshot s = ledger.snapshot();
        assertThat(s.sent()).isZero();
        assertThat(s.tracked()).isZero();
        assertThat(s.streamsOpen()).isZero();
        ledger.streamClosed(a, CloseCause.CLIENT, null, f.clock.nanoTime()); // tolerated after reset
        ledger.sendFailed(p, "late failure");                              // tolerated after reset
        assertThat(ledger.snapshot().pending()).isZero();
        StreamTicket b = f.listening("emma#2", EMMA);
        assertThat(f.deliver(b, p)).isEqualTo(DeliveryOutcome.UNKNOWN_TOKEN);
        assertThat(ledger.snapshot().unknownTokens()).isEqualTo(1);
    }

    @Test
    void ownEngineTokensNeverIssuedAreUnknown() {
        StreamTicket a = f.listening("emma#1", EMMA);
        PendingSend p = f.send(EMMA);
        assertThat(f.deliverContent(a, "x:e2e.me1.t1.999.1")).isEqualTo(DeliveryOutcome.UNKNOWN_TOKEN);
        // right seq, wrong send time: not the token we issued
        assertThat(f.deliverContent(a, "x:e2e.me1.t1." + p.correlationToken().seq() + ".1"))
                .isEqualTo(DeliveryOutcome.UNKNOWN_TOKEN);
        assertThat(f.deliverContent(a, "locust-e2e:1b4e28ba-2fa1")).isEqualTo(DeliveryOutcome.NO_TOKEN);
        LedgerSnapshot s = ledger.snapshot();
        assertThat(s.unknownTokens()).isEqualTo(2);
        assertThat(s.noToken()).isEqualTo(1);
        assertThat(s.deliveries()).isZero();
    }

    @Test
    void recordsBeyondTheQueueCapacityAreDroppedAndCounted() {
        LedgerFixture small = new LedgerFixture(LedgerSettings.builder().engineId("me3").recordQueueCapacity(1).build());
        StreamTicket a = small.listening("emma#1", EMMA);
        small.clock.advanceMillis(2_000);
        PendingSend p = small.send(EMMA);
        small.deliver(a, p);
        assertThat(small.ledger.snapshot().droppedRecords()).isEqualTo(1);
        assertThat(small.drain()).hasSize(1);
    }

    @Test
    void pollWaitsAndReturnsNullWhenNothingCompletes() throws InterruptedException {
        assertThat(ledger.poll(Duration.ofMillis(20))).isNull();
        StreamTicket a = f.listening("emma#1", EMMA);
        f.clock.advanceMillis(2_000);
        f.deliver(a, f.send(EMMA));
        assertThat(ledger.poll(Duration.ofSeconds(5)).label()).isEqualTo(E2E_FULL_LATENCY);
    }

    @Test
    void sharedIsOnePerJvm() {
        assertThat(DeliveryLedger.shared()).isSameAs(DeliveryLedger.shared());
    }
}
