package com.instainstru.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture in src/test/resources/dashboard is real output: run.jtl (63 samples, 2 failures, 3 labels),
 * statistics.json from JMeter 5.6.3's {@code jmeter -g run.jtl -o dir -Jjmeter.reportgenerator.statistic_window=-1},
 * and results_stats.csv from {@code ResultsCli convert run.jtl}.
 */
class DashboardComparisonTest {

    static final Path FIXTURE = Path.of("src/test/resources/dashboard");
    static final Path STATS = FIXTURE.resolve("results_stats.csv");
    static final Path JTL = FIXTURE.resolve("run.jtl");

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String... args) {
        out.reset();
        err.reset();
        return new ResultsCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private DashboardComparison.Result compare(Path dashboard, Optional<Path> jtl) {
        return DashboardComparison.compare(dashboard, STATS, jtl, DashboardComparison.DEFAULT_PERCENTILES);
    }

    /** A copy of the fixture's statistics.json with one text replacement (which must match once). */
    private Path dashboardWith(String from, String to) throws IOException {
        String json = Files.readString(FIXTURE.resolve("statistics.json"));
        assertThat(json.split(java.util.regex.Pattern.quote(from), -1)).as("occurrences of " + from).hasSize(2);
        Path dir = Files.createDirectories(tmp.resolve("dash"));
        Files.writeString(dir.resolve("statistics.json"), json.replace(from, to));
        return dir;
    }

    @Test
    void realJMeterDashboardAgreesWithOurStatsIncludingInterpolatedPercentiles() {
        DashboardComparison.Result r = compare(FIXTURE, Optional.of(JTL));

        assertThat(r.agrees()).as(r.render()).isTrue();
        // 4 rows (3 labels + Total) x (samples, errors, min, max, mean, median, p90, p95, p99)
        assertThat(r.checks()).hasSize(36);
        assertThat(r.render()).contains("send_message").contains("AGREE: 36 of 36");
        // the fixture really exercises the rank rule: JMeter's Total p90 (368.8) is interpolated, ours is 310
        assertThat(r.checks()).anySatisfy(c -> {
            assertThat(c.label()).isEqualTo("Total");
            assertThat(c.metric()).isEqualTo("p90");
            assertThat(c.dashboard()).isEqualTo("368.8");
        });
    }

    @Test
    void cliExitsZeroAndFindsTheJtlBesideTheStatsFile() {
        assertThat(cli("check-dashboard", FIXTURE.toString(), STATS.toString())).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ranks from run.jtl").contains("AGREE");
    }

    @Test
    void differentSampleCountIsADisagreementWithExitOne() throws IOException {
        Path dash = dashboardWith("\"sampleCount\": 23,", "\"sampleCount\": 24,");

        assertThat(cli("check-dashboard", dash.toString(), STATS.toString(), "--jtl", JTL.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("e2e_full_latency").contains("samples    dashboard 24, ours 23").contains("DISAGREE");
    }

    @Test
    void differentErrorCountMinAndMaxAreDisagreements() throws IOException {
        Path dash = dashboardWith("\"errorCount\": 2,\n        \"errorPct\": 5.4054055,",
                "\"errorCount\": 1,\n        \"errorPct\": 5.4054055,");
        assertThat(compare(dash, Optional.of(JTL)).disagreements())
                .extracting(DashboardComparison.Check::label, DashboardComparison.Check::metric)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("send_message", "errors"));

        Path dash2 = dashboardWith("\"maxResTime\": 1200.0,\n        \"pct1ResTime\": 1200.0",
                "\"maxResTime\": 1201.0,\n        \"pct1ResTime\": 1200.0");
        assertThat(compare(dash2, Optional.of(JTL)).disagreements())
                .extracting(DashboardComparison.Check::metric).containsExactly("max");
    }

    @Test
    void meanMayDifferByUpToOneMillisecond() throws IOException {
        // ours: 601.6666666666666 for login
        Path within = dashboardWith("\"meanResTime\": 601.6666666666667", "\"meanResTime\": 602.6");
        assertThat(compare(within, Optional.of(JTL)).agrees()).isTrue();

        Path beyond = dashboardWith("\"meanResTime\": 601.6666666666667", "\"meanResTime\": 602.7");
        assertThat(compare(beyond, Optional.of(JTL)).disagreements())
                .extracting(DashboardComparison.Check::metric).containsExactly("mean");
    }

    @Test
    void percentileOutsideTheAdjacentRanksIsADisagreement() throws IOException {
        // Total p90: ours rank 56 of 63 (value 310); ranks 55..57 hold [295, 400+]; 200 is below them
        Path dash = dashboardWith("\"pct1ResTime\": 368.8000000000001", "\"pct1ResTime\": 200.0");
        DashboardComparison.Result r = compare(dash, Optional.of(JTL));

        assertThat(r.disagreements()).singleElement().satisfies(c -> {
            assertThat(c.label()).isEqualTo("Total");
            assertThat(c.metric()).isEqualTo("p90");
            assertThat(c.ours()).startsWith("ranks 55..57 = [");
        });
        assertThat(r.render()).contains("p90        dashboard 200, ours ranks 55..57");
    }

    @Test
    void withoutAJtlThePercentilesAreSkippedAndSaidSo() throws IOException {
        // a stats file alone in its directory: no JTL beside it
        Path stats = Files.copy(STATS, tmp.resolve("results_stats.csv"));
        assertThat(DashboardComparison.jtlBeside(stats)).isEmpty();

        assertThat(cli("check-dashboard", FIXTURE.toString(), stats.toString())).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("percentiles not checked: no JTL given").contains("AGREE: 20 of 20");
    }

    @Test
    void labelOnOnlyOneSideIsADisagreement() throws IOException {
        Path dash = dashboardWith("\"transaction\": \"login\"", "\"transaction\": \"log_in\"");
        DashboardComparison.Result r = compare(dash, Optional.of(JTL));

        assertThat(r.disagreements()).extracting(c -> c.label() + " " + c.dashboard() + "/" + c.ours())
                .containsExactlyInAnyOrder("log_in yes/missing", "login missing/yes");
    }

    @Test
    void otherPercentileColumnsCanBeDeclared() {
        // the fixture's columns are 90/95/99: calling them 50/60/70 must not pass for Total
        assertThat(cli("check-dashboard", FIXTURE.toString(), STATS.toString(), "--percentiles", "50,60,70"))
                .isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("p50").contains("DISAGREE");
    }

    @Test
    void badInputsGiveClearErrorsAndExitTwo() throws IOException {
        assertThat(cli("check-dashboard", tmp.toString(), STATS.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("dashboard statistics not found").contains("jmeter -e -o");

        Path notJson = Files.writeString(tmp.resolve("statistics.json"), "<html>");
        assertThat(cli("check-dashboard", notJson.toString(), STATS.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read").contains("as JSON");

        Path noTotal = Files.writeString(tmp.resolve("other.json"), "{\"login\": {\"sampleCount\": 1}}");
        assertThat(cli("check-dashboard", noTotal.toString(), STATS.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no 'Total' entry");

        Path noCount = Files.writeString(tmp.resolve("nocount.json"),
                "{\"Total\": {\"transaction\": \"Total\"}, \"login\": {\"transaction\": \"login\"}}");
        assertThat(cli("check-dashboard", noCount.toString(), STATS.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no numeric 'sampleCount'");

        assertThat(cli("check-dashboard", FIXTURE.toString(), tmp.resolve("none.csv").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("stats file not found");

        assertThat(cli("check-dashboard", FIXTURE.toString(), STATS.toString(), "--percentiles", "90,95")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("need exactly 3 dashboard percentiles");

        assertThat(cli("check-dashboard", FIXTURE.toString(), STATS.toString(), "--percentiles", "90,x,99")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--percentiles takes three numbers");

        assertThat(cli("check-dashboard", FIXTURE.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected check-dashboard <dashboard dir> <results_stats.csv>");
    }

    @Test
    void jmeterLegacyPercentileAlwaysLiesBetweenOurAdjacentRanks() {
        // The documented claim behind the check, over many random sizes and data sets
        Random random = new Random(1234);
        double[] ps = {50, 90, 95, 99, 99.9};
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 1 + random.nextInt(300);
            long[] values = new long[n];
            TreeMap<Long, Long> counts = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(trial % 2 == 0 ? 20 : 5_000);
                counts.merge(values[i], 1L, Long::sum);
            }
            Arrays.sort(values);
            for (double p : ps) {
                double jmeter = legacyPercentile(values, p);
                long k = Math.min(n * Math.round(p * 100) / 10_000, n - 1);
                long low = DashboardComparison.valueAtRank(counts, Math.max(k - 1, 0));
                long high = DashboardComparison.valueAtRank(counts, Math.min(k + 1, n - 1));
                assertThat(jmeter).as("n=%d p=%s", n, p).isBetween((double) low, (double) high);
            }
        }
    }

    @Test
    void valueAtRankRejectsARankBeyondTheData() {
        TreeMap<Long, Long> counts = new TreeMap<>(java.util.Map.of(5L, 2L, 9L, 1L));
        assertThat(DashboardComparison.valueAtRank(counts, 0)).isEqualTo(5);
        assertThat(DashboardComparison.valueAtRank(counts, 1)).isEqualTo(5);
        assertThat(DashboardComparison.valueAtRank(counts, 2)).isEqualTo(9);
        assertThatThrownBy(() -> DashboardComparison.valueAtRank(counts, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank 3 beyond 3");
    }

    @Test
    void percentilesMustBeThreeValuesStrictlyInsideZeroToHundred() {
        assertThatThrownBy(() -> DashboardComparison.compare(FIXTURE, STATS, Optional.empty(), List.of(90.0, 95.0, 100.0)))
                .isInstanceOf(ResultsInputException.class).hasMessageContaining("between 0 and 100");
    }

    /** commons-math3 Percentile, EstimationType.LEGACY — what JMeter's DescriptiveStatistics uses. */
    private static double legacyPercentile(long[] sorted, double p) {
        int n = sorted.length;
        double pos = p * (n + 1) / 100.0;
        if (pos < 1) {
            return sorted[0];
        }
        if (pos >= n) {
            return sorted[n - 1];
        }
        double d = pos - Math.floor(pos);
        long lower = sorted[(int) Math.floor(pos) - 1];
        long upper = sorted[(int) Math.floor(pos)];
        return lower + d * (upper - lower);
    }
}
