package com.instainstru.loadtest.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import com.instainstru.loadtest.report.engines.EngineDelivery;

/**
 * Folds JTL samples into per-(Type, Name) Locust stats. Memory grows with the number of labels and
 * distinct latency values, never with the number of samples.
 */
public final class JtlStatsCollector implements Consumer<JtlSample> {

    private record Key(String type, String name) {}

    /** The open sampler's label; its successful samples say which listening rule the stream used. */
    private record FailureKey(String method, String name, String error) {}

    private final RequestTypes types;
    private final Map<Key, SampleAccumulator> byName = new LinkedHashMap<>();
    private final SampleAccumulator total = new SampleAccumulator();
    private final Map<FailureKey, Long> failures = new LinkedHashMap<>();
    private long start = Long.MAX_VALUE;
    private long end = Long.MIN_VALUE;
    // Users over every engine; the delivery ledger collector's own threads are in allThreads but are no users.
    private final EngineThreads engineThreads = new EngineThreads();
    private long successfulSends;
    private long sendsWithoutListener;
    private long streamsOpened;
    private long opensListeningFromHeaders;
    private final Set<String> unmappedAccounts = new TreeSet<>();
    private EngineDelivery delivery = EngineDelivery.NONE;

    public JtlStatsCollector(RequestTypes types) {
        this.types = types;
    }

    @Override
    public void accept(JtlSample s) {
        String type = types.typeOf(s.label());
        byName.computeIfAbsent(new Key(type, s.label()), k -> new SampleAccumulator()).add(s);
        total.add(s);
        if (!s.success()) {
            failures.merge(new FailureKey(type, s.label(), s.errorText()), 1L, Long::sum);
        }
        start = Math.min(start, s.timeStamp());
        end = Math.max(end, s.endTime());
        engineThreads.add(s);
        if (s.success() && s.label().equals(ThresholdChecker.SEND_MESSAGE)) {
            successfulSends++;
            if (s.responseMessage().contains(RunSignals.NO_LISTENER)) {
                sendsWithoutListener++;
            }
        }
        if (s.success() && s.label().equals(OpenStreams.SSE_STREAM) && OpenStreams.isOpen(s)) {
            streamsOpened++;
            if (s.responseMessage().contains(RunSignals.HEADERS_RULE)) {
                opensListeningFromHeaders++;
            }
        }
        if (s.label().equals(RunSignals.UNMAPPED_LABEL) && unmappedAccounts.size() < 10_000) {
            unmappedAccounts.add(s.responseMessage());
        }
    }

    /**
     * A sample the results tool derived (the cross-engine join), not a JTL row: it gets its own row and its
     * failures, but stays out of the Aggregated row, the run's time span and the user count, which describe the JTL
     * (and must match JMeter's dashboard).
     */
    public void acceptDerived(JtlSample s) {
        String type = types.typeOf(s.label());
        byName.computeIfAbsent(new Key(type, s.label()), k -> new SampleAccumulator()).add(s);
        if (!s.success()) {
            failures.merge(new FailureKey(type, s.label(), s.errorText()), 1L, Long::sum);
        }
    }

    /** The all-engine delivery accounting, for the summary and the thresholds. */
    public void delivery(EngineDelivery delivery) {
        this.delivery = delivery;
    }

    /** Peak users over every engine (-1 when the JTL has no allThreads). */
    private int peakUsers() {
        return (int) engineThreads.peakUsers();
    }

    /** JMeter names a thread "<thread group> <group>-<thread>"; the plans name the collector's group so. */
    static boolean isCollectorThread(String threadName) {
        return threadName.toLowerCase(Locale.ROOT).startsWith(COLLECTOR_GROUP);
    }

    static final String COLLECTOR_GROUP = "delivery ledger collector";

    /** The stats so far; rates are over first sample start to last sample end. */
    public RunStats result() {
        if (total.count() == 0) {
            throw new ResultsInputException("no samples");
        }
        double seconds = (end - start) / 1000.0;
        List<EndpointStats> rows = new ArrayList<>();
        byName.forEach((k, acc) -> rows.add(acc.toStats(k.type(), k.name(), seconds)));
        List<RunStats.FailureCount> failureRows = new ArrayList<>();
        failures.forEach((k, n) -> failureRows.add(new RunStats.FailureCount(k.method(), k.name(), k.error(), n)));
        // Locust lists the most frequent errors first
        failureRows.sort(Comparator.comparingLong(RunStats.FailureCount::occurrences).reversed());
        return new RunStats(RunStats.sortedByTypeAndName(rows), total.toStats("", EndpointStats.AGGREGATED, seconds),
                failureRows, start, end, peakUsers(),
                new RunSignals(true, successfulSends, sendsWithoutListener, unmappedAccounts, streamsOpened,
                        opensListeningFromHeaders, delivery));
    }
}
