package com.instainstru.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.instainstru.loadtest.correlation.DeliveryFact;
import com.instainstru.loadtest.report.engines.DeliveryFactJson;

/** Streams open in the progress line: opens, the ways a stream ends, a failed open, several engines. */
class JtlProgressTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final String COLLECTOR = "delivery ledger collector 2-1";

    @TempDir
    Path tmp;

    @Test
    void aSuccessfulOpenCountsAFailedOpenDoesNot() throws IOException {
        Jtl jtl = twoOpenStreams(10);
        jtl.thread("users 1-3").row(T0 + 20, 30, "sse_stream", "503", "Service Unavailable", false, "", 0, 4);
        jtl.thread("users 1-1").ok(T0 + 500, 200, "ttfe", 4); // read on an open stream: still open

        JtlProgress p = progress(jtl);
        assertThat(p.streamsOpen()).isEqualTo(2);
        assertThat(p.line()).endsWith(" 2").hasLineCount(1);
        assertThat(p.line().split(" ")).hasSize(8);
    }

    @Test
    void theLedgersStreamSpanEndsTheStreamOfItsThread() throws IOException {
        Jtl jtl = twoOpenStreams(10);
        jtl.thread(COLLECTOR);
        span(jtl, "users 1-1/messages", T0 + 25_100, "CLIENT");

        assertThat(progress(jtl).streamsOpen()).isEqualTo(1);
        span(jtl, "users 1-2/messages", T0 + 30_000, DeliveryFact.StreamSpan.TEST_END);
        assertThat(progress(jtl).streamsOpen()).isZero();
    }

    @Test
    void aDroppedHoldEndsTheStream() throws IOException {
        Jtl jtl = twoOpenStreams(5);
        jtl.thread("users 1-1").row(T0 + 100, 4_000, "sse_stream", "Stream dropped",
                "stream 'messages' dropped after 4.0 s of a 25.0 s hold: server closed", false, "", 0, 4);

        JtlProgress p = progress(jtl);
        assertThat(p.streamsOpen()).isEqualTo(1);
        assertThat(p.errors()).isEqualTo(1);
    }

    @Test
    void aCleanHoldShowsNoRowSoTheThreadsNextRequestEndsIt() throws IOException {
        Jtl jtl = twoOpenStreams(5);
        // users 1-1: held 25 s, closed (neither records a row), thought, then sent
        jtl.thread("users 1-1").ok(T0 + 27_000, 40, "send_message", 4);
        assertThat(progress(jtl).streamsOpen()).isEqualTo(1);

        // users 1-2: an sse_close row (emitted when asked for) ends it too
        jtl.thread("users 1-2").ok(T0 + 25_100, 1, "sse_close", 4);
        assertThat(progress(jtl).streamsOpen()).isZero();
    }

    @Test
    void aReopenCountsOnceAndAFailedReopenEndsTheOldStream() throws IOException {
        Jtl jtl = new Jtl();
        open(jtl, "users 1-1", T0);
        open(jtl, "users 1-1", T0 + 30_000);
        assertThat(progress(jtl).streamsOpen()).isEqualTo(1);

        jtl.thread("users 1-1").row(T0 + 60_000, 10_000, "sse_stream", "Non HTTP response code: "
                + "java.net.SocketTimeoutException", "could not open stream 'messages'", false, "", 0, 4);
        assertThat(progress(jtl).streamsOpen()).isZero();
    }

    @Test
    void aSpanWrittenBeforeItsOpenRowStillEndsIt() throws IOException {
        Jtl jtl = new Jtl();
        jtl.thread(COLLECTOR);
        span(jtl, "users 1-1/messages", T0 + 50, "SERVER"); // collector row first, the open's row after it
        open(jtl, "users 1-1", T0);
        assertThat(progress(jtl).streamsOpen()).isZero();
    }

    @Test
    void engineThreadsWithTheSameLocalNameAreDifferentStreams() throws IOException {
        String a = "10.0.0.5:1099-users 1-1";
        String b = "10.0.0.6:1099-users 1-1";
        Jtl jtl = new Jtl();
        open(jtl, a, T0);
        open(jtl, b, T0 + 3);
        open(jtl, "10.0.0.6:1099-users 1-2", T0 + 4);
        assertThat(progress(jtl).streamsOpen()).isEqualTo(3);

        jtl.thread("10.0.0.5:1099-" + COLLECTOR);
        span(jtl, a + "/messages", T0 + 25_000, "CLIENT");
        jtl.thread(b).ok(T0 + 26_000, 30, "auth_check", 3);
        assertThat(progress(jtl).streamsOpen()).isEqualTo(1);
    }

    @Test
    void sendAndReceiptFactsEndNoStream() throws IOException {
        Jtl jtl = new Jtl();
        open(jtl, "users 1-1", T0);
        jtl.thread(COLLECTOR).row(T0 + 100, 0, "e2e_delivery_facts", "200",
                "{\"v\":1,\"kind\":\"received\",\"engine\":\"e\",\"token\":\"t\",\"deliveries\":[]}", true, "", 0, 4);
        assertThat(progress(jtl).streamsOpen()).isEqualTo(1);
        assertThat(progress(jtl).rows()).isEqualTo(1); // facts rows are bookkeeping, not samples
    }

    /** Users 1-1 and 1-2 with a stream open each, the second {@code gapMs} after the first. */
    private static Jtl twoOpenStreams(long gapMs) throws IOException {
        Jtl jtl = new Jtl();
        open(jtl, "users 1-1", T0);
        open(jtl, "users 1-2", T0 + gapMs);
        return jtl;
    }

    private static void open(Jtl jtl, String thread, long at) {
        jtl.thread(thread).row(at, 15, "sse_stream", "200", "OK", true, "", 0, 4);
    }

    private static void span(Jtl jtl, String stream, long closedAt, String cause) {
        String json = DeliveryFactJson.write(new DeliveryFact.StreamSpan("engine-a", 1, stream, "u@example.com",
                T0 + 20, -1, closedAt, cause, false));
        jtl.row(closedAt, 0, "e2e_delivery_facts", "200", json, true, "", 0, 4);
    }

    private JtlProgress progress(Jtl jtl) throws IOException {
        return JtlProgress.of(jtl.write(tmp.resolve("run.jtl")));
    }
}
