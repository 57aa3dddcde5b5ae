package com.instainstru.loadtest.report;

import java.util.function.Consumer;

import com.instainstru.loadtest.report.engines.CrossEngineJoin;
import com.instainstru.loadtest.report.engines.DeliveryFactsRows;

/**
 * The one way a JTL becomes {@link RunStats}: the delivery facts go to the {@link CrossEngineJoin}, every other row
 * to the stats (and to whoever else wants the rows), and at the end the joined all-engine fan-outs are added.
 */
final class JtlStatsPipeline {

    private final JtlStatsCollector collector;
    private final CrossEngineJoin join;

    JtlStatsPipeline(RequestTypes types, long clockMarginMillis) {
        this.collector = new JtlStatsCollector(types);
        this.join = new CrossEngineJoin(clockMarginMillis);
    }

    /** The consumer to read the JTL into; {@code alsoTo} sees the same measurement rows as the stats. */
    Consumer<JtlSample> rows(Consumer<JtlSample> alsoTo) {
        return new DeliveryFactsRows(join, alsoTo == null ? collector : collector.andThen(alsoTo));
    }

    RunStats finish() {
        CrossEngineJoin.Result joined = join.finish();
        joined.fanouts().forEach(m -> collector.acceptDerived(DeliveryFactsRows.sample(m)));
        collector.delivery(joined.totals());
        return collector.result();
    }
}
