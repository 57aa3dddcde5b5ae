package com.instainstru.loadtest.report;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The progress of a JTL JMeter is still writing, for the scripts' 10 s console lines: complete rows, failed
 * rows, and the latest allThreads. Parsed by {@link JtlReader} (a row still being written is left out), so the
 * scripts need no CSV parser of their own.
 */
record JtlProgress(long rows, long errors, int threads) {

    static JtlProgress of(Path jtl) {
        if (!Files.isRegularFile(jtl)) {
            return new JtlProgress(0, 0, -1);
        }
        long[] counts = new long[2];
        int[] threads = {-1};
        try {
            JtlReader.read(jtl, s -> {
                counts[0]++;
                if (!s.success()) {
                    counts[1]++;
                }
                if (s.allThreads() >= 0) {
                    threads[0] = s.allThreads();
                }
            });
        } catch (ResultsInputException e) {
            // no header or no sample yet: JMeter has not flushed its first row
        }
        return new JtlProgress(counts[0], counts[1], threads[0]);
    }

    /** "rows errors threads" ("-" for threads when the JTL has no allThreads yet). */
    String line() {
        return rows + " " + errors + " " + (threads < 0 ? "-" : Integer.toString(threads));
    }
}
