package com.instainstru.loadtest.correlation;

import static com.instainstru.loadtest.correlation.LedgerFixture.EMMA;
import static com.instainstru.loadtest.correlation.LedgerFixture.SARAH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Messages sent by another JMeter engine (distributed mode) are measured on the wall clock. */
class CrossEngineTest {

    private final LedgerFixture f = new LedgerFixture();

    @Test
    void firstSightingOfAForeignMessageYieldsOneWallClockRecord() {
        StreamTicket a = f.listening("emma#1", EMMA);
        StreamTicket b = f.listening("sarah#1", SARAH);
        long sentMicros = f.clock.epochMicros() - 5_250; // 5.25 ms before "now" on the other engine's clock
        String content = "jmeter-e2e:" + CorrelationToken.of("other9", "t4", 17, sentMicros).render();

        assertThat(f.deliverContent(a, content)).isEqualTo(DeliveryOutcome.CROSS_ENGINE);
        assertThat(f.deliverContent(b, content)).isEqualTo(DeliveryOutcome.CROSS_ENGINE_REPEAT);

        LedgerRecord r = f.drain().get(0);
        assertThat(r.label()).isEqualTo(LedgerRecord.E2E_CROSS_ENGINE_LATENCY);
        assertThat(r.success()).isTrue();
        assertThat(r.clockBasis()).isEqualTo(LedgerRecord.WALL_CLOCK);
        // receive time has millisecond resolution: 5.25 ms truncated to the receiver's millisecond
        assertThat(r.latencyMillis()).isCloseTo(f.clock.epochMillis() - sentMicros / 1000.0, within(1e-9));
        assertThat(r.latencyMillis()).isBetween(4.25, 5.25);
        assertThat(r.startEpochMillis()).isEqualTo(sentMicros / 1000);
        assertThat(r.message()).isEqualTo("wall-clock, sent by engine other9; clocks must be in sync");
        assertThat(r.streamName()).isEqualTo("emma#1");
        assertThat(f.drain()).isEmpty();
        LedgerSnapshot s = f.ledger.snapshot();
        assertThat(s.crossEngine()).isEqualTo(1);
        assertThat(s.crossEngineDeliveries()).isEqualTo(2);
        assertThat(s.deliveries()).isZero();
    }

    @Test
    void aReceiverClockBehindTheSenderFailsTheRecordVisibly() {
        StreamTicket a = f.listening("emma#1", EMMA);
        long sentMicros = f.clock.epochMicros() + 3_000_000; // sender's clock 3 s ahead
        f.deliverContent(a, CorrelationToken.of("other9", "t4", 18, sentMicros).render());
        LedgerRecord r = f.drain().get(0);
        assertThat(r.success()).isFalse();
        assertThat(r.message()).contains("negative latency -3000.000 ms: this engine's clock is behind the sender's");
    }

    @Test
    void foreignTokensAreForgottenAfterTheTimeoutSoMemoryStaysBounded() {
        StreamTicket a = f.listening("emma#1", EMMA);
        String content = CorrelationToken.of("other9", "t4", 19, f.clock.epochMicros()).render();
        f.deliverContent(a, content);
        f.clock.advanceMillis(10_000);
        f.ledger.expireOverdue();
        assertThat(f.deliverContent(a, content)).isEqualTo(DeliveryOutcome.CROSS_ENGINE);
    }

    @Test
    void foreignSequencesGoingBackwardsAreOutOfOrder() {
        StreamTicket a = f.listening("emma#1", EMMA);
        long now = f.clock.epochMicros();
        f.deliverContent(a, CorrelationToken.of("other9", "t4", 21, now).render());
        f.deliverContent(a, CorrelationToken.of("other9", "t4", 20, now).render());
        f.deliverContent(a, CorrelationToken.of("other9", "t5", 3, now).render());
        assertThat(f.ledger.snapshot().outOfOrder()).isEqualTo(1);
    }
}
