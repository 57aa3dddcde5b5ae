package com.instainstru.loadtest.report;

import java.util.List;

/** The percentile columns Locust reports, in its order. */
public final class Percentiles {

    /** Column headers, exactly as Locust writes them. */
    public static final List<String> HEADERS =
            List.of("50%", "66%", "75%", "80%", "90%", "95%", "98%", "99%", "99.9%", "99.99%", "100%");

    /** The same percentiles in basis points (1/100 of a percent). */
    static final int[] BASIS_POINTS = {5000, 6600, 7500, 8000, 9000, 9500, 9800, 9900, 9990, 9999, 10000};

    public static final int P50 = 0;
    public static final int P95 = 5;
    public static final int P99 = 7;

    private Percentiles() {}

    /** All Locust percentiles of a histogram, as doubles (NaN means Locust's "N/A": no samples). */
    static double[] of(ExactHistogram h) {
        double[] result = new double[BASIS_POINTS.length];
        if (h.count() == 0) {
            java.util.Arrays.fill(result, Double.NaN);
            return result;
        }
        long[] values = h.valuesAtBasisPoints(BASIS_POINTS);
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }
}
