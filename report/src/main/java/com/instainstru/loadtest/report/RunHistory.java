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
 * Locust history stays comparable; we add {@code scenario} and per-name {@code type, avg, rps}.
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

    /** Appends a run, keeps the newest {@link #MAX_RUNS} and rewrites the file atomically. */
    public ObjectNode append(RunStats run, String label, String scenario, LocalDateTime when) throws IOException {
        ObjectNode entry = entry(run, label, scenario, when);
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
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("timestamp", when.toString());
        o.put("label", label);
        o.put("scenario", scenario);
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
