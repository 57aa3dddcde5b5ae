package com.instainstru.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The contents of one run's {@code results_stats.csv}: rows per (Type, Name) plus the aggregate.
 * Start, end and peak users are known only when the stats came from a JTL (-1 otherwise).
 */
public record RunStats(
        List<EndpointStats> endpoints,
        EndpointStats aggregated,
        List<FailureCount> failures,
        long startEpochMs,
        long endEpochMs,
        int peakUsers,
        RunSignals signals) {

    /** Stats without the JTL-only signals. */
    public RunStats(List<EndpointStats> endpoints, EndpointStats aggregated, List<FailureCount> failures,
                    long startEpochMs, long endEpochMs, int peakUsers) {
        this(endpoints, aggregated, failures, startEpochMs, endEpochMs, peakUsers, RunSignals.UNKNOWN);
    }

    /** One row of {@code results_failures.csv}. */
    public record FailureCount(String method, String name, String error, long occurrences) {}

    public RunStats {
        endpoints = List.copyOf(endpoints);
        failures = List.copyOf(failures);
    }

    /** Stats built from a Locust-format CSV, where only the rows are known. */
    public static RunStats ofRows(List<EndpointStats> endpoints, EndpointStats aggregated) {
        return new RunStats(endpoints, aggregated, List.of(), -1, -1, -1);
    }

    /** The first row with this name (thresholds and history key on names, as the old tool did). */
    public Optional<EndpointStats> endpoint(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public long totalRequests() {
        return aggregated.requestCount();
    }

    public long totalFailures() {
        return aggregated.failureCount();
    }

    public double overallFailureRatePercent() {
        return aggregated.failureRatePercent();
    }

    /** Run length in seconds from first sample start to last sample end, when known. */
    public Optional<Double> durationSeconds() {
        if (startEpochMs >= 0 && endEpochMs > startEpochMs) {
            return Optional.of((endEpochMs - startEpochMs) / 1000.0);
        }
        if (aggregated.requestsPerSecond() > 0) {
            // Locust files carry no duration, but Requests/s = count / duration
            return Optional.of(aggregated.requestCount() / aggregated.requestsPerSecond());
        }
        return Optional.empty();
    }

    static List<EndpointStats> sortedByTypeAndName(List<EndpointStats> rows) {
        List<EndpointStats> copy = new ArrayList<>(rows);
        // Locust sorts its rows by (name, method)
        copy.sort((a, b) -> {
            int c = a.name().compareTo(b.name());
            return c != 0 ? c : a.type().compareTo(b.type());
        });
        return copy;
    }
}
