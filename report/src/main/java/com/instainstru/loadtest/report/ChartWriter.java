package com.instainstru.loadtest.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Charts for the scenarios whose verdict is a curve, written as self-contained SVG files plus a
 * {@code chart.html} embedding them (no scripts, nothing loaded from the network):
 * <ul>
 *   <li>S1 capacity: p95 and error % per label against users; marks the first step over any
 *       threshold (error or warning) and gives the safe ceiling = that user count × 0.8;</li>
 *   <li>S2 throughput: {@code e2e_full_latency} p95 against messages/min/user; marks the {@link Elbow};</li>
 *   <li>S4 soak: p95, error % and (from {@code generator_heap.csv}) generator heap over time; flags
 *       upward drift by the {@link Trend} rule.</li>
 * </ul>
 */
public final class ChartWriter {

    public static final String HTML = "chart.html";
    public static final String HEAP_FILE = "generator_heap.csv";
    public static final double SAFETY_FACTOR = 0.8;

    /**
     * What a chart command found.
     *
     * @param marked the marked x value: S1 first step over a threshold (users), S2 elbow (msg/min/user)
     * @param flags  S4: the series that drift upward
     */
    public record ChartReport(String text, List<Path> files, OptionalDouble marked, List<String> flags) {}

    private static final Pattern USERS_DIR = Pattern.compile("(\\d+)_users");
    private static final Pattern HOLD_DIR = Pattern.compile("hold_(\\d+)s");

    private ChartWriter() {}

    // ---------------------------------------------------------------- S1

    public static ChartReport s1(Path dir, Thresholds.Profile profile, RequestTypes types) throws IOException {
        List<Path> steps = stepDirs(dir, USERS_DIR, "<N>_users/");
        StringBuilder text = new StringBuilder("S1 capacity sweep: " + dir + "\n\n");
        text.append(String.format(Locale.ROOT, "  %8s %10s %8s  %s%n", "Users", "Requests", "Fail %", "Threshold breaches"));
        Map<String, List<double[]>> p95 = new LinkedHashMap<>();
        Map<String, List<double[]>> errors = new LinkedHashMap<>();
        Integer firstOver = null;
        String firstOverWhy = "";
        for (Path step : steps) {
            int users = Integer.parseInt(match(USERS_DIR, step));
            RunStats run;
            try {
                run = StatsSource.load(step, types);
            } catch (ResultsInputException e) {
                text.append(String.format(Locale.ROOT, "  %8d  skipped: %s%n", users, e.getMessage()));
                continue;
            }
            for (EndpointStats e : run.endpoints()) {
                // a step without this label's samples is a gap: the line joins the steps on either side of it
                if (e.requestCount() > 0 && Double.isFinite(e.p95())) {
                    p95.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(new double[] {users, e.p95()});
                }
                errors.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(new double[] {users, e.failureRatePercent()});
            }
            errors.computeIfAbsent("overall", k -> new ArrayList<>())
                    .add(new double[] {users, run.overallFailureRatePercent()});
            List<Violation> violations = ThresholdChecker.check(run, profile);
            String why = violations.stream().map(Violation::describe).reduce((a, b) -> a + "; " + b).orElse("-");
            text.append(String.format(Locale.ROOT, "  %8d %10d %7.2f%%  %s%n", users, run.totalRequests(),
                    run.overallFailureRatePercent(), why));
            if (firstOver == null && !violations.isEmpty()) {
                firstOver = users;
                firstOverWhy = why;
            }
        }
        if (p95.isEmpty()) {
            throw new ResultsInputException("no step under " + dir + " has readable results");
        }
        text.append('\n');
        OptionalDouble marked = OptionalDouble.empty();
        SvgChart latency = new SvgChart("S1: p95 latency per label vs users", "users", "p95 (ms)");
        SvgChart errorChart = new SvgChart("S1: error % vs users", "users", "failures (%)");
        // users are whole numbers: ticks at the steps, not at fifths of the range (6.40, 8.80)
        Set<Integer> userCounts = new TreeSet<>();
        p95.values().forEach(points -> points.forEach(p -> userCounts.add((int) p[0])));
        errors.values().forEach(points -> points.forEach(p -> userCounts.add((int) p[0])));
        latency.xTicksAt(userCounts);
        errorChart.xTicksAt(userCounts);
        p95.forEach(latency::series);
        double highest = p95.values().stream().flatMap(List::stream).mapToDouble(p -> p[1]).max().orElse(0);
        List<String> offChart = thresholdLines(latency, profile, p95.keySet(), THRESHOLD_HEADROOM * highest);
        errors.forEach(errorChart::series);
        if (firstOver != null) {
            long ceiling = (long) Math.floor(firstOver * SAFETY_FACTOR);
            String caption = "first over threshold: " + firstOver + " users";
            latency.marker(firstOver, caption);
            errorChart.marker(firstOver, caption);
            text.append("First step over a threshold: ").append(firstOver).append(" users (").append(firstOverWhy)
                    .append(")\n");
            text.append("safe ceiling = ").append(firstOver).append(" × 0.8 = ").append(ceiling).append(" users\n");
            marked = OptionalDouble.of(firstOver);
        } else {
            int top = (int) p95.values().stream().flatMap(List::stream).mapToDouble(p -> p[0]).max().orElse(0);
            text.append("No step exceeded a threshold: the ceiling is above ").append(top)
                    .append(" users (safe ceiling ≥ ").append(top).append("); extend USER_COUNTS to find it.\n");
        }
        if (!offChart.isEmpty()) {
            // one limit a line: all of them on one line ran off the page
            text.append("Not drawn, far above the measured p95s:\n");
            offChart.forEach(caption -> text.append("  ").append(caption).append('\n'));
        }
        List<Path> files = write(dir, "S1 capacity", text.toString(),
                Map.of("s1_p95.svg", latency.render(), "s1_errors.svg", errorChart.render()));
        return new ChartReport(text.toString(), files, marked, List.of());
    }

