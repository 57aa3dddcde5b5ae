package com.instainstru.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code results/load_test_history.json}: a JSON array of runs, oldest first, at most {@link #MAX_RUNS}.
 * Entries keep the old parser's keys ({@code timestamp, label, total_requests, total_failures,
 * failure_rate, endpoints.<name>.{requests, failures, failure_rate, p50, p95, p99}}) so an old
 * Locust history stays comparable; we add {@code scenario}, {@code step} (an S1/S2 step directory such as
 * {@code 100_users}, else "") and per-name {@code type, avg, rps}.
 * Entries we did not write are kept as they are.
 */
public final class RunHistory {

    public static final String DEFAULT_PATH = "results/load_test_history.json";
    public static final int MAX_RUNS = 100;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final List<ObjectNode> runs;

    private RunHistory(Path file, List<ObjectNode> runs) {
        this.file = file;
        this.runs = runs;
    }

    /** Loads the history; a missing file is an empty history, a corrupt one an error. */
    public static RunHistory load(Path file) {
        List<ObjectNode> runs = new ArrayList<>();
        if (Files.exists(file)) {
            JsonNode root;
            try {
                root = JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new ResultsInputException("history " + file + " is not valid JSON: " + e.getMessage(), e);
            }
            if (root != null && !root.isMissingNode()) {
                if (!root.isArray()) {
                    throw new ResultsInputException("history " + file + " must be a JSON array of runs");
                }
                root.forEach(n -> {
                    if (n.isObject()) {
                        runs.add((ObjectNode) n);
                    }
                });
            }
        }
        return new RunHistory(file, runs);
    }

    public List<ObjectNode> runs() {
        return List.copyOf(runs);
    }

    public Optional<ObjectNode> last() {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    /**
     * The newest entry of the same scenario and step: comparing an S0 run with an S2 step says nothing. An entry
     * without a {@code scenario} (an old Locust history) takes it from its label, e.g. s0_smoke_20241207_143052.
     */
    public Optional<ObjectNode> lastOf(String scenario, String step) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            ObjectNode e = runs.get(i);
            if (scenarioOf(e).equals(scenario) && e.path("step").asText("").equals(step)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static String scenarioOf(JsonNode entry) {
        String scenario = entry.path("scenario").asText("");
        if (!scenario.isEmpty()) {
            return scenario;
        }
        try {
            return ResultsCli.scenarioFrom(Path.of(entry.path("label").asText("")));
        } catch (java.nio.file.InvalidPathException e) {
            return "";
        }
    }

    /** Appends a run, keeps the newest {@link #MAX_RUNS} and rewrites the file atomically. */
    public ObjectNode append(RunStats run, String label, String scenario, LocalDateTime when) throws IOException {
        return append(run, label, scenario, "", when);
    }

    /** As {@link #append(RunStats, String, String, LocalDateTime)}, for one step of a sweep. */
    public ObjectNode append(RunStats run, String label, String scenario, String step, LocalDateTime when)
            throws IOException {
        ObjectNode entry = entry(run, label, scenario, step, when);
        runs.add(entry);
        while (runs.size() > MAX_RUNS) {
            runs.remove(0);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        runs.forEach(array::add);
        Path tmp = Files.createTempFile(dir, ".history", ".tmp");
        JSON.writeValue(tmp.toFile(), array);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return entry;
    }

    /** The history entry for a run (also the body of the CLI's --json output). */
    public static ObjectNode entry(RunStats run, String label, String scenario, LocalDateTime when) {
        return entry(run, label, scenario, "", when);
    }

    /** The history entry for a run or a step of a sweep. */
    public static ObjectNode entry(RunStats run, String label, String scenario, String step, LocalDateTime when) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("timestamp", when.toString());
        o.put("label", label);
        o.put("scenario", scenario);
        o.put("step", step);
        o.put("total_requests", run.totalRequests());
        o.put("total_failures", run.totalFailures());
        o.put("failure_rate", round(run.overallFailureRatePercent(), 2));
        ObjectNode endpoints = o.putObject("endpoints");
        for (EndpointStats e : run.endpoints()) {
            if (endpoints.has(e.name())) {
                continue; // keyed by name like the old parser; the first (Type, Name) row wins
            }
            ObjectNode n = endpoints.putObject(e.name());
            n.put("type", e.type());
            n.put("requests", e.requestCount());
            n.put("failures", e.failureCount());
            n.put("failure_rate", round(e.failureRatePercent(), 2));
            putNumber(n, "p50", e.p50());
            putNumber(n, "p95", e.p95());
            putNumber(n, "p99", e.p99());
            putNumber(n, "avg", e.averageMs());
            n.put("rps", round(e.requestsPerSecond(), 3));
        }
        return o;
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isNaN(v)) {
            n.putNull(key);
        } else {
            n.put(key, round(v, 1));
        }
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
