package com.instainstru.loadtest.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LedgerCountersTest {

    private final LedgerCounters counters = new LedgerCounters();

    @Test
    void eachCounterShowsUnderItsOwnSnapshotComponent() {
        counters.sent.add(1);
        counters.lost.add(2);
        counters.pending.set(3);
        counters.sentWithNoStreamListening.add(4);

        LedgerSnapshot s = counters.snapshot(7);

        assertThat(s.sent()).isEqualTo(1);
        assertThat(s.lost()).isEqualTo(2);
        assertThat(s.pending()).isEqualTo(3);
        assertThat(s.sentWithNoStreamListening()).isEqualTo(4);
        assertThat(s.tracked()).isEqualTo(7);
        assertThat(s.raceMisses()).isZero();
        assertThat(s.streamsOpen()).isZero();
    }

    @Test
    void resetZeroesAdderAndGaugeCounters() {
        counters.droppedRecords.add(5);
        counters.streamsListening.set(2);

        counters.reset();

        assertThat(counters.snapshot(0)).isEqualTo(new LedgerCounters().snapshot(0));
    }
}