    /** Limits above this many times the highest p95 are not drawn: they would squash the curves to the axis. */
    static final double THRESHOLD_HEADROOM = 2;

    /**
     * The plotted labels' limits up to {@code ceiling} as lines: {@code p50_max} (a warning) and {@code p95_max}
     * (an error). Labels sharing a value share one line, so the captions do not pile up.
     *
     * @return the captions of the limits above {@code ceiling}, not drawn
     */
    private static List<String> thresholdLines(SvgChart chart, Thresholds.Profile profile, Set<String> labels,
                                               double ceiling) {
        Map<Double, List<String>> warnings = new TreeMap<>();
        Map<Double, List<String>> criticals = new TreeMap<>();
        for (String label : labels) {
            Thresholds.EndpointLimits limits = profile.endpoints().get(label);
            if (limits != null) {
                limits.p50MaxMs().ifPresent(max -> warnings.computeIfAbsent(max, k -> new ArrayList<>()).add(label));
                limits.p95MaxMs().ifPresent(max -> criticals.computeIfAbsent(max, k -> new ArrayList<>()).add(label));
            }
        }
        List<String> offChart = new ArrayList<>();
        warnings.forEach((max, names) -> limitLine(chart, max, ceiling, String.format(Locale.ROOT,
                "warning: p50 max %.0f ms (%s)", max, String.join(", ", names)), SvgChart.LimitKind.WARNING, offChart));
        criticals.forEach((max, names) -> limitLine(chart, max, ceiling, String.format(Locale.ROOT,
                "critical: p95 max %.0f ms (%s)", max, String.join(", ", names)), SvgChart.LimitKind.CRITICAL, offChart));
        return offChart;
    }

    private static void limitLine(SvgChart chart, double max, double ceiling, String caption, SvgChart.LimitKind kind,
                                  List<String> offChart) {
        if (max <= ceiling) {
            chart.limit(max, caption, kind);
        } else {
            offChart.add(caption);
        }
    }

    // ---------------------------------------------------------------- S2

