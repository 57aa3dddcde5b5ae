package com.instainstru.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a run against a {@link Thresholds.Profile}, the old suite's rules plus ours. */
public final class ThresholdChecker {

    private ThresholdChecker() {}

    public static List<Violation> check(RunStats run, Thresholds.Profile profile) {
        List<Violation> out = new ArrayList<>();
        if (run.overallFailureRatePercent() > profile.maxFailureRatePercent()) {
            out.add(new Violation("overall", "failure_rate", profile.maxFailureRatePercent(),
                    run.overallFailureRatePercent(), Violation.Severity.ERROR));
        }
        for (EndpointStats e : run.endpoints()) {
            Thresholds.EndpointLimits limits = profile.endpoints().get(e.name());
            if (limits == null || e.requestCount() == 0) {
                continue;
            }
            limits.p95MaxMs().ifPresent(max -> {
                if (e.p95() > max) {
                    out.add(new Violation(e.name(), "p95", max, e.p95(), Violation.Severity.ERROR));
                }
            });
            limits.maxFailureRatePercent().ifPresent(max -> {
                if (e.failureRatePercent() > max) {
                    out.add(new Violation(e.name(), "failure_rate", max, e.failureRatePercent(), Violation.Severity.ERROR));
                }
            });
            limits.p50MaxMs().ifPresent(max -> {
                if (e.p50() > max) {
                    out.add(new Violation(e.name(), "p50", max, e.p50(), Violation.Severity.WARNING));
                }
            });
        }
        profile.raceMisses().ifPresent(limit -> checkRaceMisses(run, limit, out));
        return out;
    }

    private static void checkRaceMisses(RunStats run, Thresholds.RaceMissLimit limit, List<Violation> out) {
        Optional<EndpointStats> misses = run.endpoint(limit.label());
        long count = misses.map(EndpointStats::requestCount).orElse(0L);
        if (limit.maxCount().isPresent() && count > limit.maxCount().getAsDouble()) {
            out.add(new Violation(limit.label(), "race_misses", limit.maxCount().getAsDouble(), count, limit.severity()));
        }
        long base = run.endpoint(limit.relativeTo()).map(EndpointStats::requestCount).orElse(0L);
        if (limit.maxPercent().isPresent() && base > 0) {
            double percent = 100.0 * count / base;
            if (percent > limit.maxPercent().getAsDouble()) {
                out.add(new Violation(limit.label(), "race_miss_rate", limit.maxPercent().getAsDouble(), percent,
                        limit.severity()));
            }
        }
    }

    public static boolean hasErrors(List<Violation> violations) {
        return violations.stream().anyMatch(v -> v.severity() == Violation.Severity.ERROR);
    }
}
