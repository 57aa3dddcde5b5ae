package com.instainstru.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.instainstru.loadtest.correlation.DeliveryFact;
import com.instainstru.loadtest.report.engines.DeliveryFactJson;

/**
 * A two-engine JTL as the controller writes it: each engine's own ledger saw no loss (its e2e_fanout_complete
 * samples all passed), but engine B's stream never got a message of engine A. Only the join finds it.
 */
class CrossEngineConvertTest {

    private static final long T = 1_764_235_200_000L;
    private static final DeliveryFact.Rules RULES = new DeliveryFact.Rules(1_000, 2_000, 10_000);

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int convert(Path jtl, Path dir) {
        return new ResultsCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run("convert", jtl.toString(), "--out", dir.toString(), "--check-thresholds", "--ci-mode",
                        "--thresholds", ResultsCliTest.THRESHOLDS);
    }

    private static Jtl fact(Jtl jtl, long ts, DeliveryFact f) {
        return jtl.row(ts, 0, "e2e_delivery_facts", "200", DeliveryFactJson.write(f), true, "", 0, 3);
    }

    private Path twoEngineJtl(boolean streamOfBGetsIt, String extraFactRow) throws IOException {
        Jtl jtl = new Jtl();
        for (int i = 0; i < 3; i++) {
            long ts = T + i * 1000L;
            jtl.thread("127.0.0.1-users 1-1").ok(ts, 40, "send_message", 3).ok(ts, 30, "e2e_full_latency", 3)
                    .ok(ts, 30, "e2e_fanout_complete", 3);
        }
        jtl.thread("127.0.0.1-delivery ledger collector 2-1");
        for (int i = 0; i < 3; i++) {
            long ts = T + i * 1000L;
            fact(jtl, ts, new DeliveryFact.Sent("engA", "tok" + i, "conv1", "emma@example.com",
                    List.of("emma@example.com", "sarah@example.com"), ts * 1000,
                    new DeliveryFact.OwnFanout(1, 1, 0, 0, 0, 30, List.of()), RULES));
            if (i != 1 || streamOfBGetsIt) {
                fact(jtl, ts + 5, new DeliveryFact.Received("engB", "tok" + i,
                        List.of(new DeliveryFact.Delivery(4, "sarah#4", ts + 35))));
            }
        }
        fact(jtl, T + 60_000, new DeliveryFact.StreamSpan("engB", 4, "sarah#4", "sarah@example.com", T - 30_000,
                T - 29_000, T + 60_000, "CLIENT", false));
        if (extraFactRow != null) {
            jtl.row(T + 60_001, 0, "e2e_delivery_facts", "200", extraFactRow, true, "", 0, 3);
        }
        return jtl.write(tmp.resolve("run.jtl"));
    }

    @Test
    void aLossNoSingleEngineSawFailsTheRunAndIsNamed() throws IOException {
        Path dir = tmp.resolve("out");
        assertThat(convert(twoEngineJtl(false, null), dir)).isEqualTo(1);

        String stats = Files.readString(dir.resolve("results_stats.csv"));
        assertThat(stats).contains("SSE,e2e_fanout_complete_all_engines,3,1,").doesNotContain("e2e_delivery_facts");
        String summary = Files.readString(dir.resolve("summary.txt"));
        assertThat(summary)
                .contains("Delivery over every engine (2 engines: engA, engB; row e2e_fanout_complete_all_engines)")
                .contains("3 messages sent, 3 observed: 5 of 6 expected deliveries delivered, 1 lost in 1 messages")
                .contains("1 of the lost deliveries were on streams of an engine other than the sender's")
                .contains("message tok1 (engine engA): stream sarah#4 on engine engB did not get it within 10.0 s")
                .contains("[e2e_fanout_complete_all_engines] failure_rate")
                .contains("Verdict: FAIL");
        assertThat(Files.readString(dir.resolve("results_failures.csv")))
                .contains("SSE,e2e_fanout_complete_all_engines,Lost lost 1 of 2 deliveries across engines: stream sarah#4");
        // the facts rows are no requests: the Aggregated row counts the 9 measurement samples only
        assertThat(stats).contains(",Aggregated,9,0,");
    }

    @Test
    void theSameRunWithEveryDeliveryPasses() throws IOException {
        Path dir = tmp.resolve("out");
        assertThat(convert(twoEngineJtl(true, null), dir)).isZero();
        assertThat(Files.readString(dir.resolve("summary.txt")))
                .contains("6 of 6 expected deliveries delivered, 0 lost").contains("Verdict: PASS");
    }

    @Test
    void anUnreadableFactFailsTheRunNamingIt() throws IOException {
        Path dir = tmp.resolve("out");
        assertThat(convert(twoEngineJtl(true, "{\"v\":1,\"kind\":\"sent\"}"), dir)).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("summary.txt")))
                .contains("1 delivery facts could not be read, so the delivery over every engine is incomplete; "
                        + "first: delivery fact has no 'participants'");
    }
}
