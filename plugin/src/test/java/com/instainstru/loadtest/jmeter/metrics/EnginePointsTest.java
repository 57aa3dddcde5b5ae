package com.instainstru.loadtest.jmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.MemoryUsage;
import java.lang.reflect.RecordComponent;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.correlation.LedgerSnapshot;

class EnginePointsTest {

    @Test
    void everyLedgerCounterIsASnakeCaseField() {
        assertThat(EnginePoints.ledgerFields()).hasSize(LedgerSnapshot.class.getRecordComponents().length)
                .contains("streams_open", "pending", "sent", "expected_deliveries", "first_deliveries", "lost",
                        "race_misses", "sent_with_no_stream_listening");
    }

    @Test
    void ledgerPointCarriesTheSnapshotValues() {
        LedgerSnapshot snapshot = snapshot(Map.of("sent", 10L, "sendFailed", 1L, "pending", 2L,
                "expectedDeliveries", 14L, "lost", 1L, "raceMisses", 2L, "streamsOpen", 4L));

        String line = EnginePoints.ledger(snapshot, Map.of("application", "s0_smoke"), 5L);

        assertThat(line).startsWith("loadtest_ledger,application=s0_smoke sent=10i,send_failed=1i,pending=2i,")
                .contains(",expected_deliveries=14i,", ",lost=1i,", ",race_misses=2i,", ",streams_open=4i,")
                .endsWith(" 5000000");
    }

    /** By component name, the rest 0: the record grows (it has), tests need not count positions. */
    private static LedgerSnapshot snapshot(Map<String, Long> counters) {
        RecordComponent[] components = LedgerSnapshot.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = counters.getOrDefault(components[i].getName(), 0L);
            types[i] = long.class;
        }
        try {
            return LedgerSnapshot.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void heapWithoutALimitLeavesTheMaxOut() {
        assertThat(EnginePoints.jvm(new MemoryUsage(0, 100, 200, -1), Map.of(), 1L))
                .isEqualTo("loadtest_jvm heap_used=100i,heap_committed=200i 1000000");
        assertThat(EnginePoints.jvm(new MemoryUsage(0, 100, 200, 400), Map.of(), 1L))
                .contains("heap_max=400i");
    }
}
