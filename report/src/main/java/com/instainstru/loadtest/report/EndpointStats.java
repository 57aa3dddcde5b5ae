package com.instainstru.loadtest.report;

/**
 * One row of Locust's {@code results_stats.csv}: a (Type, Name) pair or the {@code Aggregated} row.
 * Times in milliseconds. Values read from a Locust file may be fractional; a NaN percentile is
 * Locust's "N/A" (no requests).
 *
 * @param percentiles one value per {@link Percentiles#HEADERS} column
 */
public record EndpointStats(
        String type,
        String name,
        long requestCount,
        long failureCount,
        double medianMs,
        double averageMs,
        double minMs,
        double maxMs,
        double averageContentSize,
        double requestsPerSecond,
        double failuresPerSecond,
        double[] percentiles) {

    public static final String AGGREGATED = "Aggregated";

    public EndpointStats {
        if (percentiles.length != Percentiles.HEADERS.size()) {
            throw new IllegalArgumentException("need " + Percentiles.HEADERS.size() + " percentiles");
        }
        percentiles = percentiles.clone();
    }

    @Override
    public double[] percentiles() {
        return percentiles.clone();
    }

    public double p50() {
        return percentiles[Percentiles.P50];
    }

    public double p95() {
        return percentiles[Percentiles.P95];
    }

    public double p99() {
        return percentiles[Percentiles.P99];
    }

    /** Failures as a percentage of requests (0 when there were none). */
    public double failureRatePercent() {
        return requestCount == 0 ? 0.0 : 100.0 * failureCount / requestCount;
    }

    public boolean isAggregated() {
        // the old parser treats an empty name as the aggregate too
        return name.isEmpty() || AGGREGATED.equals(name);
    }
}
