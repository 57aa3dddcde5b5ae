package com.instainstru.loadtest.jmeter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.jmeter.samplers.SampleResult;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.correlation.LedgerRecord;

class DeliveryLedgerCollectorTest {

    @Test
    void eachRaceMissOfAFanoutRecordBecomesASampleNamingItsStream() {
        LedgerRecord record = fanout(2, "delivered to 1 of 3 expected streams | missed: subscription race 2: "
                + "stream vu-1 not yet connected at send; stream vu-2 connected 200 ms before send | duplicates 1");

        List<SampleResult> samples = DeliveryLedgerCollector.raceMissSamples(record);

        assertThat(samples).hasSize(2).allSatisfy(s -> {
            assertThat(s.getSampleLabel()).isEqualTo("e2e_race_miss");
            assertThat(s.isSuccessful()).isTrue();
            assertThat(s.getTime()).isZero();
            assertThat(s.getStartTime()).isEqualTo(1_000L);
        });
        assertThat(samples.get(0).getResponseMessage()).startsWith("stream vu-1 not yet connected at send missed message tok");
        assertThat(samples.get(1).getResponseMessage()).startsWith("stream vu-2 connected 200 ms before send missed");
    }

    @Test
    void raceMissesBeyondTheNamedStreamsAreStillCounted() {
        LedgerRecord record = fanout(3, "delivered to 0 of 3 expected streams | missed: subscription race 3: "
                + "stream a not yet connected at send; and 2 more");

        List<SampleResult> samples = DeliveryLedgerCollector.raceMissSamples(record);

        assertThat(samples).extracting(SampleResult::getResponseMessage).satisfiesExactly(
                m -> assertThat(m).startsWith("stream a not yet connected"),
                m -> assertThat(m).startsWith("an expected stream missed"),
                m -> assertThat(m).startsWith("an expected stream missed"));
    }

    @Test
    void onlyFanoutRecordsCountRaceMisses() {
        LedgerRecord failedFirst = new LedgerRecord(LedgerRecord.E2E_FULL_LATENCY, false, 1_000L, 5.0, "not delivered",
                "tok", null, "c", null, 2, 0, 0, 0, 1, 0, 1, LedgerRecord.MONOTONIC);

        assertThat(DeliveryLedgerCollector.raceMissSamples(failedFirst)).isEmpty();
        assertThat(DeliveryLedgerCollector.raceMissSamples(fanout(0, "delivered to all 2 expected streams"))).isEmpty();
    }

    private static LedgerRecord fanout(int raceMisses, String message) {
        return new LedgerRecord(LedgerRecord.E2E_FANOUT_COMPLETE, true, 1_000L, 12.5, message, "tok", "m1", "c",
                null, 3, 3 - raceMisses, 0, 0, raceMisses, 0, 0, LedgerRecord.MONOTONIC);
    }
}
