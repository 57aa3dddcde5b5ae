package com.instainstru.loadtest.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code results_stats.csv} written by Locust or by {@link LocustStatsWriter}. Columns are
 * found by name; "N/A" and empty fields (Locust's values for rows without requests) read as NaN for
 * percentiles and 0 elsewhere, as the old parser did.
 */
public final class LocustStatsReader {

    private LocustStatsReader() {}

    /** True when a CSV header row looks like a Locust stats header. */
    public static boolean isStatsHeader(List<String> header) {
        Map<String, Integer> index = JtlReader.indexByName(header);
        return index.containsKey("name") && index.containsKey("request count");
    }

    public static RunStats read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new ResultsInputException("stats file not found: " + file);
        } catch (IOException e) {
            throw new ResultsInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static RunStats read(Reader reader, String source) throws IOException {
        CsvRecordReader csv = new CsvRecordReader(reader);
        List<String> header = csv.next();
        if (header == null) {
            throw new ResultsInputException(source + " is empty (expected Locust's results_stats.csv header)");
        }
        if (!isStatsHeader(header)) {
            throw new ResultsInputException(source + " is not a Locust results_stats.csv: header must have "
                    + "'Name' and 'Request Count' columns, found: " + String.join(",", header));
        }
        Map<String, Integer> index = JtlReader.indexByName(header);
        List<EndpointStats> rows = new ArrayList<>();
        EndpointStats aggregated = null;
        for (List<String> row = csv.next(); row != null; row = csv.next()) {
            EndpointStats e = parse(row, index, source, csv.recordStartLine());
            if (e.isAggregated()) {
                aggregated = e;
            } else {
                rows.add(e);
            }
        }
        if (aggregated == null && rows.isEmpty()) {
            throw new ResultsInputException(source + " has a header but no rows");
        }
        return RunStats.ofRows(rows, aggregated != null ? aggregated : sum(rows));
    }

    private static EndpointStats parse(List<String> row, Map<String, Integer> index, String source, long line) {
        Field f = new Field(row, index, source, line);
        double[] pct = new double[Percentiles.HEADERS.size()];
        for (int i = 0; i < pct.length; i++) {
            pct[i] = f.number(Percentiles.HEADERS.get(i), Double.NaN);
        }
        return new EndpointStats(f.text("Type"), f.text("Name"),
                (long) f.number("Request Count", 0), (long) f.number("Failure Count", 0),
                f.number("Median Response Time", 0), f.number("Average Response Time", 0),
                f.number("Min Response Time", 0), f.number("Max Response Time", 0),
                f.number("Average Content Size", 0), f.number("Requests/s", 0), f.number("Failures/s", 0), pct);
    }

    /** An aggregate for files that lack the Aggregated row: counts and rates add up, percentiles are unknown. */
    private static EndpointStats sum(List<EndpointStats> rows) {
        long n = 0;
        long failed = 0;
        double rps = 0;
        double fps = 0;
        for (EndpointStats e : rows) {
            n += e.requestCount();
            failed += e.failureCount();
            rps += e.requestsPerSecond();
            fps += e.failuresPerSecond();
        }
        double[] unknown = new double[Percentiles.HEADERS.size()];
        java.util.Arrays.fill(unknown, Double.NaN);
        return new EndpointStats("", EndpointStats.AGGREGATED, n, failed, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, rps, fps, unknown);
    }

    private record Field(List<String> row, Map<String, Integer> index, String source, long line) {
        String text(String column) {
            Integer i = index.get(column.toLowerCase(Locale.ROOT));
            return i == null || i >= row.size() ? "" : row.get(i).trim();
        }

        double number(String column, double absent) {
            String v = text(column);
            if (v.isEmpty() || v.equalsIgnoreCase(LocustFormat.NOT_AVAILABLE) || v.equalsIgnoreCase("nan")) {
                return absent;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new ResultsInputException(source + " line " + line + ": column '" + column
                        + "' is not a number: '" + v + "'");
            }
        }
    }
}
