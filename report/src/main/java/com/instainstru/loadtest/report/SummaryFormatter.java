package com.instainstru.loadtest.report;

import java.util.List;
import java.util.Locale;

import com.instainstru.loadtest.report.engines.CrossEngineJoin;
import com.instainstru.loadtest.report.engines.EngineDelivery;

/** The human-readable run summary, laid out like the old parser's (one screen). */
public final class SummaryFormatter {

    /** One table row; the count columns are wider than their titles so that the titles stay apart. */
    private static final String ROW = "  %-32s %10s %10s %7s %8s %8s %8s %8s %8s";

    private SummaryFormatter() {}

    /** Everything a summary shows besides the stats. */
    public record Context(String label, String scenario, String date, String thresholdsSource, boolean ciMode) {}

    public static String render(RunStats run, List<Violation> violations, Context ctx) {
        StringBuilder sb = new StringBuilder();
        String header = String.format(Locale.ROOT, ROW, "Name", "Requests", "Failures", "Fail %", "Avg", "P50", "P95",
                "P99", "RPS");
        String rule = "=".repeat(header.length());
        String dashes = "  " + "-".repeat(header.length() - 2);
        sb.append(rule).append('\n').append("  Load Test Summary\n").append(rule).append('\n');
        sb.append("Date:       ").append(ctx.date()).append('\n');
        sb.append("Label:      ").append(ctx.label()).append('\n');
        if (!ctx.scenario().isEmpty()) {
            sb.append("Scenario:   ").append(ctx.scenario()).append('\n');
        }
        run.durationSeconds().ifPresent(s -> sb.append(String.format(Locale.ROOT, "Duration:   %.1f s%n", s)));
        if (run.peakUsers() >= 0) {
            sb.append("Peak users: ").append(run.peakUsers()).append('\n');
        }
        sb.append("Thresholds: ").append(ctx.ciMode() ? "CI smoke" : "normal").append(" (")
                .append(ctx.thresholdsSource()).append(")\n\n");
        sb.append(header).append('\n').append(dashes).append('\n');
        for (EndpointStats e : run.endpoints()) {
            row(sb, e.name(), e);
        }
        sb.append(dashes).append('\n');
        row(sb, EndpointStats.AGGREGATED, run.aggregated());
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "Overall: %d requests, %d failures (%.2f%%)%n%n",
                run.totalRequests(), run.totalFailures(), run.overallFailureRatePercent()));
        signals(sb, run.signals());
        delivery(sb, run.signals().delivery());
        sb.append(verdict(violations));
        sb.append(rule).append('\n');
        return sb.toString();
    }

    /** What the ledger and the plugin said besides the stats, when the JTL was read. */
    private static void signals(StringBuilder sb, RunSignals s) {
        if (!s.known()) {
            return;
        }
        if (s.listeningRule() != null) {
            sb.append("Listening rule: ").append(s.listeningRule()).append('\n');
        }
        if (s.successfulSends() > 0) {
            sb.append(String.format(Locale.ROOT, "Sent with no listening stream: %d of %d sends (%.1f %%)%n",
                    s.sendsWithoutListener(), s.successfulSends(), s.sendsWithoutListenerPercent()));
        }
        if (!s.unmappedAccounts().isEmpty()) {
            sb.append("Accounts without a conversation mapping: ").append(s.unmappedAccounts().size())
                    .append(" (they sent nothing; see the warnings in jmeter.log)\n");
        }
        if (s.successfulSends() > 0 || !s.unmappedAccounts().isEmpty() || s.listeningRule() != null) {
            sb.append('\n');
        }
    }

    /** The delivery accounting over every engine's streams (the cross-engine join), when the JTL had its facts. */
    private static void delivery(StringBuilder sb, EngineDelivery d) {
        if (!d.known()) {
            return;
        }
        sb.append("Delivery over every engine (").append(d.engines().size()).append(d.engines().size() == 1
                ? " engine: " : " engines: ").append(String.join(", ", d.engines())).append("; row ")
                .append(CrossEngineJoin.LABEL).append(")\n");
        sb.append(String.format(Locale.ROOT, "  %d messages sent, %d observed: %d of %d expected deliveries delivered, "
                        + "%d lost in %d messages, %d race-missed, %d unobserved%n", d.messages(), d.observed(),
                d.delivered(), d.expected(), d.lost(), d.messagesWithLoss(), d.raceMisses(), d.unobserved()));
        if (d.engines().size() > 1) {
            sb.append(String.format(Locale.ROOT, "  %d of the lost deliveries were on streams of an engine other than "
                    + "the sender's (no single engine's ledger could see them)%n", d.lostOnOtherEngines()));
            sb.append(String.format(Locale.ROOT, "  Clocks: the other engines' streams are judged on wall clocks; a "
                    + "stream boundary within %d ms of a send is never counted as a loss. Keep the engines in sync "
                    + "(NTP)%n", d.clockMarginMillis()));
        }
        if (!d.examples().isEmpty()) {
            sb.append("  Lost deliveries (first ").append(d.examples().size()).append("):\n");
            d.examples().forEach(e -> sb.append("    ").append(e).append('\n'));
        }
        if (d.receivedWithoutSent() > 0) {
            sb.append("  ").append(d.receivedWithoutSent()).append(" deliveries of messages no engine recorded as sent "
                    + "(a failed send, or its engine's facts are missing)\n");
        }
        if (d.unreadableFacts() > 0) {
            sb.append("  ").append(d.unreadableFacts()).append(" delivery facts could not be read; first: ")
                    .append(d.firstProblem()).append('\n');
        }
        sb.append('\n');
    }

    /** "Verdict: PASS|FAIL" plus the violations, errors first. */
    public static String verdict(List<Violation> violations) {
        StringBuilder sb = new StringBuilder();
        boolean errors = ThresholdChecker.hasErrors(violations);
        sb.append("Verdict: ").append(errors ? "FAIL" : "PASS")
                .append(!errors && !violations.isEmpty() ? " (with warnings)" : "").append('\n');
        if (errors) {
            sb.append("\nThreshold Violations:\n");
            violations.stream().filter(v -> v.severity() == Violation.Severity.ERROR)
                    .forEach(v -> sb.append("  ").append(v.describe()).append('\n'));
        }
        if (violations.stream().anyMatch(v -> v.severity() == Violation.Severity.WARNING)) {
            sb.append("\nWarnings:\n");
            violations.stream().filter(v -> v.severity() == Violation.Severity.WARNING)
                    .forEach(v -> sb.append("  ").append(v.describe()).append('\n'));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, EndpointStats e) {
        sb.append(String.format(Locale.ROOT, ROW + "%n", truncate(name, 32), e.requestCount(), e.failureCount(),
                String.format(Locale.ROOT, "%.1f%%", e.failureRatePercent()), ms(e.averageMs()), ms(e.p50()),
                ms(e.p95()), ms(e.p99()), String.format(Locale.ROOT, "%.2f", e.requestsPerSecond())));
    }

    /** The old parser's format: "850ms", "1.2s". */
    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "N/A";
        }
        return v >= 1000 ? String.format(Locale.ROOT, "%.1fs", v / 1000) : String.format(Locale.ROOT, "%.0fms", v);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
