package com.instainstru.loadtest.report;

import com.instainstru.loadtest.report.engines.CrossEngineJoin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results tool, a drop-in for the old {@code parse_load_results.py} plus JTL conversion and charts.
 * Exit codes: 0 fine, 1 threshold errors with {@code --check-thresholds}, 2 bad input or usage.
 */
public final class ResultsCli {

    public static final int OK = 0;
    public static final int THRESHOLDS_FAILED = 1;
    public static final int BAD_INPUT = 2;

    static final String USAGE = """
            Usage:
              scripts/parse-results <results_stats.csv | results dir | file.jtl> [--check-thresholds]
                                    [--ci-mode] [--save-history] [--compare-last] [--json] [--label TEXT]
                                    [--scenario NAME] [--thresholds config/thresholds.json]
                                    [--history results/load_test_history.json] [--type-map label=TYPE,...]
              scripts/parse-results convert <file.jtl> --out <dir> [--history-interval 5] [--full-history]
                                    [--scenario s0_smoke] [--label TEXT] [--ci-mode] [--check-thresholds]
                                    [--thresholds FILE] [--type-map label=TYPE,...] [--clock-margin-ms 100]
                                    (--clock-margin-ms: clock skew between engines the cross-engine
                                    delivery join tolerates)
              scripts/parse-results chart s1 <dir with <N>_users/ steps> [--thresholds FILE] [--type-map ...]
              scripts/parse-results chart s2 <dir with hold_<N>s/ steps> [--type-map ...]
              scripts/parse-results chart s4 <dir with results_stats_history.csv [+ generator_heap.csv]>
              scripts/parse-results progress <file.jtl>
                                    (a JTL being written: rows errors threads sent delivered lost e2e_p95_ms)
              scripts/parse-results check-dashboard <dashboard dir | statistics.json> <results_stats.csv>
                                    [--jtl FILE] [--percentiles 90,95,99]
                                    (--jtl defaults to the one *.jtl beside results_stats.csv;
                                    exit 1 on disagreement)
            scripts/parse-results runs java -jar jmeter-sse-plugin-*.jar; the jar takes the same arguments.

            Exit codes: 0 ok, 1 threshold errors (with --check-thresholds) or dashboard disagreement,
            2 bad input or usage.
            Thresholds default to config/thresholds.json when it exists, else the built-in copy of it.
            --compare-last compares with the newest history entry before this run of the same scenario
            (and, for a sweep step directory such as 100_users or hold_10s, the same step).
            """;

    private static final Set<String> FLAGS = Set.of("--check-thresholds", "--ci-mode", "--save-history",
            "--compare-last", "--json", "--full-history", "--help", "-h");
    private static final Set<String> OPTIONS = Set.of("--label", "--thresholds", "--history", "--out",
            "--history-interval", "--scenario", "--type-map", "--jtl", "--percentiles", "--clock-margin-ms");
    private static final Pattern STEP_DIR = Pattern.compile("\\d+_users|hold_\\d+s");
    private static final Pattern SCENARIO_DIR = Pattern.compile("(s\\d+_[a-z]+)(_\\d{8}_\\d{6})?");

    private final PrintStream out;
    private final PrintStream err;

