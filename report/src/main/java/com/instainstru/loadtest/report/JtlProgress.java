package com.instainstru.loadtest.report;

import com.instainstru.loadtest.report.engines.DeliveryFactsRows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The progress of a JTL JMeter is still writing, for the scripts' 10 s console lines: complete rows, failed
 * rows, the latest allThreads, and what a person watches a messaging run for: messages sent, delivered (first
 * delivery), deliveries lost (failed fan-outs) and the e2e p95 of the last interval. Parsed by
 * {@link JtlReader} (a row still being written is left out), so the scripts need no CSV parser of their own.
 * Also the SSE streams open at the newest row ({@link OpenStreams}).
 *
 * @param e2eP95LastMs p95 of the {@code e2e_full_latency} samples that started in the last {@code intervalMs}
 *                     before the newest sample; -1 when there were none
 */
record JtlProgress(long rows, long errors, int threads, long sent, long delivered, long lostFanouts,
                   long e2eP95LastMs, int streamsOpen) {

    static final long DEFAULT_INTERVAL_MS = 10_000;

    static JtlProgress of(Path jtl) {
        return of(jtl, DEFAULT_INTERVAL_MS);
    }

    static JtlProgress of(Path jtl, long intervalMs) {
        if (!Files.isRegularFile(jtl)) {
            return new JtlProgress(0, 0, -1, 0, 0, 0, -1, 0);
        }
        Tally t = new Tally();
        try {
            JtlReader.read(jtl, t::add);
        } catch (ResultsInputException e) {
            // no header or no sample yet: JMeter has not flushed its first row
        }
        return t.progress(intervalMs);
    }

    /**
     * "rows errors threads sent delivered lost e2e_p95_ms streams_open" ("-" for unknown threads or p95): one line,
     * new fields at the end, so an older script's {@code read} still gets its fields.
     */
    String line() {
        return rows + " " + errors + " " + (threads < 0 ? "-" : Integer.toString(threads)) + " " + sent + " "
                + delivered + " " + lostFanouts + " " + (e2eP95LastMs < 0 ? "-" : Long.toString(e2eP95LastMs))
                + " " + streamsOpen;
    }

    private static final class Tally {
        long rows;
        long errors;
        int threads = -1;
        final EngineThreads engineThreads = new EngineThreads();
        long sent;
        long delivered;
        long lost;
        long newest = Long.MIN_VALUE;
        // (start, elapsed) of each e2e_full_latency sample; the interval is cut once the newest time is known
        final List<long[]> e2e = new ArrayList<>();

        final OpenStreams streams = new OpenStreams();

        void add(JtlSample s) {
            streams.add(s); // the ledger's stream spans are facts rows too
            if (DeliveryFactsRows.isFacts(s)) {
                return; // bookkeeping, not a sample
            }
            rows++;
            if (!s.success()) {
                errors++;
            }
            engineThreads.add(s);
            if (engineThreads.threads() >= 0) {
                threads = (int) engineThreads.threads();
            }
            newest = Math.max(newest, s.timeStamp());
            switch (s.label()) {
                case ThresholdChecker.SEND_MESSAGE -> sent += s.success() ? 1 : 0;
                case ThresholdChecker.E2E_FULL_LATENCY -> {
                    if (s.success()) {
                        delivered++;
                        e2e.add(new long[] {s.timeStamp(), s.elapsed()});
                    }
                }
                case "e2e_fanout_complete" -> lost += s.success() ? 0 : 1;
                default -> { }
            }
        }

        JtlProgress progress(long intervalMs) {
            List<Long> recent = new ArrayList<>();
            for (long[] sample : e2e) {
                if (sample[0] > newest - intervalMs) {
                    recent.add(sample[1]);
                }
            }
            long p95 = -1;
            if (!recent.isEmpty()) {
                Collections.sort(recent);
                p95 = recent.get((int) Math.ceil(0.95 * recent.size()) - 1);
            }
            return new JtlProgress(rows, errors, threads, sent, delivered, lost, p95, streams.count());
        }
    }
}
