package com.instainstru.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsHistoryWriterTest {

    static final String HISTORY_HEADER = "Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,"
            + "95%,98%,99%,99.9%,99.99%,100%,Total Request Count,Total Failure Count,Total Median Response Time,"
            + "Total Average Response Time,Total Min Response Time,Total Max Response Time,Total Average Content Size";

    static final long T0 = 1_700_000_000_000L;

    private static List<List<String>> history(String jtl, int interval, boolean full) throws IOException {
        StringWriter w = new StringWriter();
        StatsHistoryWriter h = new StatsHistoryWriter(w, RequestTypes.defaults(), interval, full);
        JtlReader.read(new StringReader(jtl), "t.jtl", h);
        h.finish();
        assertThat(w.toString()).startsWith(HISTORY_HEADER + "\r\n");
        List<List<String>> rows = new ArrayList<>();
        CsvRecordReader r = new CsvRecordReader(new StringReader(w.toString()));
        r.next();
        for (List<String> row = r.next(); row != null; row = r.next()) {
            rows.add(row);
        }
        return rows;
    }

    /** One send_message per second for 20 s, latency = 10 * second, users growing with time. */
    private static String steadyRun() {
        return steadyJtl().text();
    }

    private static Jtl steadyJtl() {
        Jtl jtl = new Jtl();
        for (int s = 0; s < 20; s++) {
            jtl.ok(T0 + s * 1000L, 10L * (s + 1), "send_message", s + 1);
        }
        jtl.fail(T0 + 12_000, 5, "login", 13, "x");
        return jtl;
    }

    @Test
    void oneAggregatedRowPerIntervalWithCumulativeTotals() throws IOException {
        List<List<String>> rows = history(steadyRun(), 5, false);
        assertThat(rows).extracting(r -> r.get(3)).containsOnly("Aggregated");
        assertThat(rows).extracting(r -> r.get(0))
                .containsExactly("1700000005", "1700000010", "1700000015", "1700000020");
        List<String> second = rows.get(1); // samples ending before t0+10 s: seconds 0..9
        assertThat(second.get(2)).isEmpty();
        assertThat(second.get(1)).isEqualTo("10");                 // allThreads of the latest sample
        assertThat(second.get(4)).isEqualTo("1.000000");           // 10 requests in the 10 s window
        assertThat(second.get(17)).isEqualTo("10");                // Total Request Count
        assertThat(second.get(18)).isEqualTo("0");
        // without full history the percentiles are cumulative (Locust): 10..100 -> p50 = rank 5 = 60
        assertThat(second.get(6)).isEqualTo("60");
        assertThat(second.get(16)).isEqualTo("100");
        List<String> third = rows.get(2);
        assertThat(third.get(17)).isEqualTo("16");                 // 15 sends + the login
        assertThat(third.get(18)).isEqualTo("1");
        assertThat(third.get(5)).isEqualTo("0.100000");            // 1 failure in the last 10 s
        assertThat(rows.get(3).get(17)).isEqualTo("21");
    }

    @Test
    void fullHistoryAddsRowsPerNameWithWindowPercentiles() throws IOException {
        List<List<String>> rows = history(steadyJtl().ok(T0 + 34_000, 1, "send_message", 2).text(), 5, true);
        List<List<String>> at15 = rows.stream().filter(r -> r.get(0).equals("1700000015")).toList();
        assertThat(at15).extracting(r -> r.get(2) + "|" + r.get(3))
                .containsExactly("POST|login", "POST|send_message", "|Aggregated");
        List<String> send = at15.get(1);
        // window = seconds 5..14 -> latencies 60..150; p50 = rank floor(10*.5)=5 -> 110
        assertThat(send.get(6)).isEqualTo("110");
        assertThat(send.get(16)).isEqualTo("150");
        assertThat(send.get(17)).isEqualTo("15");
        assertThat(send.get(22)).isEqualTo("150");                 // Total Max
        // login had no request in the first window: before that it has no row at all
        assertThat(rows.stream().filter(r -> r.get(0).equals("1700000005")).map(r -> r.get(3)))
                .containsExactly("send_message", "Aggregated");
        // an empty window for a name that had requests reads 0 (Locust), not N/A
        List<String> loginAt35 = rows.stream().filter(r -> r.get(3).equals("login") && r.get(0).equals("1700000035"))
                .findFirst().orElseThrow();
        assertThat(loginAt35.get(4)).isEqualTo("0.000000");
        assertThat(loginAt35.get(6)).isEqualTo("0");
        assertThat(loginAt35.get(17)).isEqualTo("1");
    }

    @Test
    void lateSamplesCountInTheNextOpenInterval() throws IOException {
        Jtl jtl = new Jtl();
        for (int s = 0; s < 60; s++) {
            jtl.ok(T0 + s * 1000L, 5, "auth_check", 1);
        }
        jtl.ok(T0 + 1000, 7, "auth_check", 1); // written long after its interval closed
        List<List<String>> rows = history(jtl.text(), 5, false);
        assertThat(rows.get(rows.size() - 1).get(17)).isEqualTo("61");
        // totals never go down and every sample is counted exactly once
        long previous = 0;
        for (List<String> r : rows) {
            long total = Long.parseLong(r.get(17));
            assertThat(total).isGreaterThanOrEqualTo(previous);
            previous = total;
        }
    }

    @Test
    void intervalMustBePositive() {
        assertThatThrownBy(() -> new StatsHistoryWriter(new StringWriter(), RequestTypes.defaults(), 0, false))
                .isInstanceOf(ResultsInputException.class).hasMessageContaining("at least 1 second");
    }

    @Test
    void userCountLeavesOutTheDeliveryLedgerCollectorThread() throws IOException {
        Jtl jtl = new Jtl();
        for (int s = 0; s < 10; s++) {
            jtl.thread("Users 1-1").ok(T0 + s * 1000L, 10, "send_message", 5)
                    .thread("delivery ledger collector 2-1").ok(T0 + s * 1000L + 20, 10, "e2e_full_latency", 5);
        }
        List<List<String>> rows = history(jtl.text(), 5, false);
        assertThat(rows).extracting(r -> r.get(1)).containsOnly("4");
    }
}
