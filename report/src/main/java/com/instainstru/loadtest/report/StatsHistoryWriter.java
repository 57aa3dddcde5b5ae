package com.instainstru.loadtest.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Streams JTL samples into Locust's {@code results_stats_history.csv}.
 *
 * <p>Time is cut at {@code t0 + k * interval} where {@code t0} is the first sample's start (whole
 * second). A sample counts at its end time, as Locust logs a request when it completes. Each boundary
 * gets one {@code Aggregated} row and, with full history, first one row per (Type, Name), as Locust
 * does. As in Locust, Requests/s and Failures/s are over the last 10 s window; percentiles are over
 * that window with full history and cumulative without it; the Total columns are cumulative.
 *
 * <p>Memory stays bounded: samples are kept in per-second buckets only until a row no longer needs
 * them. A JTL is written in completion order give or take thread scheduling, so a boundary is written
 * once samples {@link #LATENESS_SECONDS} later have been seen; an even later sample counts in the
 * next row.
 */
public final class StatsHistoryWriter implements Consumer<JtlSample>, AutoCloseable {

    public static final String FILE = "results_stats_history.csv";
    public static final int WINDOW_SECONDS = 10;
    static final int LATENESS_SECONDS = 30;
    /** Bucket histograms stay small: dense up to ~1 s, exact sparse counts above. */
    private static final int BUCKET_DENSE_LIMIT = 1024;

    private record Key(String type, String name) {}

    /** The samples that ended within one second. */
    private static final class Bucket {
        final Map<Key, SampleAccumulator> byName = new HashMap<>();
        long latestEnd = Long.MIN_VALUE;
        int usersAtLatestEnd = -1;
    }

    private final CsvRecordWriter csv;
    private final RequestTypes types;
    private final int intervalSeconds;
    private final boolean fullHistory;
    private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
    /** Locust sorts rows by name, then method. */
    private static final Comparator<Key> BY_NAME_THEN_TYPE =
            Comparator.comparing(Key::name).thenComparing(Key::type);

    private final Map<Key, SampleAccumulator> cumulative = new TreeMap<>(BY_NAME_THEN_TYPE);
    private final SampleAccumulator cumulativeTotal = new SampleAccumulator();
    private long t0Seconds = Long.MIN_VALUE;
    private long maxSecondSeen = Long.MIN_VALUE;
    /** Seconds since t0 of the next boundary to write. */
    private long nextBoundary;
    private long latestEndFolded = Long.MIN_VALUE;
    private int users = 0;
    private final EngineThreads engineThreads = new EngineThreads();
    private int rowsWritten;

    public StatsHistoryWriter(Writer out, RequestTypes types, int intervalSeconds, boolean fullHistory) {
        if (intervalSeconds < 1) {
            throw new ResultsInputException("--history-interval must be at least 1 second, was " + intervalSeconds);
        }
        this.csv = new CsvRecordWriter(out);
        this.types = types;
        this.intervalSeconds = intervalSeconds;
        this.fullHistory = fullHistory;
        this.nextBoundary = intervalSeconds;
        write(LocustFormat.HISTORY_HEADER);
    }

    @Override
    public void accept(JtlSample s) {
        if (t0Seconds == Long.MIN_VALUE) {
            t0Seconds = Math.floorDiv(s.timeStamp(), 1000);
        }
        // a sample later than the rows already written lands in the first open second
        long second = Math.max(Math.floorDiv(s.endTime(), 1000) - t0Seconds, nextBoundary - intervalSeconds);
        Bucket b = buckets.computeIfAbsent(second, k -> new Bucket());
        Key key = new Key(types.typeOf(s.label()), s.label());
        b.byName.computeIfAbsent(key, k -> new SampleAccumulator(BUCKET_DENSE_LIMIT)).add(s);
        engineThreads.add(s);
        if (s.endTime() >= b.latestEnd) {
            b.latestEnd = s.endTime();
            // over every engine, less the delivery ledger collectors' threads (seen so far): they are no users
            b.usersAtLatestEnd = s.allThreads() < 0 ? -1 : (int) engineThreads.users();
        }
        maxSecondSeen = Math.max(maxSecondSeen, second);
        while (maxSecondSeen >= nextBoundary + LATENESS_SECONDS) {
            writeBoundary();
        }
    }

    /** Writes the remaining rows, up to the boundary at or after the last sample's end. */
    public void finish() {
        if (t0Seconds != Long.MIN_VALUE) {
            while (nextBoundary - intervalSeconds <= maxSecondSeen) {
                writeBoundary();
            }
        }
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int rowsWritten() {
        return rowsWritten;
    }

    private void writeBoundary() {
        long boundary = nextBoundary;
        Map<Key, SampleAccumulator> window = new HashMap<>();
        SampleAccumulator windowTotal = new SampleAccumulator();
        for (Map.Entry<Long, Bucket> e : buckets.headMap(boundary, false).entrySet()) {
            long second = e.getKey();
            Bucket bucket = e.getValue();
            boolean newlyCovered = second >= boundary - intervalSeconds;
            boolean inWindow = second >= boundary - WINDOW_SECONDS;
            for (Map.Entry<Key, SampleAccumulator> n : bucket.byName.entrySet()) {
                if (newlyCovered) {
                    cumulative.computeIfAbsent(n.getKey(), k -> new SampleAccumulator()).add(n.getValue());
                    cumulativeTotal.add(n.getValue());
                }
                if (inWindow) {
                    window.computeIfAbsent(n.getKey(), k -> new SampleAccumulator(BUCKET_DENSE_LIMIT)).add(n.getValue());
                    windowTotal.add(n.getValue());
                }
            }
            if (newlyCovered && bucket.latestEnd >= latestEndFolded) {
                latestEndFolded = bucket.latestEnd;
                if (bucket.usersAtLatestEnd >= 0) {
                    users = bucket.usersAtLatestEnd;
                }
            }
        }
        double windowSeconds = Math.min(WINDOW_SECONDS, boundary);
        long timestamp = t0Seconds + boundary;
        if (fullHistory) {
            for (Map.Entry<Key, SampleAccumulator> c : cumulative.entrySet()) {
                SampleAccumulator w = window.getOrDefault(c.getKey(), new SampleAccumulator(1));
                writeRow(timestamp, c.getKey().type(), c.getKey().name(), w, windowSeconds, w, c.getValue());
            }
        }
        writeRow(timestamp, "", EndpointStats.AGGREGATED, windowTotal, windowSeconds,
                fullHistory ? windowTotal : cumulativeTotal, cumulativeTotal);
        nextBoundary += intervalSeconds;
        // drop seconds no later window or boundary needs
        long keepFrom = Math.min(nextBoundary - WINDOW_SECONDS, nextBoundary - intervalSeconds);
        Iterator<Long> it = buckets.keySet().iterator();
        while (it.hasNext() && it.next() < keepFrom) {
            it.remove();
        }
    }

    private void writeRow(long timestamp, String type, String name, SampleAccumulator rateSource, double windowSeconds,
                          SampleAccumulator percentileSource, SampleAccumulator totals) {
        List<String> r = new ArrayList<>(LocustFormat.HISTORY_HEADER.size());
        r.add(Long.toString(timestamp));
        r.add(Integer.toString(users));
        r.add(type);
        r.add(name);
        r.add(LocustFormat.sixDecimals(rateSource.count() / windowSeconds));
        r.add(LocustFormat.sixDecimals(rateSource.failures / windowSeconds));
        r.addAll(LocustFormat.percentileFields(percentiles(percentileSource, totals)));
        EndpointStats t = totals.toStats(type, name, 0);
        r.add(Long.toString(t.requestCount()));
        r.add(Long.toString(t.failureCount()));
        r.add(LocustFormat.wholeOrFloat(t.medianMs()));
        r.add(LocustFormat.pythonFloat(t.averageMs()));
        r.add(LocustFormat.wholeOrFloat(t.minMs()));
        r.add(LocustFormat.wholeOrFloat(t.maxMs()));
        r.add(LocustFormat.pythonFloat(t.averageContentSize()));
        write(r);
        rowsWritten++;
    }

    /** Locust: "N/A" only when the name has no requests at all; an empty window reads 0. */
    private static double[] percentiles(SampleAccumulator source, SampleAccumulator totals) {
        if (source.count() == 0 && totals.count() > 0) {
            double[] zeros = new double[Percentiles.HEADERS.size()];
            Arrays.fill(zeros, 0.0);
            return zeros;
        }
        return Percentiles.of(source.latencies);
    }

    private void write(List<String> fields) {
        try {
            csv.write(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        finish();
    }
}
