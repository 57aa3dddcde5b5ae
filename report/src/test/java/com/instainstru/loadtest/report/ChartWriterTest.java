package com.instainstru.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartWriterTest {

    static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path tmp;

    /** Converts a JTL made of {@code seconds} seconds with one sample per label per second. */
    private static void step(Path dir, int users, int seconds, long sseMs, long e2eMs, int sendsPerSecond)
            throws IOException {
        Jtl jtl = new Jtl();
        for (int s = 0; s < seconds; s++) {
            long ts = T0 + s * 1000L;
            jtl.ok(ts, sseMs, "sse_stream", users);
            if (e2eMs >= 0) { // negative: a step in which no message was delivered
                jtl.ok(ts, e2eMs, "e2e_full_latency", users);
            }
            for (int k = 0; k < sendsPerSecond; k++) {
                jtl.ok(ts + k, 40, "send_message", users);
            }
        }
        Files.createDirectories(dir);
        JtlConverter.convert(jtl.write(dir.resolve("run.jtl")), dir, JtlConverter.Options.defaults());
    }

    @Test
    void s1MarksTheFirstStepOverAThresholdAndGivesTheSafeCeiling() throws IOException {
        step(tmp.resolve("50_users"), 50, 20, 100, 150, 1);
        step(tmp.resolve("100_users"), 100, 20, 400, 160, 1);
        step(tmp.resolve("200_users"), 200, 20, 1200, 170, 1); // sse_stream p50 1200 > 1000: a warning
        step(tmp.resolve("300_users"), 300, 20, 6000, 180, 1); // p95 error too
        Files.createDirectories(tmp.resolve("400_users"));     // aborted step: no results
        ChartWriter.ChartReport r = ChartWriter.s1(tmp, Thresholds.builtIn().normal(), RequestTypes.defaults());
        assertThat(r.marked()).hasValue(200);
        assertThat(r.text()).contains("First step over a threshold: 200 users ([sse_stream] p50: 1200 ms > 1000 ms)")
                .contains("safe ceiling = 200 × 0.8 = 160 users").contains("400  skipped:");
        assertThat(r.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("s1_errors.svg", "s1_p95.svg", "chart.html");
        String svg = Files.readString(tmp.resolve("s1_p95.svg"));
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("first over threshold: 200 users")
                .contains("data-name=\"sse_stream\"").doesNotContain("<script").doesNotContain("http://www.w3.org/1999/xlink");
        String html = Files.readString(tmp.resolve("chart.html"));
        assertThat(html).contains("<svg").contains("safe ceiling = 200 × 0.8 = 160 users").doesNotContain("<script")
                .doesNotContain("src=\"http");
    }

    @Test
    void s1WithoutBreachSaysTheCeilingIsAboveTheLastStep() throws IOException {
        step(tmp.resolve("50_users"), 50, 10, 100, 150, 1);
        step(tmp.resolve("100_users"), 100, 10, 120, 150, 1);
        ChartWriter.ChartReport r = ChartWriter.s1(tmp, Thresholds.builtIn().normal(), RequestTypes.defaults());
        assertThat(r.marked()).isEmpty();
        assertThat(r.text()).contains("No step exceeded a threshold: the ceiling is above 100 users");
    }

    /** The polyline's points of one series, as "x,y" pairs. */
    private static List<String> polyline(String svg, String series) {
        Matcher m = Pattern.compile("data-name=\"" + Pattern.quote(series) + "\"[^>]* points=\"([^\"]*)\"").matcher(svg);
        assertThat(m.find()).as("polyline of " + series).isTrue();
        return List.of(m.group(1).split(" "));
    }

    @Test
    void s1DrawsTheWarningAndCriticalThresholdsOfThePlottedLabelsInAPrintablePalette() throws IOException {
        step(tmp.resolve("50_users"), 50, 10, 2000, 150, 1);
        step(tmp.resolve("100_users"), 100, 10, 3000, 150, 1); // sse_stream p95 3000: every limit up to 6000 drawn
        ChartWriter.s1(tmp, Thresholds.builtIn().normal(), RequestTypes.defaults());
        String svg = Files.readString(tmp.resolve("s1_p95.svg"));
        assertThat(svg).contains("<g class=\"limit critical\">").contains("<g class=\"limit warning\">")
                .contains("critical: p95 max 5000 ms (").contains("critical: p95 max 2000 ms (")
                .contains("warning: p50 max 1000 ms (")
                .doesNotContain("login") // not plotted: no limit line for it
                .contains("stroke=\"#0072B2\"").doesNotContain("#1f77b4");
        // critical 5000 (sse_stream, send_message) and 2000 (e2e); warning 1000 (sse_stream, e2e) and 2000 (send)
        assertThat(svg.split("class=\"limit ", -1)).hasSize(1 + 4);
    }

    @Test
    void s1LeavesOutThresholdsFarAboveTheCurvesAndSaysWhich() throws IOException {
        step(tmp.resolve("50_users"), 50, 10, 100, 150, 1);
        step(tmp.resolve("100_users"), 100, 10, 400, 150, 1); // highest p95 400: limits above 800 ms not drawn
        ChartWriter.ChartReport r = ChartWriter.s1(tmp, Thresholds.builtIn().normal(), RequestTypes.defaults());
        assertThat(Files.readString(tmp.resolve("s1_p95.svg"))).doesNotContain("class=\"limit ");
        assertThat(r.text()).contains("Not drawn, far above the measured p95s:\n")
                .contains("\n  critical: p95 max 5000 ms (send_message, sse_stream)\n");
    }

    private static final List<String> ALL_LABELS = List.of("login", "auth_check", "sse_stream", "ttfe", "send_message",
            "e2e_full_latency", "e2e_fanout_complete", "e2e_fanout_complete_all_engines");

    /** A step with one sample per label per second (every label of a distributed run, as S1 shows them). */
    private static void everyLabelStep(Path dir, int users) throws IOException {
        Jtl jtl = new Jtl();
        for (int s = 0; s < 10; s++) {
            for (int i = 0; i < ALL_LABELS.size(); i++) {
                jtl.ok(T0 + s * 1000L + i, 20 + 5L * i + users, ALL_LABELS.get(i), users);
            }
        }
        Files.createDirectories(dir);
        JtlConverter.convert(jtl.write(dir.resolve("run.jtl")), dir, JtlConverter.Options.defaults());
    }

    private static List<String> all(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void s1GivesEachOfNineSeriesItsOwnStyleAndShowsLongLabelsWhole() throws IOException {
        for (int users : new int[] {4, 8, 16}) {
            everyLabelStep(tmp.resolve(users + "_users"), users);
        }
        ChartWriter.s1(tmp, Thresholds.builtIn().normal(), RequestTypes.defaults());
        for (String file : List.of("s1_errors.svg", "s1_p95.svg")) {
            String svg = Files.readString(tmp.resolve(file));
            List<String> styles = all("<polyline class=\"series\" data-name=\"[^\"]*\" fill=\"none\" (stroke=\"[^\"]*\""
                    + "(?: stroke-dasharray=\"[^\"]*\")?)", svg);
            assertThat(styles).as(file).hasSize(file.equals("s1_errors.svg") ? 9 : 8).doesNotHaveDuplicates();
            // the legend column is wide enough for the longest name, in one piece
            assertThat(svg).contains(">e2e_fanout_complete_all_engines</text>");
            int width = Integer.parseInt(all("<svg [^>]*width=\"(\\d+)\"", svg).get(0));
            Matcher legend = Pattern.compile("<text x=\"([\\d.]+)\"[^>]*>e2e_fanout_complete_all_engines</text>")
                    .matcher(svg);
            assertThat(legend.find()).isTrue();
            assertThat(Double.parseDouble(legend.group(1)) + 31 * 6.6).isLessThanOrEqualTo(width);
            // users are whole numbers: ticks at the steps only
            assertThat(all("<g class=\"x-tick\"><line[^>]*/><text[^>]*>([^<]*)</text>", svg)).containsExactly("4", "8", "16");
        }
        String errors = Files.readString(tmp.resolve("s1_errors.svg"));
        // y ticks with the same decimals (not "0.80" next to "1")
        assertThat(all("<text x=\"62.0\"[^>]*>([^<]*)</text>", errors)).containsExactly("0.0", "0.2", "0.4", "0.6",
                "0.8", "1.0");
        // the 8th and 9th series (ttfe, overall) reuse the first colours (auth_check's blue): dashed, own shape
        assertThat(all("<polyline[^>]*(stroke-dasharray=\"[^\"]*\")", errors)).hasSize(2)
                .containsOnly("stroke-dasharray=\"7,3\"");
        assertThat(all("<polyline[^>]*data-name=\"ttfe\"[^>]*(stroke=\"[^\"]*\" stroke-dasharray=\"7,3\")", errors))
                .containsExactly("stroke=\"#0072B2\" stroke-dasharray=\"7,3\"");
        assertThat(errors).contains("class=\"point square\"").contains("class=\"point circle\"");
    }

    @Test
    void s1PageTextStaysWithinTheChartsWidth() throws IOException {
        for (int users : new int[] {4, 8, 16}) {
            everyLabelStep(tmp.resolve(users + "_users"), users);
        }
        ChartWriter.ChartReport r = ChartWriter.s1(tmp, Thresholds.builtIn().normal(), RequestTypes.defaults());
        // every limit is far above 20-60 ms p95s: all of them are listed, none drawn
        assertThat(r.text()).contains("  critical: p95 max 3000 ms (e2e_fanout_complete, e2e_fanout_complete_all_engines)")
                .contains("  warning: p50 max 10000 ms (login)");
        String html = Files.readString(tmp.resolve("chart.html"));
        String pre = html.substring(html.indexOf("<pre"), html.indexOf("</pre>"));
        assertThat(pre).startsWith("<pre style=\"white-space:pre-wrap;max-width:820px\">");
        assertThat(pre.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(
                ChartWriter.PAGE_TEXT_CHARS + "<pre style=\"white-space:pre-wrap;max-width:820px\">".length()));
        assertThat(pre.lines().skip(1)).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
    }

    @Test
    void longPageLinesWrapWithTheirTextKept() {
        String violations = "  " + "[sse_stream] p95: 6000 ms > 5000 ms; ".repeat(8).strip();
        String wrapped = ChartWriter.wrapLines("short\n" + violations + "\nend");
        assertThat(wrapped.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
        assertThat(wrapped).startsWith("short\n  [sse_stream]").endsWith("\nend");
        assertThat(wrapped.replaceAll("\\s+", "")).isEqualTo(("short" + violations + "end").replaceAll("\\s+", ""));
        assertThat(wrapped.lines().count()).isGreaterThan(3);
        assertThat(SvgChart.wrap("e2e_fanout_complete_all_engines", 20)).containsExactly("e2e_fanout_complete_", "all_engines");
        // prose breaks between words, not inside USER_COUNTS
        assertThat(SvgChart.wrap("the ceiling is above 16 users; extend USER_COUNTS to find it.", 46))
                .containsExactly("the ceiling is above 16 users; extend", "USER_COUNTS to find it.");
    }

    @Test
    void s1JoinsTheStepsThatHaveE2eValuesAcrossStepsWithoutMessages() throws IOException {
        step(tmp.resolve("50_users"), 50, 10, 100, -1, 0);
        step(tmp.resolve("100_users"), 100, 10, 120, 150, 1);
        step(tmp.resolve("200_users"), 200, 10, 130, -1, 0);
        step(tmp.resolve("300_users"), 300, 10, 140, 170, 1);
        ChartWriter.s1(tmp, Thresholds.builtIn().normal(), RequestTypes.defaults());
        String svg = Files.readString(tmp.resolve("s1_p95.svg"));
        assertThat(polyline(svg, "e2e_full_latency")).hasSize(2);
        assertThat(polyline(svg, "sse_stream")).hasSize(4);
    }

    @Test
    void s2LabelsEachE2ePointWithItsHoldTime() throws IOException {
        int[] holds = {30, 20, 10};
        for (int i = 0; i < holds.length; i++) {
            Path dir = tmp.resolve("hold_" + holds[i] + "s");
            step(dir, 10, 60, 100, 200 + 20 * i, i + 1);
            Files.writeString(dir.resolve("step.json"),
                    "{\"users\":10,\"hold_seconds\":" + holds[i] + ",\"duration_seconds\":60}");
        }
        ChartWriter.s2(tmp, RequestTypes.defaults());
        String svg = Files.readString(tmp.resolve("s2_e2e_p95.svg"));
        assertThat(svg.split("class=\"point-label\"", -1)).hasSize(1 + 3);
        assertThat(svg).contains(">hold 30 s</text>").contains(">hold 20 s</text>").contains(">hold 10 s</text>");
    }

    @Test
    void s2ComputesMessageRatesAndMarksTheElbow() throws IOException {
        // 60 s steps, step.json says 10 users and 1 minute: sends per second s -> rate = 60 s / 10 users
        int[] holds = {30, 20, 10, 5};
        int[] sendsPerSecond = {1, 2, 3, 4};
        long[] e2e = {200, 210, 240, 1500};
        for (int i = 0; i < holds.length; i++) {
            Path dir = tmp.resolve("hold_" + holds[i] + "s");
            step(dir, 10, 60, 100, e2e[i], sendsPerSecond[i]);
            if (i != 1) {
                Files.writeString(dir.resolve("step.json"),
                        "{\"users\":10,\"hold_seconds\":" + holds[i] + ",\"duration_seconds\":60}");
            }
        }
        ChartWriter.ChartReport r = ChartWriter.s2(tmp, RequestTypes.defaults());
        // hold_10s: 180 sends / 1 min / 10 users = 18 msg/min/user
        assertThat(r.marked()).hasValue(18.0);
        assertThat(r.text()).contains("Elbow at 18.00 messages/min/user (hold 10s, e2e p95 240 ms)");
        // hold_20s has no step.json: users from the history's User Count, duration from Requests/s
        assertThat(r.text()).containsPattern("20s\\s+10\\s+\\d\\.\\d+\\s+120\\s+1[12]\\.\\d+\\s+210");
        assertThat(Files.readString(tmp.resolve("s2_e2e_p95.svg"))).contains("elbow: 18.00 msg/min/user");
    }

    @Test
    void s4FlagsUpwardDriftInLatencyAndHeapButNotInFlatErrors() throws IOException {
        Jtl jtl = new Jtl();
        Random random = new Random(3);
        for (int s = 0; s < 1800; s++) {
            long ts = T0 + s * 1000L;
            jtl.ok(ts, 100 + s / 10 + random.nextInt(20), "e2e_full_latency", 150).ok(ts, 50, "send_message", 150);
        }
        JtlConverter.convert(jtl.write(tmp.resolve("soak.jtl")), tmp, new JtlConverter.Options(RequestTypes.defaults(), 30, true));
        StringBuilder heap = new StringBuilder("timestamp_epoch_s,heap_used_bytes\n");
        for (int m = 0; m <= 30; m++) {
            heap.append(T0 / 1000 + m * 60L).append(',').append(200L * 1024 * 1024 + m * 3L * 1024 * 1024).append('\n');
        }
        Files.writeString(tmp.resolve("generator_heap.csv"), heap);
        ChartWriter.ChartReport r = ChartWriter.s4(tmp);
        assertThat(r.flags()).containsExactlyInAnyOrder("Aggregated p95", "e2e_full_latency p95", "generator heap");
        assertThat(r.text()).contains("Verdict: FAIL — upward drift").contains("generator heap: mean")
                .contains("UPWARD DRIFT").contains("Drift rule:");
        assertThat(r.files()).extracting(p -> p.getFileName().toString())
                .contains("s4_latency.svg", "s4_errors.svg", "s4_heap.svg", "chart.html");
        assertThat(Files.readString(tmp.resolve("s4_heap.svg"))).contains("upward drift: generator heap");
    }

    @Test
    void s4StableRunPasses() throws IOException {
        Jtl jtl = new Jtl();
        Random random = new Random(5);
        for (int s = 0; s < 1200; s++) {
            jtl.ok(T0 + s * 1000L, 100 + random.nextInt(30), "e2e_full_latency", 150);
        }
        JtlConverter.convert(jtl.write(tmp.resolve("soak.jtl")), tmp, new JtlConverter.Options(RequestTypes.defaults(), 30, true));
        ChartWriter.ChartReport r = ChartWriter.s4(tmp);
        assertThat(r.flags()).isEmpty();
        assertThat(r.text()).contains("Verdict: PASS — no upward drift").contains("no generator_heap.csv");
    }

    @Test
    void badChartInputs() throws IOException {
        assertThatThrownBy(() -> ChartWriter.s1(tmp, Thresholds.builtIn().normal(), RequestTypes.defaults()))
                .isInstanceOf(ResultsInputException.class).hasMessageContaining("no <N>_users/ step directories");
        assertThatThrownBy(() -> ChartWriter.s2(tmp.resolve("nope"), RequestTypes.defaults()))
                .hasMessageContaining("not a directory");
        assertThatThrownBy(() -> ChartWriter.s4(tmp)).hasMessageContaining("has no results_stats_history.csv");
        Path hold = Files.createDirectories(tmp.resolve("hold_5s"));
        step(hold, 10, 5, 100, 200, 1);
        Files.writeString(hold.resolve("step.json"), "{\"users\": -3}");
        assertThatThrownBy(() -> ChartWriter.s2(tmp, RequestTypes.defaults()))
                .hasMessageContaining("users must be a positive number");
    }

    @Test
    void elbowAndTrendRules() {
        List<double[]> flatThenSteep = List.of(new double[] {2, 100}, new double[] {3, 102}, new double[] {4, 105},
                new double[] {6, 110}, new double[] {12, 900});
        assertThat(Elbow.find(flatThenSteep)).hasValue(3);
        assertThat(Elbow.find(List.of(new double[] {1, 100}, new double[] {2, 200}, new double[] {3, 300}))).isEmpty();
        assertThat(Elbow.find(List.of(new double[] {1, 100}, new double[] {2, 200}))).isEmpty();
        List<double[]> line = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            line.add(new double[] {i, 100 + i * 2 + (i % 2 == 0 ? 1 : -1)});
        }
        Trend t = Trend.fit(line);
        assertThat(t.slope()).isBetween(1.9, 2.1);
        assertThat(t.driftsUp(10)).isTrue();
        assertThat(t.driftsUp(1000)).isFalse(); // rise below the absolute floor
    }
}
