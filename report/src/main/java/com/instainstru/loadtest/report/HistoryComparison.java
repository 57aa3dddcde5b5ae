package com.instainstru.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Prints the current run against a previous history entry: overall failure rate and, for every name
 * in both, p50/p95/p99, failure rate and rps with the change in percent. Arrows show the direction
 * of the number; "worse" marks a change for the worse (latency or failures up, throughput down).
 */
public final class HistoryComparison {

    private HistoryComparison() {}

    public static String render(JsonNode previous, JsonNode current) {
        StringBuilder sb = new StringBuilder();
        String rule = "=".repeat(72);
        sb.append(rule).append('\n');
        sb.append("  Comparison vs previous run: ").append(previous.path("label").asText("?"))
                .append(" (").append(previous.path("timestamp").asText("?")).append(")\n");
        sb.append(rule).append('\n');
        sb.append(String.format(Locale.ROOT, "  %-30s %12s %12s %12s%n", "Metric", "Previous", "Current", "Change"));
        sb.append("  ").append("-".repeat(70)).append('\n');
        line(sb, "failure_rate %", previous.path("failure_rate"), current.path("failure_rate"), true, true);
        JsonNode prevEndpoints = previous.path("endpoints");
        current.path("endpoints").fields().forEachRemaining(e -> {
            JsonNode prev = prevEndpoints.path(e.getKey());
            if (prev.isMissingNode()) {
                return;
            }
            for (String metric : new String[] {"p50", "p95", "p99"}) {
                line(sb, e.getKey() + " " + metric + " ms", prev.path(metric), e.getValue().path(metric), true, false);
            }
            line(sb, e.getKey() + " failure_rate %", prev.path("failure_rate"), e.getValue().path("failure_rate"), true, true);
            line(sb, e.getKey() + " rps", prev.path("rps"), e.getValue().path("rps"), false, false);
        });
        sb.append(rule).append('\n');
        return sb.toString();
    }

    /**
     * @param higherIsWorse latency and failures: up is worse; throughput: down is worse
     * @param absolute      print the change in points (for rates already in percent)
     */
    private static void line(StringBuilder sb, String metric, JsonNode prev, JsonNode cur, boolean higherIsWorse,
                             boolean absolute) {
        if (!prev.isNumber() || !cur.isNumber()) {
            return;
        }
        double p = prev.asDouble();
        double c = cur.asDouble();
        String change;
        if (absolute) {
            change = String.format(Locale.ROOT, "%+.2f pt", c - p);
        } else if (p != 0) {
            change = String.format(Locale.ROOT, "%+.1f%%", (c - p) / p * 100);
        } else {
            change = c == 0 ? "+0.0%" : "new";
        }
        String arrow = c > p ? "↑" : c < p ? "↓" : "=";
        boolean worse = higherIsWorse ? c > p : c < p;
        sb.append(String.format(Locale.ROOT, "  %-30s %12s %12s %12s %s%s%n", metric, num(p), num(c), change, arrow,
                worse ? " worse" : ""));
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
