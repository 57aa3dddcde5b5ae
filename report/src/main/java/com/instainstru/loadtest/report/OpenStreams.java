package com.instainstru.loadtest.report;

import java.util.HashMap;
import java.util.Map;

import com.instainstru.loadtest.correlation.DeliveryFact;
import com.instainstru.loadtest.report.engines.DeliveryFactJson;
import com.instainstru.loadtest.report.engines.DeliveryFactsRows;

/**
 * SSE streams opened and not yet ended, as far as a JTL shows them, per JMeter thread (full name, so each engine's
 * "users 1-3" of a distributed run is its own). A virtual user of the plans holds one stream at a time
 * (fragments/messaging_user.jmx: open, ttfe, hold, close in sequence), so a thread is either holding or not.
 *
 * <p>The open is the {@code sse_stream} row of the SSE Open sampler ("OK..."; the hold sampler's rows share the
 * label). A clean hold and the close record no row, so the end is the first of:
 * <ul>
 *   <li>the delivery ledger's stream span ({@code e2e_delivery_facts}, kind "stream", written by the collector
 *       when a listening stream closes, drops or the test ends; its stream is "thread/name");</li>
 *   <li>a failed or shown hold ({@code sse_stream} "Stream dropped" / "held ..."), or an {@code sse_close} row;</li>
 *   <li>any later row of the thread but {@code ttfe} (the plan has gone past the stream block: the close ran),
 *       e.g. a failed re-open, a send or an auth check.</li>
 * </ul>
 * Times are compared rather than the row order, since the collector's rows and the users' rows interleave.
 */
final class OpenStreams {

    static final String SSE_STREAM = "sse_stream";
    static final String SSE_CLOSE = "sse_close";
    static final String TTFE = "ttfe";
    private static final String HOLD_DROPPED = "Stream dropped";
    private static final String HOLD_SUMMARY = "held '";
    private static final String SPAN_KIND = "\"kind\":\"stream\"";

    /** Per thread: [start of its latest open, latest end seen] (epoch ms; Long.MIN_VALUE for none). */
    private final Map<String, long[]> byThread = new HashMap<>();

    void add(JtlSample s) {
        if (DeliveryFactsRows.isFacts(s)) {
            span(s);
            return;
        }
        String label = s.label();
        if (label.equals(TTFE)) {
            return; // read while the stream is open
        }
        if (label.equals(SSE_STREAM) && isOpen(s)) {
            if (s.success()) {
                times(s.threadName())[0] = s.timeStamp();
            } else {
                ended(s.threadName(), s.endTime()); // the open failed: whatever the thread held before is gone too
            }
            return;
        }
        // a hold's or close's row ends the stream at its end; any other request starts after the close
        ended(s.threadName(), label.equals(SSE_STREAM) || label.equals(SSE_CLOSE) ? s.endTime() : s.timeStamp());
    }

    /** Streams open now: threads whose latest open is later than their latest end. */
    int count() {
        int open = 0;
        for (long[] t : byThread.values()) {
            if (t[0] != Long.MIN_VALUE && t[0] > t[1]) {
                open++;
            }
        }
        return open;
    }

    /** The SSE Open sampler's row, not the hold's (same label). */
    static boolean isOpen(JtlSample s) {
        if (s.success()) {
            return s.responseMessage().startsWith("OK");
        }
        return !s.responseCode().equals(HOLD_DROPPED) && !s.responseMessage().startsWith(HOLD_SUMMARY);
    }

    private void span(JtlSample s) {
        if (!s.responseMessage().contains(SPAN_KIND)) {
            return; // sends and receipts: no stream ends in them
        }
        DeliveryFact fact;
        try {
            fact = DeliveryFactJson.read(s.responseMessage());
        } catch (IllegalArgumentException e) {
            return; // the report names unreadable facts; progress just skips them
        }
        if (fact instanceof DeliveryFact.StreamSpan span) {
            String thread = threadOf(span.stream());
            if (thread != null) {
                ended(thread, span.closedEpochMillis());
            }
        }
    }

    /**
     * The thread of a ledger stream name "thread/stream": a thread already seen (either part may hold a '/'), else
     * all before the last '/' (a span written before its open's row), else null.
     */
    private String threadOf(String ledgerName) {
        int last = ledgerName.lastIndexOf('/');
        for (int slash = last; slash > 0; slash = ledgerName.lastIndexOf('/', slash - 1)) {
            String thread = ledgerName.substring(0, slash);
            if (byThread.containsKey(thread)) {
                return thread;
            }
        }
        return last > 0 ? ledgerName.substring(0, last) : null;
    }

    private void ended(String thread, long at) {
        long[] t = times(thread);
        t[1] = Math.max(t[1], at);
    }

    private long[] times(String thread) {
        return byThread.computeIfAbsent(thread, k -> new long[] {Long.MIN_VALUE, Long.MIN_VALUE});
    }
}
