package com.instainstru.loadtest.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.instainstru.loadtest.report.engines.CrossEngineJoin;

/**
 * Converts a JTL into the old suite's files in one streaming pass: {@code results_stats.csv},
 * {@code results_stats_history.csv}, {@code results_failures.csv}, {@code results_exceptions.csv}.
 */
public final class JtlConverter {

    /** How to convert. */
    public record Options(RequestTypes types, int historyIntervalSeconds, boolean fullHistory, long clockMarginMillis) {
        public Options(RequestTypes types, int historyIntervalSeconds, boolean fullHistory) {
            this(types, historyIntervalSeconds, fullHistory, CrossEngineJoin.DEFAULT_CLOCK_MARGIN_MILLIS);
        }

        public static Options defaults() {
            return new Options(RequestTypes.defaults(), 5, false);
        }
    }

    /** What the conversion produced. */
    public record Outcome(RunStats stats, JtlReader.Result read, int historyRows) {}

    private JtlConverter() {}

    public static Outcome convert(Path jtl, Path outDir, Options options) throws IOException {
        if (!Files.isRegularFile(jtl)) {
            throw new ResultsInputException("JTL file not found: " + jtl);
        }
        if (!StatsSource.isJtl(jtl)) {
            throw new ResultsInputException(jtl + " is a Locust results_stats.csv, not a JTL: nothing to convert");
        }
        Files.createDirectories(outDir);
        Path historyFile = outDir.resolve(StatsHistoryWriter.FILE);
        JtlStatsPipeline pipeline = new JtlStatsPipeline(options.types(), options.clockMarginMillis());
        JtlReader.Result read;
        int rows;
        try (Writer w = Files.newBufferedWriter(historyFile, StandardCharsets.UTF_8)) {
            StatsHistoryWriter history = new StatsHistoryWriter(w, options.types(),
                    options.historyIntervalSeconds(), options.fullHistory());
            read = JtlReader.read(jtl, pipeline.rows(history));
            history.finish();
            rows = history.rowsWritten();
        } catch (ResultsInputException e) {
            Files.deleteIfExists(historyFile); // no half-written output beside a failed conversion
            throw e;
        }
        RunStats stats = pipeline.finish();
        LocustStatsWriter.writeAll(stats, outDir);
        return new Outcome(stats, read, rows);
    }
}
