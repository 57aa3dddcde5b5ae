package com.instainstru.loadtest.report;

import com.instainstru.loadtest.report.engines.CrossEngineJoin;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and loads the stats of a run from what a user points at: a {@code results_stats.csv}
 * (ours or Locust's), a JTL, or a results directory holding either. The file kind is decided by its
 * header, not its name (JMeter's CSV results are often named {@code .csv}).
 */
public final class StatsSource {

    private StatsSource() {}

    public static RunStats load(Path path, RequestTypes types) {
        return loadFile(resolve(path), types);
    }

    /** A directory becomes its results_stats.csv, else its single .jtl file. */
    public static Path resolve(Path path) {
        if (!Files.exists(path)) {
            throw new ResultsInputException("not found: " + path);
        }
        if (!Files.isDirectory(path)) {
            return path;
        }
        Path stats = path.resolve(LocustStatsWriter.STATS_FILE);
        if (Files.isRegularFile(stats)) {
            return stats;
        }
        try (Stream<Path> files = Files.list(path)) {
            List<Path> jtls = files.filter(p -> p.getFileName().toString().endsWith(".jtl")).sorted().toList();
            if (jtls.size() == 1) {
                return jtls.get(0);
            }
            throw new ResultsInputException(path + " holds no " + LocustStatsWriter.STATS_FILE
                    + (jtls.isEmpty() ? " and no .jtl file" : " and several .jtl files " + jtls + "; name one"));
        } catch (IOException e) {
            throw new ResultsInputException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    public static RunStats loadFile(Path file, RequestTypes types) {
        if (isJtl(file)) {
            JtlStatsPipeline pipeline = new JtlStatsPipeline(types, CrossEngineJoin.DEFAULT_CLOCK_MARGIN_MILLIS);
            JtlReader.read(file, pipeline.rows(null));
            return pipeline.finish();
        }
        return LocustStatsReader.read(file);
    }

    /** True when the file's first row is a JTL header; false for a Locust stats header. */
    static boolean isJtl(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ResultsInputException("not a file: " + file);
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> header = new CsvRecordReader(in).next();
            if (header == null) {
                throw new ResultsInputException(file + " is empty");
            }
            if (JtlReader.isJtlHeader(header)) {
                return true;
            }
            if (LocustStatsReader.isStatsHeader(header)) {
                return false;
            }
            throw new ResultsInputException(file + " is neither a JMeter CSV result (needs timeStamp, elapsed, label, "
                    + "success) nor a Locust results_stats.csv (needs Name, Request Count); header was: "
                    + String.join(",", header));
        } catch (IOException e) {
            throw new ResultsInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
