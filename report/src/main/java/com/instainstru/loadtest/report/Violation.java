package com.instainstru.loadtest.report;

import java.util.Locale;

/**
 * One threshold breach. Errors fail the run (exit 1 with --check-thresholds); warnings are reported
 * only (P50 breaches, as in the old suite).
 *
 * @param endpoint sample name, or "overall"
 * @param metric   p95, p50, failure_rate, race_misses or race_miss_rate
 */
public record Violation(String endpoint, String metric, double threshold, double actual, Severity severity) {

    public enum Severity {
        ERROR, WARNING;

        public String lower() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** e.g. "[send_message] p95: 5400 ms > 5000 ms". */
    public String describe() {
        String unit = switch (metric) {
            case "p95", "p50" -> " ms";
            case "failure_rate", "race_miss_rate" -> " %";
            default -> "";
        };
        return "[" + endpoint + "] " + metric + ": " + format(actual) + unit + " > " + format(threshold) + unit;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
