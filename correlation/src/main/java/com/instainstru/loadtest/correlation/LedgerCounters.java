package com.instainstru.loadtest.correlation;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ledger's counters. A counter is one field here named like its {@link LedgerSnapshot} component: reset and
 * snapshot find it by that name, and a field without a component (or the reverse) fails when the class loads.
 */
final class LedgerCounters {

    /** Not a counter: the size of the ledger's token table, given to {@link #snapshot}. */
    private static final String TRACKED = "tracked";
    private static final RecordComponent[] COMPONENTS = LedgerSnapshot.class.getRecordComponents();
    private static final Constructor<LedgerSnapshot> SNAPSHOT = snapshotConstructor();
    /** In snapshot component order; null at {@link #TRACKED}. */
    private static final Field[] FIELDS = counterFields();

    // Gauges: up and down.
    final AtomicInteger pending = new AtomicInteger();
    final AtomicInteger streamsOpen = new AtomicInteger();
    final AtomicInteger streamsListening = new AtomicInteger();

    final LongAdder sent = new LongAdder();
    final LongAdder sendFailed = new LongAdder();
    final LongAdder firstDeliveries = new LongAdder();
    final LongAdder deliveries = new LongAdder();
    final LongAdder expectedDeliveries = new LongAdder();
    final LongAdder unexpectedStreamDeliveries = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder outOfOrder = new LongAdder();
    final LongAdder lost = new LongAdder();
    final LongAdder raceMisses = new LongAdder();
    final LongAdder closedByClient = new LongAdder();
    final LongAdder expired = new LongAdder();
    final LongAdder unobserved = new LongAdder();
    /** Messages that had no expected stream at send time (nobody listening); also counted in {@link #unobserved}. */
    final LongAdder sentWithNoStreamListening = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder unknownTokens = new LongAdder();
    final LongAdder noToken = new LongAdder();
    final LongAdder crossEngine = new LongAdder();
    final LongAdder crossEngineDeliveries = new LongAdder();
    final LongAdder crossEngineUntracked = new LongAdder();
    final LongAdder droppedRecords = new LongAdder();

    void reset() {
        for (Field field : FIELDS) {
            if (field != null) {
                Object counter = read(field);
                if (counter instanceof LongAdder adder) {
                    adder.reset();
                } else {
                    ((AtomicInteger) counter).set(0);
                }
            }
        }
    }

    /** Each counter is read atomically, the set is not. */
    LedgerSnapshot snapshot(long tracked) {
        Object[] values = new Object[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            values[i] = FIELDS[i] == null ? tracked : valueOf(read(FIELDS[i]));
        }
        try {
            return SNAPSHOT.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a LedgerSnapshot", e);
        }
    }

    private static long valueOf(Object counter) {
        return counter instanceof LongAdder adder ? adder.sum() : ((AtomicInteger) counter).get();
    }

    private Object read(Field field) {
        try {
            return field.get(this);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read counter " + field.getName(), e);
        }
    }

    private static Constructor<LedgerSnapshot> snapshotConstructor() {
        try {
            return LedgerSnapshot.class.getDeclaredConstructor(
                    Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("LedgerSnapshot has no canonical constructor", e);
        }
    }

    private static Field[] counterFields() {
        Field[] fields = new Field[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            String name = COMPONENTS[i].getName();
            if (!name.equals(TRACKED)) {
                try {
                    fields[i] = LedgerCounters.class.getDeclaredField(name);
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException("LedgerSnapshot." + name + " has no counter in LedgerCounters", e);
                }
            }
        }
        long counters = Arrays.stream(LedgerCounters.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).count();
        if (counters != COMPONENTS.length - 1) {
            throw new IllegalStateException("every LedgerCounters field needs a LedgerSnapshot component of its name");
        }
        return fields;
    }
}
