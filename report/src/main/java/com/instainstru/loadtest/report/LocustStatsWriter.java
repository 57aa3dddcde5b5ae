package com.instainstru.loadtest.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code results_stats.csv}, {@code results_failures.csv} and {@code results_exceptions.csv}
 * exactly as Locust does (header, column order, number formats, CRLF line ends).
 */
public final class LocustStatsWriter {

    public static final String STATS_FILE = "results_stats.csv";
    public static final String FAILURES_FILE = "results_failures.csv";
    public static final String EXCEPTIONS_FILE = "results_exceptions.csv";

    private LocustStatsWriter() {}

    /** Writes the three files into {@code dir} (created if needed). */
    public static void writeAll(RunStats stats, Path dir) throws IOException {
        Files.createDirectories(dir);
        writeStats(stats, dir.resolve(STATS_FILE));
        writeFailures(stats, dir.resolve(FAILURES_FILE));
        writeExceptions(dir.resolve(EXCEPTIONS_FILE));
    }

    public static void writeStats(RunStats stats, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeStats(stats, w);
        }
    }

    public static void writeStats(RunStats stats, Writer w) throws IOException {
        CsvRecordWriter csv = new CsvRecordWriter(w);
        csv.write(LocustFormat.STATS_HEADER);
        for (EndpointStats e : stats.endpoints()) {
            csv.write(row(e));
        }
        csv.write(row(stats.aggregated()));
        csv.flush();
    }

    static List<String> row(EndpointStats e) {
        List<String> r = new ArrayList<>(LocustFormat.STATS_HEADER.size());
        r.add(e.isAggregated() ? "" : e.type());
        r.add(e.isAggregated() ? EndpointStats.AGGREGATED : e.name());
        r.add(Long.toString(e.requestCount()));
        r.add(Long.toString(e.failureCount()));
        r.add(LocustFormat.wholeOrFloat(e.medianMs()));
        r.add(LocustFormat.pythonFloat(e.averageMs()));
        r.add(LocustFormat.wholeOrFloat(e.minMs()));
        r.add(LocustFormat.wholeOrFloat(e.maxMs()));
        r.add(LocustFormat.pythonFloat(e.averageContentSize()));
        r.add(LocustFormat.pythonFloat(e.requestsPerSecond()));
        r.add(LocustFormat.pythonFloat(e.failuresPerSecond()));
        r.addAll(LocustFormat.percentileFields(e.percentiles()));
        return r;
    }

    public static void writeFailures(RunStats stats, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CsvRecordWriter csv = new CsvRecordWriter(w);
            csv.write(LocustFormat.FAILURES_HEADER);
            for (RunStats.FailureCount f : stats.failures()) {
                csv.write(List.of(f.method(), f.name(), f.error(), Long.toString(f.occurrences())));
            }
        }
    }

    /** JMeter samples carry no Python tracebacks, so this is the header alone (what Locust writes for none). */
    public static void writeExceptions(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new CsvRecordWriter(w).write(LocustFormat.EXCEPTIONS_HEADER);
        }
    }
}
