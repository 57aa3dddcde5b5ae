package com.instainstru.loadtest.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams a JMeter CSV result file (JTL) row by row. Columns are found by name in the header, so the
 * column order, extra columns (e.g. {@code sample_variables}) and missing optional columns do not
 * matter. Required: {@code timeStamp}, {@code elapsed}, {@code label}, {@code success}.
 *
 * <p>A corrupt row is an error naming its line, except the very last row when it is cut short (JMeter
 * killed mid-write): that one is skipped and counted in {@link Result#skippedTruncatedRows()}.
 */
public final class JtlReader {

    static final List<String> REQUIRED = List.of("timeStamp", "elapsed", "label", "success");

    /** What a read produced besides the samples. */
    public record Result(long samples, long skippedTruncatedRows) {}

    private JtlReader() {}

    /** True when a CSV header row looks like a JTL header (has timeStamp and elapsed). */
    public static boolean isJtlHeader(List<String> header) {
        return indexByName(header).keySet().containsAll(List.of("timestamp", "elapsed"));
    }

    public static Result read(Path jtl, Consumer<JtlSample> sink) {
        try (BufferedReader in = Files.newBufferedReader(jtl, StandardCharsets.UTF_8)) {
            return read(in, jtl.toString(), sink);
        } catch (NoSuchFileException e) {
            throw new ResultsInputException("JTL file not found: " + jtl);
        } catch (IOException e) {
            throw new ResultsInputException("cannot read JTL " + jtl + ": " + e.getMessage(), e);
        }
    }

    public static Result read(Reader reader, String source, Consumer<JtlSample> sink) throws IOException {
        CsvRecordReader csv = new CsvRecordReader(reader);
        List<String> header = csv.next();
        if (header == null) {
            throw new ResultsInputException(source + " is empty (no header row, no samples)");
        }
        stripBom(header);
        Columns columns = new Columns(indexByName(header), source);
        long samples = 0;
        long skipped = 0;
        List<String> row = csv.next();
        while (row != null) {
            long lineNo = csv.recordStartLine();
            List<String> following = csv.next();
            boolean last = following == null;
            try {
                sink.accept(columns.sample(row));
                samples++;
            } catch (ResultsInputException | NumberFormatException e) {
                boolean truncated = last && (row.size() < header.size() || !csv.lastRecordComplete());
                if (!truncated) {
                    throw new ResultsInputException(source + " line " + lineNo + ": " + e.getMessage(), e);
                }
                skipped++;
            }
            row = following;
        }
        if (samples == 0) {
            throw new ResultsInputException(source + " has a header but no samples");
        }
        return new Result(samples, skipped);
    }

    private static void stripBom(List<String> header) {
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
    }

    /** Header names, lower-cased and trimmed, to their index (JMeter's own names differ only in case). */
    static Map<String, Integer> indexByName(List<String> header) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i).replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT), i);
        }
        return index;
    }

    /** Column positions resolved once from the header. */
    private static final class Columns {
        private final int timeStamp;
        private final int elapsed;
        private final int label;
        private final int success;
        private final int responseCode;
        private final int responseMessage;
        private final int threadName;
        private final int failureMessage;
        private final int bytes;
        private final int sentBytes;
        private final int allThreads;
        private final int url;
        private final int latency;
        private final int connect;

        Columns(Map<String, Integer> index, String source) {
            List<String> missing = REQUIRED.stream()
                    .filter(name -> !index.containsKey(name.toLowerCase(Locale.ROOT)))
                    .toList();
            if (!missing.isEmpty()) {
                throw new ResultsInputException(source + " is not a JMeter CSV result file: header lacks "
                        + String.join(", ", missing) + " (expected JMeter's CSV header, e.g. "
                        + "timeStamp,elapsed,label,responseCode,...,success,...; save the JTL as CSV with "
                        + "jmeter.save.saveservice.print_field_names=true)");
            }
            timeStamp = index.get("timestamp");
            elapsed = index.get("elapsed");
            label = index.get("label");
            success = index.get("success");
            responseCode = index.getOrDefault("responsecode", -1);
            responseMessage = index.getOrDefault("responsemessage", -1);
            threadName = index.getOrDefault("threadname", -1);
            failureMessage = index.getOrDefault("failuremessage", -1);
            bytes = index.getOrDefault("bytes", -1);
            sentBytes = index.getOrDefault("sentbytes", -1);
            allThreads = index.getOrDefault("allthreads", -1);
            url = index.getOrDefault("url", -1);
            latency = index.getOrDefault("latency", -1);
            connect = index.getOrDefault("connect", -1);
        }

        JtlSample sample(List<String> row) {
            long ts = requiredNumber(row, timeStamp, "timeStamp (epoch milliseconds)");
            long el = requiredNumber(row, elapsed, "elapsed");
            if (el < 0) {
                throw new ResultsInputException("negative elapsed " + el);
            }
            return new JtlSample(ts, el, required(row, label, "label"),
                    text(row, responseCode), text(row, responseMessage), text(row, threadName),
                    bool(required(row, success, "success")), text(row, failureMessage),
                    number(row, bytes, "bytes", 0), number(row, sentBytes, "sentBytes", 0),
                    (int) number(row, allThreads, "allThreads", -1), text(row, url),
                    number(row, latency, "Latency", 0), number(row, connect, "Connect", 0));
        }

        private static String required(List<String> row, int i, String name) {
            if (i >= row.size()) {
                throw new ResultsInputException("row has " + row.size() + " fields, no " + name);
            }
            return row.get(i);
        }

        private static long requiredNumber(List<String> row, int i, String name) {
            if (required(row, i, name).isBlank()) {
                throw new ResultsInputException(name + " is empty");
            }
            return number(row, i, name, 0);
        }

        private static String text(List<String> row, int i) {
            return i < 0 || i >= row.size() ? "" : row.get(i);
        }

        private static long number(List<String> row, int i, String name, long absent) {
            if (i < 0) {
                return absent;
            }
            String v = required(row, i, name).trim();
            if (v.isEmpty()) {
                return absent;
            }
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ResultsInputException(name + " is not a whole number: '" + v + "'");
            }
        }

        private static boolean bool(String v) {
            String t = v.trim();
            if (t.equalsIgnoreCase("true")) {
                return true;
            }
            if (t.equalsIgnoreCase("false")) {
                return false;
            }
            throw new ResultsInputException("success must be true or false, was '" + v + "'");
        }
    }
}
