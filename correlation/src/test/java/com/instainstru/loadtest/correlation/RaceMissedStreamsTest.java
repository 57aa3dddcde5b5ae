package com.instainstru.loadtest.correlation;

import static com.instainstru.loadtest.correlation.LedgerFixture.EMMA;
import static com.instainstru.loadtest.correlation.LedgerRecord.E2E_FANOUT_COMPLETE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RaceMissedStreamsTest {

    private final LedgerFixture f = new LedgerFixture();

    @Test
    void theFanoutRecordListsTheRaceMissedStreamsItsMessageNames() {
        StreamTicket firm = f.listening("emma#0", EMMA);
        f.clock.advanceMillis(2_000);
        List<StreamTicket> fresh = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            fresh.add(f.listening("emma#" + i, EMMA));
        }
        f.clock.advanceMillis(100);
        PendingSend p = f.send(EMMA);
        f.deliver(firm, p);
        f.clock.advanceMillis(10);
        fresh.forEach(t -> f.ledger.streamClosed(t, CloseCause.SERVER_EOF, null, f.clock.nanoTime()));

        LedgerRecord fanout = LedgerFixture.withLabel(f.drain(), E2E_FANOUT_COMPLETE).get(0);
        assertThat(fanout.raceMisses()).isEqualTo(6);
        assertThat(fanout.raceMissedStreams()).hasSize(5)
                .allSatisfy(named -> assertThat(named).endsWith(" connected 100 ms before send"))
                .first().isEqualTo("stream emma#1 connected 100 ms before send");
        assertThat(fanout.message()).endsWith("missed: subscription race 6: "
                + String.join("; ", fanout.raceMissedStreams()) + "; and 1 more");
    }

    @Test
    void recordsWithoutRaceMissesListNone() {
        StreamTicket firm = f.listening("emma#0", EMMA);
        f.clock.advanceMillis(2_000);
        f.deliver(firm, f.send(EMMA));

        assertThat(f.drain()).hasSize(2).allSatisfy(r -> assertThat(r.raceMissedStreams()).isEmpty());
    }
}