    public ResultsCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(new ResultsCli(out, err).run(args));
    }

    /** Runs one command and returns its exit code (never calls System.exit). */
    public int run(String... args) {
        try {
            Args a = Args.parse(args);
            if (a.flag("--help") || a.flag("-h")) {
                out.print(USAGE);
                return OK;
            }
            if (a.positional.isEmpty()) {
                throw new UsageException("no input given");
            }
            return switch (a.positional.get(0)) {
                case "convert" -> convert(a);
                case "chart" -> chart(a);
                case "check-dashboard" -> checkDashboard(a);
                case "progress" -> progress(a);
                default -> analyze(a);
            };
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            err.print(USAGE);
            return BAD_INPUT;
        } catch (ResultsInputException e) {
            err.println("Error: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException | UncheckedIOException e) {
            err.println("Error: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private int analyze(Args a) throws IOException {
        a.onlyPositional(1, "one input (results_stats.csv, results dir or .jtl)");
        Path input = Path.of(a.positional.get(0));
        RunStats run = StatsSource.load(input, types(a));
        Thresholds thresholds = thresholds(a);
        boolean ci = a.flag("--ci-mode");
        Path dir = Files.isDirectory(input) ? input : Optional.ofNullable(input.toAbsolutePath().getParent())
                .orElse(input.toAbsolutePath());
        String label = a.option("--label").filter(s -> !s.isEmpty()).orElse(dir.getFileName().toString());
        String scenario = a.option("--scenario").orElseGet(() -> scenarioFrom(dir));
        List<Violation> violations = ThresholdChecker.check(run, thresholds.profile(ci), scenario);
        LocalDateTime now = LocalDateTime.now();
        String step = stepFrom(dir);
        ObjectNode entry = RunHistory.entry(run, label, scenario, step, now);

        if (a.flag("--json")) {
            ObjectNode json = entry.deepCopy();
            ArrayNode list = json.putArray("violations");
            for (Violation v : violations) {
                ObjectNode o = list.addObject();
                o.put("endpoint", v.endpoint());
                o.put("metric", v.metric());
                o.put("threshold", v.threshold());
                o.put("actual", v.actual());
                o.put("severity", v.severity().lower());
                o.put("message", v.describe());
            }
            json.put("passed", !ThresholdChecker.hasErrors(violations));
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        } else {
            out.print(SummaryFormatter.render(run, violations,
                    new SummaryFormatter.Context(label, scenario, displayTime(now), thresholds.source(), ci)));
        }
        historyActions(a, run, label, scenario, step, now, entry);
        return a.flag("--check-thresholds") && ThresholdChecker.hasErrors(violations) ? THRESHOLDS_FAILED : OK;
    }

    /** --save-history then --compare-last (against the entry before this run). */
    private void historyActions(Args a, RunStats run, String label, String scenario, String step,
                                LocalDateTime now, ObjectNode current) throws IOException {
        if (!a.flag("--save-history") && !a.flag("--compare-last")) {
            return;
        }
        // with --json, stdout must stay pure JSON: history messages go to stderr
        PrintStream info = a.flag("--json") ? err : out;
        Path file = Path.of(a.option("--history").orElse(RunHistory.DEFAULT_PATH));
        RunHistory history = RunHistory.load(file);
        boolean empty = history.runs().isEmpty();
        Optional<ObjectNode> previous = history.lastOf(scenario, step);
        if (a.flag("--save-history")) {
            history.append(run, label, scenario, step, now);
            info.println("Saved to history: " + file + " (" + history.runs().size() + " runs)");
        }
        if (a.flag("--compare-last")) {
            if (empty) {
                info.println("Not enough history for comparison (no previous run in " + file + ")");
            } else if (previous.isEmpty()) {
                info.println("No earlier run of " + (scenario.isEmpty() ? "an unnamed scenario" : scenario)
                        + (step.isEmpty() ? "" : " step " + step) + " to compare with in " + file
                        + " (only runs of the same scenario and step are compared)");
            } else {
                info.print(HistoryComparison.render(previous.get(), current));
            }
        }
    }

    private int convert(Args a) throws IOException {
        a.onlyPositional(2, "convert <file.jtl>");
        Path jtl = Path.of(a.positional.get(1));
        Path outDir = Path.of(a.option("--out").orElseThrow(() -> new UsageException("convert needs --out <dir>")));
        int interval = a.intOption("--history-interval", 5);
        int clockMargin = a.intOption("--clock-margin-ms", (int) CrossEngineJoin.DEFAULT_CLOCK_MARGIN_MILLIS);
        if (clockMargin < 0) {
            throw new UsageException("--clock-margin-ms must be 0 or more, was " + clockMargin);
        }
        JtlConverter.Outcome outcome = JtlConverter.convert(jtl, outDir,
                new JtlConverter.Options(types(a), interval, a.flag("--full-history"), clockMargin));
        Thresholds thresholds = thresholds(a);
        boolean ci = a.flag("--ci-mode");
        String scenario = a.option("--scenario").orElseGet(() -> scenarioFrom(outDir.toAbsolutePath()));
        List<Violation> violations = ThresholdChecker.check(outcome.stats(), thresholds.profile(ci), scenario);
        String label = a.option("--label").orElse(outDir.toAbsolutePath().getFileName().toString());
        String summary = SummaryFormatter.render(outcome.stats(), violations,
                new SummaryFormatter.Context(label, scenario, displayTime(LocalDateTime.now()), thresholds.source(), ci));
        if (outcome.read().skippedTruncatedRows() > 0) {
            summary += "Note: skipped " + outcome.read().skippedTruncatedRows()
                    + " truncated last row of the JTL (JMeter stopped mid-write)\n";
        }
        Files.writeString(outDir.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        out.print(summary);
        out.println("Wrote " + LocustStatsWriter.STATS_FILE + ", " + StatsHistoryWriter.FILE + " ("
                + outcome.historyRows() + " rows), " + LocustStatsWriter.FAILURES_FILE + ", "
                + LocustStatsWriter.EXCEPTIONS_FILE + ", summary.txt to " + outDir);
        return a.flag("--check-thresholds") && ThresholdChecker.hasErrors(violations) ? THRESHOLDS_FAILED : OK;
    }

    private int chart(Args a) throws IOException {
        a.onlyPositional(3, "chart s1|s2|s4 <dir>");
        Path dir = Path.of(a.positional.get(2));
        ChartWriter.ChartReport report = switch (a.positional.get(1)) {
            case "s1" -> ChartWriter.s1(dir, thresholds(a).profile(a.flag("--ci-mode")), types(a));
            case "s2" -> ChartWriter.s2(dir, types(a));
            case "s4" -> ChartWriter.s4(dir);
            default -> throw new UsageException("unknown chart '" + a.positional.get(1) + "' (use s1, s2 or s4)");
        };
        out.print(report.text());
        out.println("Wrote " + report.files().stream().map(p -> p.getFileName().toString()).toList() + " to " + dir);
        return OK;
    }

    /** JMeter's dashboard vs our results_stats.csv: exit 0 when they agree, 1 when not. */
    private int progress(Args a) {
        a.onlyPositional(2, "progress <file.jtl>");
        out.println(JtlProgress.of(Path.of(a.positional.get(1))).line());
        return OK;
    }

    private int checkDashboard(Args a) {
        a.onlyPositional(3, "check-dashboard <dashboard dir> <results_stats.csv>");
        Path stats = Path.of(a.positional.get(2));
        Optional<Path> jtl = a.option("--jtl").map(Path::of).or(() -> DashboardComparison.jtlBeside(stats));
        List<Double> percentiles = a.option("--percentiles").map(ResultsCli::percentileList)
                .orElse(DashboardComparison.DEFAULT_PERCENTILES);
        DashboardComparison.Result result =
                DashboardComparison.compare(Path.of(a.positional.get(1)), stats, jtl, percentiles);
        out.print(result.render());
        return result.agrees() ? OK : THRESHOLDS_FAILED;
    }

    private static List<Double> percentileList(String text) {
        List<Double> list = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                list.add(Double.parseDouble(part.trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("--percentiles takes three numbers like 90,95,99, got '" + text + "'");
            }
        }
        return list;
    }

    private static String displayTime(LocalDateTime t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace('T', ' ');
    }

    private static Thresholds thresholds(Args a) {
        Optional<String> explicit = a.option("--thresholds");
        if (explicit.isPresent()) {
            return Thresholds.load(Path.of(explicit.get()));
        }
        Path conventional = Path.of(Thresholds.DEFAULT_PATH);
        return Files.isRegularFile(conventional) ? Thresholds.load(conventional) : Thresholds.builtIn();
    }

    private static RequestTypes types(Args a) {
        return new RequestTypes(a.option("--type-map").map(RequestTypes::parseMapping).orElse(Map.of()));
    }

    /** "s0_smoke" from results/s0_smoke_20241207_143052 (or a parent of it), else "". */
    static String scenarioFrom(Path dir) {
        for (Path p = dir; p != null && p.getFileName() != null; p = p.getParent()) {
            Matcher m = SCENARIO_DIR.matcher(p.getFileName().toString());
            if (m.matches()) {
                return m.group(1);
            }
        }
        return "";
    }

    /** "100_users" or "hold_10s" for a sweep step directory (S1, S2), else "". */
    static String stepFrom(Path dir) {
        Path name = dir.getFileName();
        return name != null && STEP_DIR.matcher(name.toString()).matches() ? name.toString() : "";
    }

    /** Bad command line: exit 2 with the usage text. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** The parsed command line: positionals, boolean flags, valued options. */
    static final class Args {
        final List<String> positional = new ArrayList<>();
        final Set<String> flags = new java.util.HashSet<>();
        final Map<String, String> options = new HashMap<>();

        static Args parse(String[] args) {
            Args a = new Args();
            for (int i = 0; i < args.length; i++) {
                String s = args[i];
                if (s.startsWith("--") && s.contains("=")) {
                    String name = s.substring(0, s.indexOf('='));
                    if (!OPTIONS.contains(name)) {
                        throw new UsageException("unknown option " + name);
                    }
                    a.options.put(name, s.substring(s.indexOf('=') + 1));
                } else if (FLAGS.contains(s)) {
                    a.flags.add(s);
                } else if (OPTIONS.contains(s)) {
                    if (i + 1 >= args.length) {
                        throw new UsageException(s + " needs a value");
                    }
                    a.options.put(s, args[++i]);
                } else if (s.startsWith("-") && s.length() > 1) {
                    throw new UsageException("unknown option " + s);
                } else {
                    a.positional.add(s);
                }
            }
            return a;
        }

        boolean flag(String name) {
            return flags.contains(name);
        }

        Optional<String> option(String name) {
            return Optional.ofNullable(options.get(name));
        }

        int intOption(String name, int absent) {
            Optional<String> v = option(name);
            if (v.isEmpty()) {
                return absent;
            }
            try {
                int n = Integer.parseInt(v.get().trim());
                if (n < 1) {
                    throw new UsageException(name + " must be at least 1, was " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new UsageException(name + " must be a whole number of seconds, was '" + v.get() + "'");
            }
        }

        void onlyPositional(int count, String what) {
            if (positional.size() != count) {
                throw new UsageException("expected " + what + ", got " + positional);
            }
        }
    }
}
