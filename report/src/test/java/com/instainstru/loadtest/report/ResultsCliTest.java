package com.instainstru.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCliTest {

    static final Path LOCUST_STATS = Path.of("src/test/resources/locust/results_stats.csv");
    static final String THRESHOLDS = ThresholdsTest.REPO_FILE.toString();

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new ResultsCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A smoke run: clean, except one slow e2e sample and one failed send when asked. */
    private Path smokeJtl(boolean withFailure, long slowE2eMs) throws IOException {
        Jtl jtl = new Jtl();
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < 100; i++) {
            long ts = t0 + i * 1000L;
            jtl.ok(ts, 300, "login", 10).ok(ts, 50, "auth_check", 10).ok(ts, 80, "sse_stream", 10).ok(ts + 80, 20, "ttfe", 10)
                    .ok(ts + 100, 90, "send_message", 10).ok(ts + 100, i < 90 ? 150 : slowE2eMs, "e2e_full_latency", 10);
        }
        if (withFailure) {
            jtl.fail(t0 + 50_000, 120, "send_message", 10, "HTTP 500, \"boom\"");
        }
        return jtl.write(tmp.resolve("run.jtl"));
    }

    @Test
    void readsALocustProducedStatsFileAndPrintsTheOldSummary() {
        assertThat(run(LOCUST_STATS.toString(), "--thresholds", THRESHOLDS)).isEqualTo(0);
        assertThat(out()).contains("Load Test Summary").contains("Label:      locust")
                .containsPattern("Name\\s+Requests\\s+Failures\\s+Fail %\\s+Avg\\s+P50\\s+P95\\s+P99\\s+RPS")
                .containsPattern("e2e_full_latency\\s+139\\s+1\\s+0.7%\\s+242ms\\s+180ms\\s+470ms\\s+2.1s\\s+0.46")
                .containsPattern("e2e_unmatched\\s+0\\s+0\\s+0.0%\\s+0ms\\s+N/A")
                .contains("Overall: 1280 requests, 3 failures (0.23%)").contains("Verdict: PASS");
    }

    @Test
    void checkThresholdsExitCodesNormalAndCi() throws IOException {
        assertThat(run(LOCUST_STATS.toString(), "--check-thresholds", "--thresholds", THRESHOLDS)).isEqualTo(0);
        assertThat(run(LOCUST_STATS.toString(), "--check-thresholds", "--ci-mode", "--thresholds", THRESHOLDS)).isEqualTo(1);
        assertThat(out()).contains("Verdict: FAIL").contains("[overall] failure_rate: 0.23 % > 0 %");
        Path slow = smokeJtl(false, 2500);
        assertThat(run(slow.toString(), "--check-thresholds", "--thresholds", THRESHOLDS)).isEqualTo(1);
        assertThat(out()).contains("[e2e_full_latency] p95: 2500 ms > 2000 ms");
        // without --check-thresholds the verdict is printed but the exit code stays 0
        assertThat(run(slow.toString(), "--thresholds", THRESHOLDS)).isZero();
        assertThat(out()).contains("Verdict: FAIL");
    }

    @Test
    void p50BreachAloneIsAWarningWithExitZero() throws IOException {
        Jtl jtl = new Jtl();
        for (int i = 0; i < 20; i++) {
            jtl.ok(1_000_000L + i * 100, i < 12 ? 1500 : 1600, "auth_check", 1); // p50 1500 > 1000, p95 1600 < 2000
        }
        Path file = jtl.write(tmp.resolve("warn.jtl"));
        assertThat(run(file.toString(), "--check-thresholds", "--thresholds", THRESHOLDS)).isEqualTo(0);
        assertThat(out()).contains("Verdict: PASS (with warnings)").contains("Warnings:")
                .contains("[auth_check] p50: 1500 ms > 1000 ms");
    }

    @Test
    void jsonOutputParsesAndKeepsTheOldKeys() throws IOException {
        assertThat(run(LOCUST_STATS.toString(), "--json", "--ci-mode", "--label", "ci-run", "--thresholds", THRESHOLDS))
                .isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("label").asText()).isEqualTo("ci-run");
        assertThat(json.get("total_requests").asLong()).isEqualTo(1280);
        assertThat(json.get("failure_rate").asDouble()).isEqualTo(0.23);
        assertThat(json.get("endpoints").get("ttfe").get("p95").asDouble()).isEqualTo(41.0);
        assertThat(json.get("endpoints").get("e2e_unmatched").get("p95").isNull()).isTrue();
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("violations").get(0).get("severity").asText()).isEqualTo("error");
    }

    @Test
    void saveHistoryAndCompareLast() throws IOException {
        Path history = tmp.resolve("results/load_test_history.json");
        Files.createDirectories(history.getParent());
        Files.copy(Path.of("src/test/resources/locust/load_test_history.json"), history);
        assertThat(run(LOCUST_STATS.toString(), "--save-history", "--compare-last", "--history", history.toString(),
                "--scenario", "s0_smoke", "--thresholds", THRESHOLDS)).isEqualTo(0);
        assertThat(out()).contains("Saved to history").contains("Comparison vs previous run: s0_smoke_20241207_143052")
                .containsPattern("e2e_full_latency p95 ms\\s+400\\s+470\\s+\\+17.5% ↑ worse")
                .containsPattern("login p50 ms\\s+880\\s+910\\s+\\+3.4% ↑ worse");
        JsonNode json = new ObjectMapper().readTree(history.toFile());
        assertThat(json.size()).isEqualTo(2);
        assertThat(json.get(1).get("scenario").asText()).isEqualTo("s0_smoke");
        // --json keeps stdout pure JSON even with history actions
        assertThat(run(LOCUST_STATS.toString(), "--json", "--compare-last", "--history", history.toString(),
                "--scenario", "s0_smoke")).isZero();
        assertThat(new ObjectMapper().readTree(out()).has("endpoints")).isTrue();
        assertThat(err()).contains("Comparison vs previous run");
    }

    @Test
    void compareLastWithoutHistorySaysSo() {
        assertThat(run(LOCUST_STATS.toString(), "--compare-last", "--history", tmp.resolve("none.json").toString()))
                .isZero();
        assertThat(out()).contains("Not enough history for comparison");
    }

    @Test
    void convertWritesLocustFilesAndSummaryThatReadBack() throws IOException {
        Path jtl = smokeJtl(true, 2500);
        Path outDir = tmp.resolve("results/s0_smoke_20260101_120000");
        assertThat(run("convert", jtl.toString(), "--out", outDir.toString(), "--history-interval", "10",
                "--full-history", "--thresholds", THRESHOLDS)).isZero();
        for (String f : new String[] {"results_stats.csv", "results_stats_history.csv", "results_failures.csv",
                "results_exceptions.csv", "summary.txt"}) {
            assertThat(outDir.resolve(f)).exists();
        }
        String summary = Files.readString(outDir.resolve("summary.txt"));
        assertThat(out()).contains(summary);
        assertThat(summary).contains("Scenario:   s0_smoke").contains("Peak users: 10").contains("Verdict: FAIL")
                .contains("[e2e_full_latency] p95: 2500 ms > 2000 ms").doesNotContain("[overall]");
        assertThat(summary.lines().count()).isLessThan(45);
        assertThat(Files.readString(outDir.resolve("results_failures.csv")))
                .contains("POST,send_message,\"HTTP 500, \"\"boom\"\"\",1");
        // the directory and its stats file read back like a Locust result
        assertThat(run(outDir.toString(), "--check-thresholds", "--thresholds", THRESHOLDS)).isEqualTo(1);
        assertThat(out()).contains("Label:      s0_smoke_20260101_120000");
        assertThat(run("convert", jtl.toString(), "--out", tmp.resolve("o2").toString(), "--check-thresholds",
                "--thresholds", THRESHOLDS)).isEqualTo(1);
    }

    @Test
    void badInputsExitTwoWithClearMessages() throws IOException {
        assertThat(run(tmp.resolve("missing.csv").toString())).isEqualTo(2);
        assertThat(err()).contains("Error: not found:").contains("missing.csv");

        Path empty = Files.writeString(tmp.resolve("empty.csv"), "");
        assertThat(run(empty.toString())).isEqualTo(2);
        assertThat(err()).contains("is empty");

        Path wrong = Files.writeString(tmp.resolve("wrong.csv"), "a,b,c\n1,2,3\n");
        assertThat(run(wrong.toString())).isEqualTo(2);
        assertThat(err()).contains("is neither a JMeter CSV result").contains("header was: a,b,c");

        Path headerOnly = Files.writeString(tmp.resolve("h.jtl"), Jtl.HEADER + "\n");
        assertThat(run("convert", headerOnly.toString(), "--out", tmp.resolve("o").toString())).isEqualTo(2);
        assertThat(err()).contains("has a header but no samples");
        assertThat(tmp.resolve("o/results_stats_history.csv")).doesNotExist();

        assertThat(run("convert", LOCUST_STATS.toString(), "--out", tmp.resolve("o3").toString())).isEqualTo(2);
        assertThat(err()).contains("not a JTL");

        assertThat(run(LOCUST_STATS.toString(), "--bogus")).isEqualTo(2);
        assertThat(err()).contains("unknown option --bogus").contains("Usage:");
        assertThat(run("convert", "x.jtl")).isEqualTo(2);
        assertThat(err()).contains("convert needs --out");
        assertThat(run("convert", "x.jtl", "--out", "o", "--history-interval", "five")).isEqualTo(2);
        assertThat(err()).contains("--history-interval must be a whole number");
        assertThat(run()).isEqualTo(2);
        assertThat(run("chart", "s9", tmp.toString())).isEqualTo(2);
        assertThat(err()).contains("unknown chart 's9'");
        assertThat(run(LOCUST_STATS.toString(), "--thresholds", tmp.resolve("nope.json").toString())).isEqualTo(2);
        assertThat(err()).contains("thresholds file not found");
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("scripts/parse-results convert <file.jtl> --out <dir>");
    }

    @Test
    void helpNamesTheScriptAndTheJarOnce() {
        assertThat(run("--help")).isZero();
        assertThat(out()).startsWith("Usage:\n  scripts/parse-results <results_stats.csv")
                .containsOnlyOnce("java -jar jmeter-sse-plugin-*.jar").doesNotContain("ResultsCli");
    }

    @Test
    void theSummaryTableHasRulesAsWideAsItsHeaderAndSeparateColumnTitles() {
        assertThat(run(LOCUST_STATS.toString(), "--thresholds", THRESHOLDS)).isZero();
        List<String> lines = out().lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("  Name")).findFirst().orElseThrow();
        assertThat(header).contains("Requests  ").contains("  Failures");
        assertThat(lines).filteredOn(l -> l.startsWith("  ---")).hasSize(2)
                .allSatisfy(rule -> assertThat(rule).hasSameSizeAs(header));
        assertThat(lines).filteredOn(l -> l.startsWith("===")).hasSize(3)
                .allSatisfy(rule -> assertThat(rule).hasSameSizeAs(header));
    }

    @Test
    void scenarioNameComesFromTheResultsDirectory() {
        assertThat(ResultsCli.scenarioFrom(Path.of("results/s1_capacity_20241207_150000/100_users"))).isEqualTo("s1_capacity");
        assertThat(ResultsCli.scenarioFrom(Path.of("results/s0_smoke"))).isEqualTo("s0_smoke");
        assertThat(ResultsCli.scenarioFrom(Path.of("tmp/x"))).isEmpty();
    }

    @Test
    void sendsWithoutAnyMeasuredDeliveryFailWithAHint() throws IOException {
        Jtl jtl = new Jtl();
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < 120; i++) {
            jtl.ok(t0 + i * 100L, 300, "login", 4).ok(t0 + i * 100L + 10, 90, "send_message", 4);
        }
        Path file = jtl.write(tmp.resolve("run.jtl"));
        assertThat(run(file.toString(), "--check-thresholds", "--thresholds", THRESHOLDS, "--scenario", "s0_smoke"))
                .isEqualTo(1);
        assertThat(out()).contains("Verdict: FAIL").contains("no delivery was measured: 120 send_message samples "
                + "but 0 e2e_full_latency; check that streams are open (sse_stream/ttfe samples), the event name, "
                + "and the token in the event data");
    }

    @Test
    void aSendingScenarioWithNoSendSamplesFails() throws IOException {
        Jtl jtl = new Jtl();
        for (int i = 0; i < 10; i++) {
            jtl.ok(1_700_000_000_000L + i * 100L, 300, "login", 4);
        }
        Path file = jtl.write(tmp.resolve("run.jtl"));
        assertThat(run(file.toString(), "--check-thresholds", "--thresholds", THRESHOLDS, "--scenario", "s0_smoke"))
                .isEqualTo(1);
        assertThat(out()).contains("Verdict: FAIL")
                .contains("[send_message] no_sends_measured: 0 send_message samples, but scenario s0_smoke sends");
        // a JTL without a single sample is bad input, never a PASS
        Path empty = Files.writeString(tmp.resolve("empty.jtl"), Jtl.HEADER + "\n");
        assertThat(run(empty.toString(), "--check-thresholds", "--thresholds", THRESHOLDS)).isEqualTo(2);
    }

    @Test
    void peakUsersLeavesOutTheDeliveryLedgerCollectorThread() throws IOException {
        Jtl jtl = new Jtl();
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < 20; i++) {
            long ts = t0 + i * 100L;
            jtl.thread("Users 1-" + (i % 4 + 1)).ok(ts, 90, "send_message", 5)
                    .thread("delivery ledger collector 2-1").ok(ts + 10, 150, "e2e_full_latency", 5);
        }
        Path outDir = tmp.resolve("results/s1_capacity_20260101_120000/4_users");
        assertThat(run("convert", jtl.write(tmp.resolve("run.jtl")).toString(), "--out", outDir.toString(),
                "--thresholds", THRESHOLDS)).isZero();
        assertThat(Files.readString(outDir.resolve("summary.txt"))).contains("Peak users: 4\n")
                .doesNotContain("Peak users: 5");
    }

    @Test
    void compareLastComparesOnlyWithTheSameScenarioAndStep() throws IOException {
        Path history = tmp.resolve("history.json");
        Path s2Step = Files.createDirectories(tmp.resolve("results/s2_throughput_20260101_120000/hold_10s"));
        Files.copy(LOCUST_STATS, s2Step.resolve("results_stats.csv"));
        assertThat(run(s2Step.toString(), "--save-history", "--history", history.toString())).isZero();
        assertThat(new ObjectMapper().readTree(history.toFile()).get(0).get("step").asText()).isEqualTo("hold_10s");

        assertThat(run(LOCUST_STATS.toString(), "--compare-last", "--scenario", "s0_smoke", "--history",
                history.toString())).isZero();
        assertThat(out()).contains("No earlier run of s0_smoke to compare with").doesNotContain("Comparison vs");

        Path otherStep = Files.createDirectories(tmp.resolve("results/s2_throughput_20260102_120000/hold_20s"));
        Files.copy(LOCUST_STATS, otherStep.resolve("results_stats.csv"));
        assertThat(run(otherStep.toString(), "--compare-last", "--history", history.toString())).isZero();
        assertThat(out()).contains("No earlier run of s2_throughput step hold_20s to compare with");

        Path sameStep = Files.createDirectories(tmp.resolve("results/s2_throughput_20260103_120000/hold_10s"));
        Files.copy(LOCUST_STATS, sameStep.resolve("results_stats.csv"));
        assertThat(run(sameStep.toString(), "--compare-last", "--history", history.toString())).isZero();
        assertThat(out()).contains("Comparison vs previous run: hold_10s");
    }

    /** 100 sends, the first {@code unheard} of them while no stream of the conversation was listening. */
    private Path sendsWithoutListeners(int unheard) throws IOException {
        Jtl jtl = new Jtl();
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < 100; i++) {
            long ts = t0 + i * 100L;
            int streams = i < unheard ? 0 : 2;
            jtl.row(ts, 90, "send_message", "200", "sent t" + i + " as m" + i + ", expected on " + streams
                    + " stream(s)", true, "", 100, 4);
            if (streams > 0) {
                jtl.ok(ts + 10, 150, "e2e_full_latency", 4);
            }
        }
        return jtl.write(tmp.resolve("run.jtl"));
    }

    @Test
    void theSummarySaysWhichListeningRuleTheStreamsUsed() throws IOException {
        long t0 = 1_700_000_000_000L;
        Jtl jtl = new Jtl();
        for (int i = 0; i < 3; i++) {
            jtl.row(t0 + i, 5, "sse_stream", "200", "OK; listening from the response headers", true, "", 0, 3);
        }
        assertThat(run(jtl.write(tmp.resolve("headers.jtl")).toString())).isZero();
        assertThat(out()).contains("Listening rule: response headers (a stream is expected to receive what is sent "
                + "after its 200)");
        Jtl greeted = new Jtl().row(t0, 5, "sse_stream", "200", "OK", true, "", 0, 1);
        assertThat(run(greeted.write(tmp.resolve("greeted.jtl")).toString())).isZero();
        assertThat(out()).contains("Listening rule: first event");
    }

    @Test
    void progressCountsCompleteRowsOfAJtlBeingWritten() throws IOException {
        long t0 = 1_700_000_000_000L;
        Jtl jtl = new Jtl().ok(t0, 10, "login", 3).fail(t0 + 5, 20, "send_message", 4, "boom").ok(t0 + 9, 5, "ttfe", 4);
        Path file = tmp.resolve("growing.jtl");
        Files.writeString(file, jtl.text() + t0 + ",12,sse_stream,200,\"half a ro"); // JMeter mid-write
        assertThat(run("progress", file.toString())).isZero();
        assertThat(out().strip()).isEqualTo("3 1 4 0 0 0 - 0");
        assertThat(run("progress", tmp.resolve("not-yet.jtl").toString())).isZero();
        assertThat(out().strip()).isEqualTo("0 0 - 0 0 0 - 0");
    }

    @Test
    void progressCountsSendsDeliveriesLossesAndTheLastIntervalsE2eP95() throws IOException {
        long t0 = 1_700_000_000_000L;
        Jtl jtl = new Jtl();
        for (int i = 0; i < 20; i++) {
            jtl.ok(t0 + i * 1_000L, 10, "send_message", 4);
            // the first 10 s deliver in 900 ms, the last 10 s in 10..19 ms
            jtl.ok(t0 + i * 1_000L + 5, i < 10 ? 900 : 10 + (i - 10), "e2e_full_latency", 4);
        }
        jtl.fail(t0 + 19_500, 10_000, "e2e_fanout_complete", 4, "lost 1 of 2 deliveries");
        assertThat(run("progress", jtl.write(tmp.resolve("run.jtl")).toString())).isZero();
        // rows errors threads sent delivered lost p95(last 10 s) streams_open
        assertThat(out().strip()).isEqualTo("41 1 4 20 20 1 19 0");
    }

    @Test
    void aRunThatDidNotEndOnTimeFailsInEveryProfileAndSaysWhichThreadsWereAlive() throws IOException {
        Jtl jtl = new Jtl();
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < 60; i++) {
            jtl.row(t0 + i * 100L, 90, "send_message", "200", "sent t" + i + " as m" + i + ", expected on 2 stream(s)",
                    true, "", 100, 4);
            jtl.ok(t0 + i * 100L + 10, 150, "e2e_full_latency", 4);
        }
        String why = "the run did not end on time: 1 JMeter thread(s) still alive 72 s after the latest scheduled end "
                + "(e2e timeout 10000 ms + close grace 2000 ms + LOADTEST_END_MARGIN_S 60 s): users 1-3 (RUNNABLE)";
        jtl.thread("delivery ledger collector 2-1").row(t0 + 90_000, 0, "run_overtime", "Overtime", why, false, "",
                0, 2);
        Path file = jtl.write(tmp.resolve("overtime.jtl"));
        assertThat(run(file.toString(), "--check-thresholds", "--thresholds", THRESHOLDS)).isEqualTo(1);
        assertThat(out()).contains("Verdict: FAIL").contains("[run_overtime] did_not_end_on_time: " + why);
    }

    @Test
    void sendsWithNoListeningStreamAreCountedWarnedAndFailInCi() throws IOException {
        Path file = sendsWithoutListeners(8);
        assertThat(run(file.toString(), "--check-thresholds", "--thresholds", THRESHOLDS)).isZero();
        assertThat(out()).contains("Sent with no listening stream: 8 of 100 sends (8.0 %)")
                .contains("Verdict: PASS (with warnings)")
                .contains("[send_message] unobserved_send_share: 8 % > 5 %");
        assertThat(run(file.toString(), "--check-thresholds", "--ci-mode", "--thresholds", THRESHOLDS)).isZero();
        assertThat(out()).contains("Verdict: PASS").doesNotContain("unobserved_send_share");
        assertThat(run(sendsWithoutListeners(12).toString(), "--check-thresholds", "--ci-mode", "--thresholds",
                THRESHOLDS)).isEqualTo(1);
        assertThat(out()).contains("Sent with no listening stream: 12 of 100 sends (12.0 %)").contains("Verdict: FAIL")
                .contains("[send_message] unobserved_send_share: 12 % > 10 %");
    }

    @Test
    void accountsWithoutAMappingAreCountedInTheSummary() throws IOException {
        Jtl jtl = new Jtl();
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < 10; i++) {
            jtl.ok(t0 + i * 100L, 90, "send_message", 4).ok(t0 + i * 100L + 10, 150, "e2e_full_latency", 4);
        }
        for (String who : new String[] {"a@x.test", "b@x.test", "a@x.test"}) {
            jtl.row(t0, 0, "account_unmapped", "200", "Conversation lookup: " + who + " has no entry in "
                    + "config/conversations.json; this account will not send messages", true, "", 0, 4);
        }
        assertThat(run(jtl.write(tmp.resolve("run.jtl")).toString(), "--thresholds", THRESHOLDS)).isZero();
        assertThat(out()).contains("Accounts without a conversation mapping: 2 (they sent nothing");
    }
}
