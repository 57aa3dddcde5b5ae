package com.instainstru.loadtest.report.engines;

import java.util.function.Consumer;

import com.instainstru.loadtest.correlation.LedgerRecord;
import com.instainstru.loadtest.report.JtlSample;

/**
 * Takes the {@code e2e_delivery_facts} rows out of the JTL stream into the {@link CrossEngineJoin}: they are
 * bookkeeping, not requests, so they never reach the stats (the scripts keep them out of JMeter's dashboard too,
 * with {@code jmeter.reportgenerator.sample_filter}).
 */
public final class DeliveryFactsRows implements Consumer<JtlSample> {

    public static final String LABEL = LedgerRecord.E2E_DELIVERY_FACTS;
    /** JMeter's dashboard filter that keeps every sample but these (a regex the sample name must match). */
    public static final String DASHBOARD_FILTER = "^(?!" + LABEL + "$).*$";

    private final CrossEngineJoin join;
    private final Consumer<JtlSample> others;

    public DeliveryFactsRows(CrossEngineJoin join, Consumer<JtlSample> others) {
        this.join = join;
        this.others = others;
    }

    public static boolean isFacts(JtlSample s) {
        return LABEL.equals(s.label());
    }

    @Override
    public void accept(JtlSample s) {
        if (!isFacts(s)) {
            others.accept(s);
            return;
        }
        try {
            join.accept(DeliveryFactJson.read(s.responseMessage()));
        } catch (IllegalArgumentException e) {
            join.unreadable(e.getMessage() + " (row at " + s.timeStamp() + ", thread " + s.threadName() + ")");
        }
    }

    /** The joined fan-out as a sample of {@link CrossEngineJoin#LABEL}: it starts at the send, lasts its latency. */
    public static JtlSample sample(MessageFanout m) {
        boolean ok = m.lost() == 0;
        long elapsed = Math.max(0, Math.round(m.latencyMillis()));
        return new JtlSample(m.sentEpochMillis(), elapsed, CrossEngineJoin.LABEL, ok ? "200" : "Lost", m.describe(),
                "cross-engine join", ok, "", 0, 0, -1, "", elapsed, 0);
    }
}
