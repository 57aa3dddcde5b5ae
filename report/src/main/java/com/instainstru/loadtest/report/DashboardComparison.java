package com.instainstru.loadtest.report;

import com.instainstru.loadtest.report.engines.CrossEngineJoin;
import com.instainstru.loadtest.report.engines.DeliveryFactsRows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks that JMeter's HTML dashboard ({@code statistics.json}) and our {@code results_stats.csv}
 * describe the same run: per label the sample and error counts are equal, min and max equal, the
 * means within 1 ms, and each dashboard percentile lies between our values at the adjacent ranks.
 *
 * <p>Why adjacent ranks and not equality: the two tools define a percentile differently. Ours
 * (Locust's rule) is the sorted value at 0-based rank {@code k = min(floor(n·p), n−1)}. JMeter's
 * (commons-math {@code DescriptiveStatistics}, "legacy" estimation, exact when
 * {@code jmeter.reportgenerator.statistic_window=-1}) interpolates between 1-based positions
 * {@code floor(p·(n+1))} and the next one, i.e. 0-based ranks {@code floor(np+p)−1} and
 * {@code floor(np+p)}; since {@code floor(np+p)} is {@code floor(np)} or {@code floor(np)+1}, its
 * value always lies between our values at ranks {@code k−1} and {@code k+1}. Those neighbours are not
 * in {@code results_stats.csv}, so the percentile checks need the JTL; without one they are skipped
 * (reported, not failed). A dashboard made with the default 20 000-sample window can legitimately
 * fail them on longer runs: that window only sees the last 20 000 samples.
 */
public final class DashboardComparison {

    /** The dashboard's label for the all-samples row. */
    static final String DASHBOARD_TOTAL = "Total";
    /** JMeter's defaults for {@code aggregate_rpt_pct1..3}. */
    public static final List<Double> DEFAULT_PERCENTILES = List.of(90.0, 95.0, 99.0);
    private static final double MEAN_TOLERANCE_MS = 1.0;
    private static final double EPSILON = 1e-6;

    /** One compared value; {@code agrees} false marks a disagreement. */
    public record Check(String label, String metric, String dashboard, String ours, boolean agrees) {}

    /** All checks, plus the notes (skipped checks, missing rows). */
    public record Result(List<Check> checks, List<String> notes, Path statistics, Path stats, Optional<Path> jtl) {
        public Result {
            checks = List.copyOf(checks);
            notes = List.copyOf(notes);
        }

        public boolean agrees() {
            return checks.stream().allMatch(Check::agrees);
        }

        public List<Check> disagreements() {
            return checks.stream().filter(c -> !c.agrees()).toList();
        }

        /** A short report: one line per label, the disagreements in full, then the verdict. */
        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append("Dashboard agreement: ").append(statistics).append(" vs ").append(stats);
            jtl.ifPresent(j -> sb.append(" (ranks from ").append(j.getFileName()).append(')'));
            sb.append('\n');
            Map<String, List<Check>> byLabel = new LinkedHashMap<>();
            for (Check c : checks) {
                byLabel.computeIfAbsent(c.label(), k -> new ArrayList<>()).add(c);
            }
            for (Map.Entry<String, List<Check>> e : byLabel.entrySet()) {
                long bad = e.getValue().stream().filter(c -> !c.agrees()).count();
                sb.append(String.format(Locale.ROOT, "  %-28s %s%n", e.getKey(),
                        bad == 0 ? "ok (" + e.getValue().size() + " checks)" : bad + " of " + e.getValue().size() + " differ"));
                for (Check c : e.getValue()) {
                    if (!c.agrees()) {
                        sb.append(String.format(Locale.ROOT, "      %-10s dashboard %s, ours %s%n",
                                c.metric(), c.dashboard(), c.ours()));
                    }
                }
            }
            for (String note : notes) {
                sb.append("  note: ").append(note).append('\n');
            }
            sb.append(agrees() ? "AGREE" : "DISAGREE").append(": ").append(checks.size() - disagreements().size())
                    .append(" of ").append(checks.size()).append(" checks match\n");
            return sb.toString();
        }
    }

    private DashboardComparison() {}

    /**
     * @param dashboard   the dashboard directory (holding {@code statistics.json}) or the file itself
     * @param stats       our {@code results_stats.csv}
     * @param jtl         the run's JTL, for the percentile rank checks; empty = skip them
     * @param percentiles what the dashboard's pct1, pct2, pct3 columns are (JMeter default 90, 95, 99)
     */
    public static Result compare(Path dashboard, Path stats, Optional<Path> jtl, List<Double> percentiles) {
        if (percentiles.size() != 3) {
            throw new ResultsInputException("need exactly 3 dashboard percentiles (pct1, pct2, pct3), got " + percentiles);
        }
        for (double p : percentiles) {
            if (!(p > 0 && p < 100)) {
                throw new ResultsInputException("dashboard percentile must be between 0 and 100 (exclusive), was " + p);
            }
        }
        Path statistics = Files.isDirectory(dashboard) ? dashboard.resolve("statistics.json") : dashboard;
        Map<String, JsonNode> dash = readStatistics(statistics);
        RunStats ours = LocustStatsReader.read(stats);
        Map<String, TreeMap<Long, Long>> ranks = jtl.map(DashboardComparison::readLatencies).orElse(Map.of());

        List<Check> checks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, EndpointStats> ourRows = ourRowsByLabel(ours, stats);
        if (ourRows.remove(CrossEngineJoin.LABEL) != null) {
            notes.add(CrossEngineJoin.LABEL + " not compared: the results tool derives it (the cross-engine join), "
                    + "it is no JTL sample");
        }
        TreeSet<String> labels = new TreeSet<>(dash.keySet());
        labels.addAll(ourRows.keySet());
        for (String label : labels) {
            JsonNode d = dash.get(label);
            EndpointStats o = ourRows.get(label);
            if (d == null || o == null) {
                checks.add(new Check(label, "present", d == null ? "missing" : "yes", o == null ? "missing" : "yes", false));
                continue;
            }
            compareRow(label, d, o, statistics, checks);
            if (jtl.isPresent()) {
                comparePercentiles(label, d, ranks.get(label), percentiles, statistics, checks);
            }
        }
        if (jtl.isEmpty()) {
            notes.add("percentiles not checked: no JTL given (our adjacent-rank values are not in results_stats.csv)");
        }
        return new Result(checks, notes, statistics, stats, jtl);
    }

    private static void compareRow(String label, JsonNode d, EndpointStats o, Path source, List<Check> checks) {
        long dashCount = requiredNumber(d, "sampleCount", label, source).longValue();
        long dashErrors = requiredNumber(d, "errorCount", label, source).longValue();
        checks.add(new Check(label, "samples", Long.toString(dashCount), Long.toString(o.requestCount()),
                dashCount == o.requestCount()));
        checks.add(new Check(label, "errors", Long.toString(dashErrors), Long.toString(o.failureCount()),
                dashErrors == o.failureCount()));
        if (o.requestCount() == 0) {
            return; // no latencies to compare (the dashboard shows 0 or NaN)
        }
        double min = requiredNumber(d, "minResTime", label, source);
        double max = requiredNumber(d, "maxResTime", label, source);
        double mean = requiredNumber(d, "meanResTime", label, source);
        checks.add(new Check(label, "min", fmt(min), fmt(o.minMs()), Math.abs(min - o.minMs()) < 0.5));
        checks.add(new Check(label, "max", fmt(max), fmt(o.maxMs()), Math.abs(max - o.maxMs()) < 0.5));
        checks.add(new Check(label, "mean", fmt(mean), fmt(o.averageMs()),
                Math.abs(mean - o.averageMs()) <= MEAN_TOLERANCE_MS));
    }

    private static void comparePercentiles(String label, JsonNode d, TreeMap<Long, Long> latencies,
                                           List<Double> percentiles, Path source, List<Check> checks) {
        long n = latencies == null ? 0 : latencies.values().stream().mapToLong(Long::longValue).sum();
        String[] fields = {"medianResTime", "pct1ResTime", "pct2ResTime", "pct3ResTime"};
        double[] ps = {50.0, percentiles.get(0), percentiles.get(1), percentiles.get(2)};
        for (int i = 0; i < fields.length; i++) {
            String metric = i == 0 ? "median" : "p" + fmt(ps[i]);
            double value = requiredNumber(d, fields[i], label, source);
            if (n == 0) {
                checks.add(new Check(label, metric, fmt(value), "no samples in the JTL", false));
                continue;
            }
            // basis points keep the rank exact, as ExactHistogram computes it
            long k = Math.min(n * Math.round(ps[i] * 100) / 10_000, n - 1);
            long low = valueAtRank(latencies, Math.max(k - 1, 0));
            long high = valueAtRank(latencies, Math.min(k + 1, n - 1));
            boolean inside = value >= low - EPSILON && value <= high + EPSILON;
            checks.add(new Check(label, metric, fmt(value), "ranks " + Math.max(k - 1, 0) + ".." + Math.min(k + 1, n - 1)
                    + " = [" + low + ", " + high + "]", inside));
        }
    }

    /** Our rows by the dashboard's label: the name, and "Total" for the Aggregated row. */
    private static Map<String, EndpointStats> ourRowsByLabel(RunStats ours, Path source) {
        Map<String, EndpointStats> rows = new LinkedHashMap<>();
        for (EndpointStats e : ours.endpoints()) {
            if (rows.put(e.name(), e) != null) {
                throw new ResultsInputException(source + " has two rows named '" + e.name()
                        + "' (different types); the dashboard has one row per label, so they cannot be compared");
            }
        }
        if (rows.containsKey(DASHBOARD_TOTAL)) {
            throw new ResultsInputException(source + " has a label named 'Total', which the dashboard uses for all samples");
        }
        rows.put(DASHBOARD_TOTAL, ours.aggregated());
        return rows;
    }

    static Map<String, JsonNode> readStatistics(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new ResultsInputException("dashboard statistics not found: " + file
                    + " (give the dashboard directory made by jmeter -e -o, or its statistics.json)");
        } catch (IOException e) {
            throw new ResultsInputException("cannot read " + file + " as JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new ResultsInputException(file + " is not JMeter's statistics.json: expected an object of labels");
        }
        Map<String, JsonNode> byLabel = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isObject()) {
                throw new ResultsInputException(file + ": entry '" + e.getKey() + "' is not an object");
            }
            // the entry's own "transaction" field is the label; the key is the same in JMeter's output
            byLabel.put(e.getValue().path("transaction").asText(e.getKey()), e.getValue());
        }
        if (!byLabel.containsKey(DASHBOARD_TOTAL)) {
            throw new ResultsInputException(file + " has no 'Total' entry: not JMeter's statistics.json");
        }
        return byLabel;
    }

    private static Double requiredNumber(JsonNode row, String field, String label, Path source) {
        JsonNode v = row.get(field);
        if (v == null || !v.isNumber()) {
            throw new ResultsInputException(source + ": label '" + label + "' has no numeric '" + field + "'");
        }
        return v.asDouble();
    }

    /** Per label (and "Total"), the count of samples per elapsed millisecond. */
    static Map<String, TreeMap<Long, Long>> readLatencies(Path jtl) {
        Map<String, TreeMap<Long, Long>> byLabel = new LinkedHashMap<>();
        TreeMap<Long, Long> total = new TreeMap<>();
        JtlReader.read(jtl, s -> {
            if (DeliveryFactsRows.isFacts(s)) {
                return; // bookkeeping rows: out of our stats and out of the dashboard (its sample_filter)
            }
            byLabel.computeIfAbsent(s.label(), k -> new TreeMap<>()).merge(s.elapsed(), 1L, Long::sum);
            total.merge(s.elapsed(), 1L, Long::sum);
        });
        byLabel.put(DASHBOARD_TOTAL, total);
        return byLabel;
    }

    /** The sorted value at a 0-based rank, from counts per distinct value. */
    static long valueAtRank(TreeMap<Long, Long> counts, long rank) {
        long seen = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (rank < seen) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("rank " + rank + " beyond " + seen + " values");
    }

    /** The one *.jtl next to results_stats.csv, if exactly one exists (the scripts' layout). */
    public static Optional<Path> jtlBeside(Path stats) {
        Path dir = Optional.ofNullable(stats.toAbsolutePath().getParent()).orElse(Path.of("."));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jtls = files.filter(p -> p.getFileName().toString().endsWith(".jtl")).toList();
            return jtls.size() == 1 ? Optional.of(jtls.get(0)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "90", "99.9", "104.25": no trailing ".0". */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "");
    }
}
