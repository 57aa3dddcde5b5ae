package com.instainstru.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    /** The repository's editable file, relative to this module. */
    static final Path REPO_FILE = Path.of("..", "config", "thresholds.json");

    static Thresholds parse(String json) throws IOException {
        return Thresholds.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json");
    }

    @Test
    void builtInCopyIsIdenticalToTheRepositoryFile() throws IOException {
        try (var in = Thresholds.class.getResourceAsStream("default-thresholds.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(REPO_FILE));
        }
    }

    @Test
    void valuesAreTheOldSuitesThresholds() {
        Thresholds t = Thresholds.load(REPO_FILE);
        Thresholds.Profile normal = t.normal();
        assertThat(normal.maxFailureRatePercent()).isEqualTo(1.0);
        Map<String, double[]> expected = Map.of("login", new double[] {20000, 10000}, "auth_check", new double[] {2000, 1000},
                "send_message", new double[] {5000, 2000}, "sse_stream", new double[] {5000, 1000},
                "ttfe", new double[] {1000, 500}, "e2e_full_latency", new double[] {2000, 1000});
        expected.forEach((name, p95p50) -> {
            assertThat(normal.endpoints().get(name).p95MaxMs().getAsDouble()).as(name).isEqualTo(p95p50[0]);
            assertThat(normal.endpoints().get(name).p50MaxMs().getAsDouble()).as(name).isEqualTo(p95p50[1]);
        });
        Thresholds.Profile ci = t.ci();
        assertThat(ci.maxFailureRatePercent()).isZero();
        assertThat(Map.of("login", 15000.0, "send_message", 3000.0, "ttfe", 800.0, "e2e_full_latency", 1500.0))
                .allSatisfy((name, p95) -> assertThat(ci.endpoints().get(name).p95MaxMs().getAsDouble()).isEqualTo(p95));
        assertThat(ci.endpoints().get("login").p50MaxMs()).isEmpty();
        assertThat(normal.endpoints().get("e2e_fanout_complete").p95MaxMs().getAsDouble()).isEqualTo(3000);
        assertThat(normal.endpoints().get("e2e_fanout_complete").maxFailureRatePercent().getAsDouble()).isEqualTo(1.0);
        assertThat(ci.endpoints().get("e2e_fanout_complete").p95MaxMs().getAsDouble()).isEqualTo(2000);
        assertThat(ci.endpoints().get("e2e_fanout_complete").maxFailureRatePercent().getAsDouble()).isZero();
        assertThat(Thresholds.builtIn().normal()).isEqualTo(normal);
    }

    static EndpointStats row(String name, long n, long failures, double p50, double p95) {
        double[] pct = new double[Percentiles.HEADERS.size()];
        java.util.Arrays.fill(pct, p95);
        pct[Percentiles.P50] = p50;
        return new EndpointStats("GET", name, n, failures, p50, p50, 1, p95, 0, 1, 0, pct);
    }

    static RunStats run(EndpointStats... rows) {
        long n = 0;
        long f = 0;
        for (EndpointStats r : rows) {
            n += r.requestCount();
            f += r.failureCount();
        }
        return RunStats.ofRows(List.of(rows), row("Aggregated", n, f, 0, 0));
    }

    @Test
    void normalModeP95IsAnErrorAndP50OnlyAWarning() {
        Thresholds t = Thresholds.builtIn();
        List<Violation> v = ThresholdChecker.check(run(row("send_message", 1000, 0, 2500, 4000),
                row("ttfe", 1000, 0, 100, 1200)), t.normal());
        assertThat(v).extracting(Violation::describe).containsExactlyInAnyOrder(
                "[send_message] p50: 2500 ms > 2000 ms", "[ttfe] p95: 1200 ms > 1000 ms");
        assertThat(v).filteredOn(x -> x.metric().equals("p50")).extracting(Violation::severity)
                .containsOnly(Violation.Severity.WARNING);
        assertThat(ThresholdChecker.hasErrors(v)).isTrue();
        List<Violation> onlyWarning = ThresholdChecker.check(run(row("send_message", 1000, 0, 2500, 4000)), t.normal());
        assertThat(ThresholdChecker.hasErrors(onlyWarning)).isFalse();
    }

    @Test
    void ciModeIsStricter() {
        Thresholds t = Thresholds.builtIn();
        RunStats r = run(row("send_message", 1000, 1, 100, 3500), row("login", 10, 0, 900, 14000));
        assertThat(ThresholdChecker.check(r, t.normal())).isEmpty(); // 0.1 % failures, p95 3.5 s: fine normally
        assertThat(ThresholdChecker.check(r, t.ci())).extracting(Violation::describe).containsExactlyInAnyOrder(
                "[overall] failure_rate: 0.10 % > 0 %", "[send_message] p95: 3500 ms > 3000 ms");
    }

    @Test
    void deliveryLossAndRaceMisses() {
        Thresholds t = Thresholds.builtIn();
        RunStats r = run(row("send_message", 100, 0, 50, 80), row("e2e_fanout_complete", 100, 2, 100, 200),
                row("e2e_race_miss", 3, 0, 0, 0));
        List<Violation> normal = ThresholdChecker.check(r, t.normal());
        assertThat(normal).extracting(Violation::describe).contains(
                "[e2e_fanout_complete] failure_rate: 2 % > 1 %", "[e2e_race_miss] race_miss_rate: 3 % > 1 %");
        assertThat(normal).filteredOn(x -> x.metric().startsWith("race")).extracting(Violation::severity)
                .containsOnly(Violation.Severity.WARNING);
        // CI: race misses are the backend's connected-before-subscribe race, reported as a warning, never a failure.
        RunStats many = run(row("send_message", 100, 0, 50, 80), row("e2e_fanout_complete", 100, 0, 100, 200),
                row("e2e_race_miss", 6, 0, 0, 0));
        List<Violation> ci = ThresholdChecker.check(many, t.ci());
        assertThat(ci).filteredOn(x -> x.metric().startsWith("race")).singleElement()
                .satisfies(x -> {
                    assertThat(x.severity()).isEqualTo(Violation.Severity.WARNING);
                    assertThat(x.describe()).isEqualTo("[e2e_race_miss] race_miss_rate: 6 % > 5 %");
                });
        assertThat(ThresholdChecker.hasErrors(ci)).isFalse();
    }

    @Test
    void badThresholdFilesGiveClearErrors() {
        assertThatThrownBy(() -> parse("{nope")).isInstanceOf(ResultsInputException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("{\"normal\": {\"max_failure_rate\": 1}}"))
                .hasMessageContaining("missing profile 'ci'");
        assertThatThrownBy(() -> parse("{\"normal\": {\"max_failure_rate\": \"x\"}, \"ci\": {}}"))
                .hasMessageContaining("max_failure_rate must be a number");
        assertThatThrownBy(() -> parse("{\"normal\": {\"max_failure_rate\": 1, \"race_misses\": {\"label\": \"r\","
                + " \"severity\": \"fatal\"}}, \"ci\": {\"max_failure_rate\": 0}}"))
                .hasMessageContaining("severity must be error or warning");
        assertThatThrownBy(() -> Thresholds.load(Path.of("missing.json"))).hasMessageContaining("thresholds file not found");
    }

    @Test
    void unobservedSendShareWarnsNormallyAndFailsInCi() throws IOException {
        Thresholds t = Thresholds.load(REPO_FILE);
        assertThat(t.normal().maxUnobservedSendSharePercent()).isEqualTo(5.0);
        assertThat(t.ci().maxUnobservedSendSharePercent()).isEqualTo(10.0);
        RunStats base = run(row("send_message", 100, 0, 50, 80));
        RunStats run = new RunStats(base.endpoints(), base.aggregated(), base.failures(), -1, -1, -1,
                new RunSignals(true, 100, 8, java.util.Set.of()));
        RunStats worse = new RunStats(base.endpoints(), base.aggregated(), base.failures(), -1, -1, -1,
                new RunSignals(true, 100, 12, java.util.Set.of()));
        assertThat(ThresholdChecker.check(run, t.normal())).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Violation.Severity.WARNING);
            assertThat(v.describe()).isEqualTo("[send_message] unobserved_send_share: 8 % > 5 %");
        });
        assertThat(ThresholdChecker.check(run, t.ci())).isEmpty();
        assertThat(ThresholdChecker.check(worse, t.ci())).singleElement()
                .satisfies(v -> assertThat(v.severity()).isEqualTo(Violation.Severity.ERROR));
        RunStats fewer = new RunStats(base.endpoints(), base.aggregated(), base.failures(), -1, -1, -1,
                new RunSignals(true, 100, 5, java.util.Set.of()));
        assertThat(ThresholdChecker.check(fewer, t.ci())).isEmpty();
        // a file without the key gets the default
        Thresholds minimal = Thresholds.parse(new java.io.ByteArrayInputStream(
                "{\"normal\":{\"max_failure_rate\":1},\"ci\":{\"max_failure_rate\":0,\"max_unobserved_send_share\":2}}"
                        .getBytes(StandardCharsets.UTF_8)), "test");
        assertThat(minimal.normal().maxUnobservedSendSharePercent()).isEqualTo(5.0);
        assertThat(minimal.ci().maxUnobservedSendSharePercent()).isEqualTo(2.0);
        assertThat(minimal.ci().minSendsForUnobservedShare()).isEqualTo(50);
    }

    @Test
    void unobservedShareOfTooFewSendsOnlyWarnsEvenInCiAndSaysWhy() {
        Thresholds t = Thresholds.load(REPO_FILE);
        assertThat(t.ci().minSendsForUnobservedShare()).isEqualTo(50);
        RunStats base = run(row("send_message", 8, 0, 50, 80));
        RunStats ramp = new RunStats(base.endpoints(), base.aggregated(), base.failures(), -1, -1, -1,
                new RunSignals(true, 8, 3, java.util.Set.of()));
        assertThat(ThresholdChecker.check(ramp, t.ci())).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Violation.Severity.WARNING);
            assertThat(v.describe()).isEqualTo("[send_message] unobserved_send_share: 37.50 % > 10 % (3 of 8 sends; "
                    + "judged only from 50 sends, min_sends_for_unobserved_share)");
        });
        RunStats enough = new RunStats(base.endpoints(), base.aggregated(), base.failures(), -1, -1, -1,
                new RunSignals(true, 50, 6, java.util.Set.of()));
        assertThat(ThresholdChecker.check(enough, t.ci())).singleElement()
                .satisfies(v -> assertThat(v.severity()).isEqualTo(Violation.Severity.ERROR));
    }

    @Test
    void minSendsForUnobservedShareMustBeAWholeNumber() {
        assertThatThrownBy(() -> Thresholds.parse(new java.io.ByteArrayInputStream(
                "{\"normal\":{\"max_failure_rate\":1,\"min_sends_for_unobserved_share\":2.5},\"ci\":{\"max_failure_rate\":0}}"
                        .getBytes(StandardCharsets.UTF_8)), "test"))
                .isInstanceOf(ResultsInputException.class)
                .hasMessageContaining("test normal.min_sends_for_unobserved_share must be a whole number >= 0, was 2.5");
    }
}
