package com.instainstru.loadtest.report;

/** Running totals for one (Type, Name) or the aggregate, over any stretch of samples. */
final class SampleAccumulator {

    final ExactHistogram latencies;
    long failures;
    long bytes;

    SampleAccumulator() {
        this(ExactHistogram.DEFAULT_DENSE_LIMIT);
    }

    SampleAccumulator(int denseLimit) {
        latencies = new ExactHistogram(denseLimit);
    }

    void add(JtlSample s) {
        latencies.record(s.elapsed());
        if (!s.success()) {
            failures++;
        }
        bytes += s.bytes();
    }

    void add(SampleAccumulator other) {
        latencies.add(other.latencies);
        failures += other.failures;
        bytes += other.bytes;
    }

    long count() {
        return latencies.count();
    }

    /** The Locust row for these samples; rates are per {@code seconds} (0 seconds gives 0 rates). */
    EndpointStats toStats(String type, String name, double seconds) {
        double[] pct = Percentiles.of(latencies);
        long n = count();
        return new EndpointStats(type, name, n, failures,
                n == 0 ? 0 : pct[Percentiles.P50], latencies.mean(), latencies.min(), latencies.max(),
                n == 0 ? 0.0 : (double) bytes / n,
                seconds > 0 ? n / seconds : 0.0, seconds > 0 ? failures / seconds : 0.0, pct);
    }
}