    public static ChartReport s2(Path dir, RequestTypes types) throws IOException {
        List<Path> steps = stepDirs(dir, HOLD_DIR, "hold_<N>s/");
        StringBuilder text = new StringBuilder("S2 throughput vs latency: " + dir + "\n\n");
        text.append(String.format(Locale.ROOT, "  %6s %6s %9s %14s %16s %14s%n",
                "Hold", "Users", "Minutes", "send_message", "msg/min/user", "e2e p95 (ms)"));
        List<double[]> e2e = new ArrayList<>();
        List<double[]> send = new ArrayList<>();
        Map<Double, Integer> holdAt = new LinkedHashMap<>();
        for (Path step : steps) {
            int hold = Integer.parseInt(match(HOLD_DIR, step));
            RunStats run;
            try {
                run = StatsSource.load(step, types);
            } catch (ResultsInputException e) {
                text.append(String.format(Locale.ROOT, "  %5ds  skipped: %s%n", hold, e.getMessage()));
                continue;
            }
            StepInfo info = StepInfo.read(step).orElse(new StepInfo(OptionalInt.empty(), OptionalDouble.empty(),
                    OptionalDouble.empty()));
            OptionalInt users = info.users().isPresent() ? info.users() : usersFromHistory(step, run);
            OptionalDouble seconds = info.durationSeconds().isPresent() ? info.durationSeconds()
                    : run.durationSeconds().map(OptionalDouble::of).orElse(OptionalDouble.empty());
            if (users.isEmpty() || seconds.isEmpty()) {
                text.append(String.format(Locale.ROOT, "  %5ds  skipped: %s unknown (write %s with %s)%n", hold,
                        users.isEmpty() ? "user count" : "duration", StepInfo.FILE,
                        users.isEmpty() ? "\"users\"" : "\"duration_seconds\""));
                continue;
            }
            long sent = run.endpoint("send_message").map(EndpointStats::requestCount).orElse(0L);
            double minutes = seconds.getAsDouble() / 60.0;
            double rate = sent / minutes / users.getAsInt();
            double p95 = run.endpoint("e2e_full_latency").map(EndpointStats::p95).orElse(Double.NaN);
            text.append(String.format(Locale.ROOT, "  %5ds %6d %9.2f %14d %16.2f %14s%n", hold, users.getAsInt(), minutes,
                    sent, rate, Double.isNaN(p95) ? "N/A" : String.format(Locale.ROOT, "%.0f", p95)));
            if (!Double.isNaN(p95)) {
                e2e.add(new double[] {rate, p95});
                holdAt.put(rate, hold);
            }
            run.endpoint("send_message").ifPresent(s -> send.add(new double[] {rate, s.p95()}));
        }
        if (e2e.isEmpty()) {
            throw new ResultsInputException("no step under " + dir + " has e2e_full_latency results with a known "
                    + "user count and duration");
        }
        Comparator<double[]> byX = Comparator.comparingDouble(p -> p[0]);
        e2e.sort(byX);
        send.sort(byX);
        SvgChart chart = new SvgChart("S2: e2e_full_latency p95 vs message rate", "messages / min / user", "p95 (ms)");
        chart.series("e2e_full_latency p95", e2e).series("send_message p95", send);
        for (double[] p : e2e) {
            chart.pointLabel(p[0], p[1], "hold " + holdAt.get(p[0]) + " s");
        }
        OptionalInt elbow = Elbow.find(e2e);
        OptionalDouble marked = OptionalDouble.empty();
        text.append('\n');
        if (elbow.isPresent()) {
            double[] p = e2e.get(elbow.getAsInt());
            String caption = String.format(Locale.ROOT, "elbow: %.2f msg/min/user", p[0]);
            chart.marker(p[0], caption);
            text.append(String.format(Locale.ROOT,
                    "Elbow at %.2f messages/min/user (hold %ds, e2e p95 %.0f ms): the sustainable throughput limit.%n",
                    p[0], holdAt.get(p[0]), p[1]));
            marked = OptionalDouble.of(p[0]);
        } else {
            text.append("No elbow: latency does not climb sharply over the measured rates (needs ≥ 3 steps and a rise "
                    + "≥ 10 % of the range below the first-to-last chord).\n");
        }
        List<Path> files = write(dir, "S2 throughput", text.toString(), Map.of("s2_e2e_p95.svg", chart.render()));
        return new ChartReport(text.toString(), files, marked, List.of());
    }

    private static OptionalInt usersFromHistory(Path step, RunStats run) {
        Path history = step.resolve(StatsHistoryWriter.FILE);
        if (Files.isRegularFile(history)) {
            int max = StatsHistoryReader.read(history).stream().mapToInt(StatsHistoryReader.Row::userCount).max().orElse(0);
            if (max > 0) {
                return OptionalInt.of(max);
            }
        }
        return run.peakUsers() > 0 ? OptionalInt.of(run.peakUsers()) : OptionalInt.empty();
    }

    // ---------------------------------------------------------------- S4

    /** Absolute floors of the drift rule: below these a rise is noise whatever its significance. */
    static final double LATENCY_FLOOR_MS = 10;
    static final double ERROR_FLOOR_POINTS = 0.5;
    static final double HEAP_FLOOR_MIB = 10;

