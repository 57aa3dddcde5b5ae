package com.instainstru.loadtest.report;

import java.util.Locale;

/**
 * One threshold breach. Errors fail the run (exit 1 with --check-thresholds); warnings are reported
 * only (P50 breaches, as in the old suite).
 *
 * @param endpoint sample name, or "overall"
 * @param metric   p95, p50, failure_rate, race_misses, race_miss_rate, or a "nothing measured" check
 * @param explanation the whole text after the metric, for checks whose numbers alone would not say what is wrong
 */
public record Violation(String endpoint, String metric, double threshold, double actual, Severity severity,
                        String explanation) {

    /** A breach whose text is the numbers ("actual > threshold"). */
    public Violation(String endpoint, String metric, double threshold, double actual, Severity severity) {
        this(endpoint, metric, threshold, actual, severity, "");
    }

    public enum Severity {
        ERROR, WARNING;

        public String lower() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** e.g. "[send_message] p95: 5400 ms > 5000 ms". */
    public String describe() {
        return "[" + endpoint + "] " + metric + ": "
                + (explanation.isEmpty() ? comparison(metric, actual, threshold) : explanation);
    }

    /** "actual unit > threshold unit", e.g. "8 % > 5 %": the text of a breach that needs no explanation. */
    static String comparison(String metric, double actual, double threshold) {
        String unit = switch (metric) {
            case "p95", "p50" -> " ms";
            case "failure_rate", "race_miss_rate", "unobserved_send_share" -> " %";
            default -> "";
        };
        return format(actual) + unit + " > " + format(threshold) + unit;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
