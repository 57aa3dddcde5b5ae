package com.instainstru.loadtest.jmeter.metrics;

import java.lang.management.MemoryUsage;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.instainstru.loadtest.correlation.LedgerSnapshot;

/**
 * What an engine adds to JMeter's own InfluxDB series: the delivery ledger's running totals
 * ({@value #LEDGER_MEASUREMENT}, one integer field per {@link LedgerSnapshot} counter, in snake case:
 * {@code streams_open}, {@code pending}, {@code sent}, {@code expected_deliveries}, {@code lost},
 * {@code race_misses}, ...) and the generator's heap ({@value #JVM_MEASUREMENT}). Field names come from the
 * record so a new counter is written without touching this class; the Grafana dashboard's test reads
 * {@link #ledgerFields()} to check that every field it queries exists.
 */
final class EnginePoints {

    static final String LEDGER_MEASUREMENT = "loadtest_ledger";
    static final String JVM_MEASUREMENT = "loadtest_jvm";
    static final List<String> JVM_FIELDS = List.of("heap_used", "heap_committed", "heap_max");

    private static final RecordComponent[] COUNTERS = LedgerSnapshot.class.getRecordComponents();
    private static final List<String> LEDGER_FIELDS = ledgerFieldNames();

    private EnginePoints() {
    }

    static List<String> ledgerFields() {
        return LEDGER_FIELDS;
    }

    static String ledger(LedgerSnapshot snapshot, Map<String, String> tags, long epochMillis) {
        Map<String, Long> fields = new LinkedHashMap<>();
        for (int i = 0; i < COUNTERS.length; i++) {
            fields.put(LEDGER_FIELDS.get(i), counter(snapshot, COUNTERS[i]));
        }
        return LineProtocol.point(LEDGER_MEASUREMENT, tags, fields, epochMillis);
    }

    static String jvm(MemoryUsage heap, Map<String, String> tags, long epochMillis) {
        Map<String, Long> fields = new LinkedHashMap<>();
        fields.put(JVM_FIELDS.get(0), heap.getUsed());
        fields.put(JVM_FIELDS.get(1), heap.getCommitted());
        // -1 when the JVM has no limit; a dashboard line at -1 would mislead, so the field is left out then
        if (heap.getMax() >= 0) {
            fields.put(JVM_FIELDS.get(2), heap.getMax());
        }
        return LineProtocol.point(JVM_MEASUREMENT, tags, fields, epochMillis);
    }

    private static long counter(LedgerSnapshot snapshot, RecordComponent component) {
        try {
            return (long) component.getAccessor().invoke(snapshot);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("LedgerSnapshot." + component.getName(), e);
        }
    }

    private static List<String> ledgerFieldNames() {
        List<String> names = new ArrayList<>(COUNTERS.length);
        for (RecordComponent component : COUNTERS) {
            if (component.getType() != long.class) {
                throw new IllegalStateException("LedgerSnapshot." + component.getName() + " is not a long counter");
            }
            names.add(snakeCase(component.getName()));
        }
        return Collections.unmodifiableList(names);
    }

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
