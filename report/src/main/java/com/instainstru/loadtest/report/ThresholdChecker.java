package com.instainstru.loadtest.report;

import com.instainstru.loadtest.report.engines.DeliveryFactsRows;

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
        checkOvertime(run, out);
        RunSignals signals = run.signals();
        if (signals.delivery().unreadableFacts() > 0) {
            out.add(new Violation(DeliveryFactsRows.LABEL, "unreadable_delivery_facts", 0,
                    signals.delivery().unreadableFacts(), Violation.Severity.ERROR,
                    signals.delivery().unreadableFacts() + " delivery facts could not be read, so the delivery over "
                            + "every engine is incomplete; first: " + signals.delivery().firstProblem()));
        }
        if (signals.known() && signals.sendsWithoutListenerPercent() > profile.maxUnobservedSendSharePercent()) {
            out.add(unobservedShare(signals, profile));
        }
        return out;
    }

    /**
     * A {@value #RUN_OVERTIME} sample (the engine's run deadline fired: threads still alive past the bound) fails
     * every run, whatever the profile: the run did not end on time, so its figures are not a finished run's.
     */
    private static void checkOvertime(RunStats run, List<Violation> out) {
        if (count(run, RUN_OVERTIME) == 0) {
            return;
        }
        String why = run.failures().stream().filter(f -> f.name().equals(RUN_OVERTIME))
                .map(RunStats.FailureCount::error).map(e -> e.startsWith("Overtime ") ? e.substring(9) : e)
                .findFirst().orElse("the run did not end on time");
        out.add(new Violation(RUN_OVERTIME, "did_not_end_on_time", 0, 0, Violation.Severity.ERROR, why));
    }

    /** Too few sends make the share ramp-up noise: then it only warns, and says why it did not fail. */
    private static Violation unobservedShare(RunSignals signals, Thresholds.Profile profile) {
        double max = profile.maxUnobservedSendSharePercent();
        double actual = signals.sendsWithoutListenerPercent();
        if (signals.successfulSends() >= profile.minSendsForUnobservedShare()) {
            return new Violation(SEND_MESSAGE, "unobserved_send_share", max, actual, profile.ciStrict());
        }
        return new Violation(SEND_MESSAGE, "unobserved_send_share", max, actual, Violation.Severity.WARNING,
                Violation.comparison("unobserved_send_share", actual, max) + " (" + signals.sendsWithoutListener() + " of " + signals.successfulSends()
                        + " sends; judged only from " + profile.minSendsForUnobservedShare()
                        + " sends, min_sends_for_unobserved_share)");
    }

    /**
     * {@link #check(RunStats, Thresholds.Profile)} plus the checks that a run measured what its scenario is for:
     * a scenario that sends (every shipped plan does) must have send_message samples, and sends must have
     * produced e2e_full_latency samples. Without them a PASS would be unearned.
     */
    public static List<Violation> check(RunStats run, Thresholds.Profile profile, String scenario) {
        List<Violation> out = check(run, profile);
        long sends = count(run, SEND_MESSAGE);
        long deliveries = count(run, E2E_FULL_LATENCY);
        if (sends == 0 && scenarioSends(scenario)) {
            out.add(new Violation(SEND_MESSAGE, "no_sends_measured", 0, 0, Violation.Severity.ERROR,
                    "0 send_message samples, but scenario " + scenario + " sends messages; check jmeter.log for a "
                            + "configuration error (mapping file, accounts) and that the senders logged in"));
        } else if (sends > 0 && deliveries == 0) {
            out.add(new Violation(E2E_FULL_LATENCY, "no_delivery_measured", 0, 0, Violation.Severity.ERROR,
                    "no delivery was measured: " + sends + " send_message samples but 0 e2e_full_latency; check "
                            + "that streams are open (sse_stream/ttfe samples), the event name, and the token in "
                            + "the event data"));
        }
        return out;
    }

    static final String SEND_MESSAGE = "send_message";
    static final String E2E_FULL_LATENCY = "e2e_full_latency";
    /** The plugin's RunDeadline label (the report has no plugin dependency). */
    static final String RUN_OVERTIME = "run_overtime";

    /** The shipped scenarios s0..s4 all send messages; an unnamed or foreign scenario is not assumed to. */
    static boolean scenarioSends(String scenario) {
        return scenario != null && scenario.matches("s[0-4]_[a-z_]+");
    }

    private static long count(RunStats run, String label) {
        return run.endpoints().stream().filter(e -> e.name().equals(label)).mapToLong(EndpointStats::requestCount).sum();
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
