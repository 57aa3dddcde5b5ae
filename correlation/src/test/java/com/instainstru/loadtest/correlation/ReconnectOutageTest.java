package com.instainstru.loadtest.correlation;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.instainstru.loadtest.correlation.LedgerFixture.EMMA;
import static com.instainstru.loadtest.correlation.LedgerFixture.SARAH;
import static com.instainstru.loadtest.correlation.LedgerRecord.E2E_FANOUT_COMPLETE;
import static org.assertj.core.api.Assertions.assertThat;

/** A stream closed by the client during a reconnect outage would have got its messages replayed: unobserved. */
class ReconnectOutageTest {
    private final LedgerFixture f = new LedgerFixture();
    private final DeliveryLedger ledger = f.ledger;

    @BeforeEach
    void setUp() {
        ledger.setParticipants(LedgerFixture.CONVERSATION, List.of(EMMA, SARAH));
    }

    @Test
    void messageOwedToAStreamClosedMidOutageIsUnobservedNotLost() {
        StreamTicket got = f.listening("emma#1", EMMA);
        StreamTicket messages = f.listening("messages", SARAH);
        f.clock.advanceMillis(2_000);
        PendingSend p = f.send(EMMA);
        f.deliver(got, p);
        f.clock.advanceMillis(500);
        ledger.streamReconnecting(messages, f.clock.nanoTime());
        assertThat(messages.isReconnecting()).isTrue();
        f.clock.advanceMillis(9_400); // far past the close grace: before this change, a loss
        ledger.streamClosed(messages, CloseCause.CLIENT, null, f.clock.nanoTime());

        LedgerRecord fanout = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE).get(0);
        assertThat(fanout.success()).as("fan-out failed for a stream the server would have replayed to").isTrue();
        assertThat(fanout.lost()).isZero();
        assertThat(fanout.closedByClient()).isEqualTo(1);
        assertThat(fanout.message()).isEqualTo("delivered to 1 of 2 expected streams | unobserved: closed by client 1: "
                + "stream messages was reconnecting when closed by client 9.9 s after send");
        assertThat(ledger.snapshot().lost()).isZero();
        assertThat(ledger.snapshot().closedByClient()).isEqualTo(1);
    }

    @Test
    void afterTheStreamReconnectedALateClientCloseIsALossAgain() {
        StreamTicket messages = f.listening("messages", SARAH);
        f.clock.advanceMillis(2_000);
        f.send(EMMA);
        ledger.streamReconnecting(messages, f.clock.nanoTime());
        f.clock.advanceMillis(500);
        ledger.streamReconnected(messages, f.clock.nanoTime());
        assertThat(messages.isReconnecting()).isFalse();
        f.clock.advanceMillis(9_400);
        ledger.streamClosed(messages, CloseCause.CLIENT, null, f.clock.nanoTime());

        LedgerRecord fanout = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE).get(0);
        assertThat(fanout.success()).isFalse();
        assertThat(fanout.lost()).isEqualTo(1);
        assertThat(fanout.message()).startsWith("lost 1 of 1 deliveries: stream messages closed by client 9.9 s after send");
    }

    @Test
    void aServerCloseMidOutageIsStillALoss() {
        StreamTicket messages = f.listening("messages", SARAH);
        f.clock.advanceMillis(2_000);
        f.send(EMMA);
        ledger.streamReconnecting(messages, f.clock.nanoTime());
        f.clock.advanceMillis(9_900);
        ledger.streamClosed(messages, CloseCause.ERROR, "reconnect gave up: HTTP 401", f.clock.nanoTime());

        LedgerRecord fanout = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE).get(0);
        assertThat(fanout.success()).isFalse();
        assertThat(fanout.lost()).isEqualTo(1);
    }

    @Test
    void testEndDuringAnOutageIsUnobservedNotLost() {
        StreamTicket messages = f.listening("messages", SARAH);
        f.clock.advanceMillis(2_000);
        f.send(EMMA);
        ledger.streamReconnecting(messages, f.clock.nanoTime());
        f.clock.advanceMillis(9_900);
        ledger.flushAll("test ended");

        var fanout = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE);
        assertThat(fanout).allSatisfy(r -> assertThat(r.lost()).as("loss at test end mid-outage").isZero());
        assertThat(ledger.snapshot().lost()).isZero();
        assertThat(ledger.snapshot().unobserved()).isEqualTo(1);
    }
}
