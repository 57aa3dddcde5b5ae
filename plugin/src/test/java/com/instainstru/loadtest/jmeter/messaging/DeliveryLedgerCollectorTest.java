package com.instainstru.loadtest.jmeter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.jmeter.samplers.SampleResult;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.correlation.LedgerRecord;

class DeliveryLedgerCollectorTest {

    @Test
    void eachRaceMissOfAFanoutRecordBecomesASampleNamingItsStream() {
        LedgerRecord record = fanout(2, "stream vu-1 not yet connected at send", "stream vu-2 connected 200 ms before send");

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
        LedgerRecord record = fanout(3, "stream a not yet connected at send");

        List<SampleResult> samples = DeliveryLedgerCollector.raceMissSamples(record);

        assertThat(samples).extracting(SampleResult::getResponseMessage).satisfiesExactly(
                m -> assertThat(m).startsWith("stream a not yet connected"),
                m -> assertThat(m).startsWith("an expected stream missed"),
                m -> assertThat(m).startsWith("an expected stream missed"));
    }

    @Test
    void onlyFanoutRecordsCountRaceMisses() {
        LedgerRecord failedFirst = LedgerRecord.notDelivered(new LedgerRecord.Sent("tok", null, "c", 1_000L), 5.0,
                "not delivered", new LedgerRecord.Tally(2, 0, 0, 0, 1, List.of("stream a not yet connected at send"), 0, 1));

        assertThat(DeliveryLedgerCollector.raceMissSamples(failedFirst)).isEmpty();
        assertThat(DeliveryLedgerCollector.raceMissSamples(fanout(0))).isEmpty();
    }

    /** A fan-out of three expected streams, {@code raceMisses} of them race-missed; the first ones named. */
    private static LedgerRecord fanout(int raceMisses, String... named) {
        return LedgerRecord.fanOut(new LedgerRecord.Sent("tok", "m1", "c", 1_000L), true, 12.5, "fan-out",
                new LedgerRecord.Tally(3, 3 - raceMisses, 0, 0, raceMisses, List.of(named), 0, 0));
    }
}