    public static ChartReport s4(Path dir) throws IOException {
        Path historyFile = dir.resolve(StatsHistoryWriter.FILE);
        if (!Files.isRegularFile(historyFile)) {
            throw new ResultsInputException(dir + " has no " + StatsHistoryWriter.FILE
                    + " (convert the JTL first: ResultsCli convert <file.jtl> --out " + dir + " --full-history)");
        }
        List<StatsHistoryReader.Row> rows = StatsHistoryReader.read(historyFile);
        List<StatsHistoryReader.Row> aggregated = rows.stream().filter(StatsHistoryReader.Row::isAggregated).toList();
        if (aggregated.isEmpty()) {
            throw new ResultsInputException(historyFile + " has no Aggregated rows");
        }
        List<double[]> heap = readHeap(dir.resolve(HEAP_FILE));
        double t0 = aggregated.get(0).timestamp();
        if (!heap.isEmpty()) {
            t0 = Math.min(t0, heap.get(0)[0]);
        }
        boolean fullHistory = rows.stream().anyMatch(r -> !r.isAggregated());
        StringBuilder text = new StringBuilder("S4 soak trends: " + dir + "\n\n");
        if (!fullHistory) {
            text.append("Note: history written without --full-history, so its percentiles are cumulative (Locust's "
                    + "rule) and hide drift; convert with --full-history for windowed percentiles.\n\n");
        }
        Map<String, List<double[]>> p95 = new LinkedHashMap<>();
        List<double[]> errorPct = new ArrayList<>();
        for (StatsHistoryReader.Row r : rows) {
            double minute = (r.timestamp() - t0) / 60.0;
            boolean hasTraffic = r.requestsPerSecond() > 0;
            if (r.isAggregated()) {
                if (hasTraffic) {
                    errorPct.add(new double[] {minute, 100 * r.failuresPerSecond() / r.requestsPerSecond()});
                    if (!Double.isNaN(r.p95())) {
                        p95.computeIfAbsent("Aggregated", k -> new ArrayList<>()).add(new double[] {minute, r.p95()});
                    }
                }
            } else if (hasTraffic && !Double.isNaN(r.p95())
                    && (r.name().equals("e2e_full_latency") || r.name().equals("send_message"))) {
                p95.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(new double[] {minute, r.p95()});
            }
        }
        List<String> flags = new ArrayList<>();
        Map<String, String> svgs = new LinkedHashMap<>();
        SvgChart latency = new SvgChart("S4: p95 latency over time", "minutes", "p95 (ms)");
        for (Map.Entry<String, List<double[]>> e : p95.entrySet()) {
            latency.series(e.getKey() + " p95", e.getValue());
            judge(e.getKey() + " p95", e.getValue(), LATENCY_FLOOR_MS, "ms", "ms", latency, text, flags);
        }
        svgs.put("s4_latency.svg", latency.render());
        SvgChart errors = new SvgChart("S4: error % over time", "minutes", "failures (%)");
        errors.series("error %", errorPct);
        judge("error %", errorPct, ERROR_FLOOR_POINTS, "%", "pt", errors, text, flags);
        svgs.put("s4_errors.svg", errors.render());
        if (!heap.isEmpty()) {
            List<double[]> mib = new ArrayList<>();
            for (double[] h : heap) {
                mib.add(new double[] {(h[0] - t0) / 60.0, h[1] / (1024.0 * 1024.0)});
            }
            SvgChart heapChart = new SvgChart("S4: load generator heap used", "minutes", "heap used (MiB)");
            heapChart.series("heap used", mib);
            judge("generator heap", mib, HEAP_FLOOR_MIB, "MiB", "MiB", heapChart, text, flags);
            svgs.put("s4_heap.svg", heapChart.render());
        } else {
            text.append("generator heap: no ").append(HEAP_FILE).append(", not charted\n");
        }
        text.append('\n').append(flags.isEmpty() ? "Verdict: PASS — no upward drift\n"
                : "Verdict: FAIL — upward drift in " + String.join(", ", flags) + "\n");
        text.append("Drift rule: least-squares slope with t ≥ ").append(Trend.MIN_T).append(" over ≥ ")
                .append(Trend.MIN_POINTS).append(" points, and fitted rise ≥ ")
                .append((int) (Trend.MIN_RELATIVE_RISE * 100)).append(" % of the mean and ≥ the floor (")
                .append((int) LATENCY_FLOOR_MS).append(" ms, ").append(ERROR_FLOOR_POINTS).append(" pt, ")
                .append((int) HEAP_FLOOR_MIB).append(" MiB).\n");
        List<Path> files = write(dir, "S4 soak", text.toString(), svgs);
        return new ChartReport(text.toString(), files, OptionalDouble.empty(), flags);
    }

