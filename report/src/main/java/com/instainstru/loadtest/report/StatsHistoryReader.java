package com.instainstru.loadtest.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a {@code results_stats_history.csv} (ours or Locust's) by column name. */
public final class StatsHistoryReader {

    /** One row; NaN where Locust wrote N/A. */
    public record Row(long timestamp, int userCount, String type, String name, double requestsPerSecond,
                      double failuresPerSecond, double p50, double p95, long totalRequests, long totalFailures) {
        public boolean isAggregated() {
            return name.isEmpty() || EndpointStats.AGGREGATED.equals(name);
        }
    }

    private StatsHistoryReader() {}

    public static List<Row> read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvRecordReader csv = new CsvRecordReader(in);
            List<String> header = csv.next();
            if (header == null) {
                throw new ResultsInputException(file + " is empty");
            }
            Map<String, Integer> index = JtlReader.indexByName(header);
            for (String needed : List.of("timestamp", "user count", "name", "requests/s", "failures/s", "95%")) {
                if (!index.containsKey(needed)) {
                    throw new ResultsInputException(file + " is not a Locust results_stats_history.csv: no '"
                            + needed + "' column");
                }
            }
            List<Row> rows = new ArrayList<>();
            for (List<String> r = csv.next(); r != null; r = csv.next()) {
                long line = csv.recordStartLine();
                rows.add(new Row((long) num(r, index, "timestamp", file, line), (int) num(r, index, "user count", file, line),
                        text(r, index, "type"), text(r, index, "name"), num(r, index, "requests/s", file, line),
                        num(r, index, "failures/s", file, line), num(r, index, "50%", file, line),
                        num(r, index, "95%", file, line), (long) num(r, index, "total request count", file, line),
                        (long) num(r, index, "total failure count", file, line)));
            }
            return rows;
        } catch (NoSuchFileException e) {
            throw new ResultsInputException("history CSV not found: " + file);
        } catch (IOException e) {
            throw new ResultsInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String text(List<String> r, Map<String, Integer> index, String col) {
        Integer i = index.get(col);
        return i == null || i >= r.size() ? "" : r.get(i).trim();
    }

    private static double num(List<String> r, Map<String, Integer> index, String col, Path file, long line) {
        String v = text(r, index, col);
        if (v.isEmpty() || v.equalsIgnoreCase(LocustFormat.NOT_AVAILABLE) || v.toLowerCase(Locale.ROOT).equals("nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ResultsInputException(file + " line " + line + ": '" + col + "' is not a number: '" + v + "'");
        }
    }
}