    /** Fits the trend, draws it, and flags the series when the {@link Trend} rule says it drifts up. */
    private static void judge(String name, List<double[]> points, double floor, String unit, String changeUnit,
                              SvgChart chart, StringBuilder text, List<String> flags) {
        if (points.size() < 2) {
            text.append(name).append(": too few points for a trend\n");
            return;
        }
        Trend t = Trend.fit(points);
        double x0 = points.get(0)[0];
        double x1 = points.get(points.size() - 1)[0];
        chart.fittedLine(name + " trend", List.of(new double[] {x0, t.intercept() + t.slope() * x0},
                new double[] {x1, t.intercept() + t.slope() * x1}));
        boolean drift = t.driftsUp(floor);
        text.append(String.format(Locale.ROOT, "%s: mean %.2f %s, fitted change %+.2f %s over the run (t = %.1f)%s%n",
                name, t.mean(), unit, t.rise(), changeUnit, t.tStatistic(), drift ? "  <-- UPWARD DRIFT" : ""));
        if (drift) {
            flags.add(name);
            chart.marker(x1, "upward drift: " + name);
        }
    }

    private static List<double[]> readHeap(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<double[]> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvRecordReader csv = new CsvRecordReader(in);
            List<String> header = csv.next();
            Map<String, Integer> index = header == null ? Map.of() : JtlReader.indexByName(header);
            Integer ts = index.get("timestamp_epoch_s");
            Integer used = index.get("heap_used_bytes");
            if (ts == null || used == null) {
                throw new ResultsInputException(file + " must have columns timestamp_epoch_s,heap_used_bytes");
            }
            for (List<String> r = csv.next(); r != null; r = csv.next()) {
                try {
                    out.add(new double[] {Double.parseDouble(r.get(ts).trim()), Double.parseDouble(r.get(used).trim())});
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    throw new ResultsInputException(file + " line " + csv.recordStartLine() + ": expected two numbers");
                }
            }
        } catch (IOException e) {
            throw new ResultsInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingDouble(p -> p[0]));
        return out;
    }

    // ---------------------------------------------------------------- shared

    private static List<Path> stepDirs(Path dir, Pattern pattern, String expected) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new ResultsInputException("not a directory: " + dir);
        }
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> steps = list.filter(Files::isDirectory)
                    .filter(p -> pattern.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(match(pattern, p))))
                    .toList();
            if (steps.isEmpty()) {
                throw new ResultsInputException("no " + expected + " step directories in " + dir);
            }
            return steps;
        }
    }

    private static String match(Pattern pattern, Path p) {
        Matcher m = pattern.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(p.toString());
        }
        return m.group(1);
    }

    /** Characters of page text in the chart's width: 820 px of a 13 px monospace font, 7.8 px a character. */
    static final int PAGE_TEXT_CHARS = 100;

    /** The text with every line longer than the chart is wide wrapped, continuation lines indented. */
    static String wrapLines(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.length() <= PAGE_TEXT_CHARS) {
                out.append(line).append('\n');
                continue;
            }
            int indent = line.length() - line.stripLeading().length() + 4;
            List<String> parts = SvgChart.wrap(line.stripLeading(), PAGE_TEXT_CHARS - indent);
            out.append(" ".repeat(indent - 4)).append(parts.get(0)).append('\n');
            parts.subList(1, parts.size()).forEach(p -> out.append(" ".repeat(indent)).append(p).append('\n'));
        }
        return out.substring(0, out.length() - 1);
    }

    private static List<Path> write(Path dir, String title, String text, Map<String, String> svgs) throws IOException {
        List<Path> files = new ArrayList<>();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(SvgChart.esc(title)).append("</title></head>\n<body style=\"font-family:sans-serif\">\n<h1>")
                .append(SvgChart.esc(title)).append("</h1>\n<pre style=\"white-space:pre-wrap;max-width:")
                .append(SvgChart.DEFAULT_WIDTH).append("px\">").append(SvgChart.esc(wrapLines(text))).append("</pre>\n");
        for (String name : new TreeSet<>(svgs.keySet())) {
            Path f = dir.resolve(name);
            Files.writeString(f, svgs.get(name), StandardCharsets.UTF_8);
            files.add(f);
            html.append("<div>").append(svgs.get(name)).append("</div>\n");
        }
        html.append("</body></html>\n");
        Path page = dir.resolve(HTML);
        Files.writeString(page, html, StandardCharsets.UTF_8);
        files.add(page);
        return files;
    }
}
