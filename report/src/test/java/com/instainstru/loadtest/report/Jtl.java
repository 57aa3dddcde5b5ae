package com.instainstru.loadtest.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds JTL text in JMeter 5.6.3's default CSV layout for tests. */
final class Jtl {

    static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
            + "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect";

    private final StringBuilder sb = new StringBuilder(HEADER).append('\n');
    private String threadName = "Users 1-1";

    /** The threadName of the rows that follow. */
    Jtl thread(String name) {
        threadName = name;
        return this;
    }

    Jtl ok(long ts, long elapsed, String label, int users) {
        return row(ts, elapsed, label, "200", "OK", true, "", 100, users);
    }

    Jtl fail(long ts, long elapsed, String label, int users, String failureMessage) {
        return row(ts, elapsed, label, "500", "Internal Server Error", false, failureMessage, 50, users);
    }

    Jtl row(long ts, long elapsed, String label, String code, String message, boolean success, String failure,
            long bytes, int users) {
        sb.append(ts).append(',').append(elapsed).append(',').append(CsvRecordWriter.escape(label)).append(',')
                .append(code).append(',').append(CsvRecordWriter.escape(message)).append(',').append(CsvRecordWriter.escape(threadName)).append(",text,")
                .append(success).append(',').append(CsvRecordWriter.escape(failure)).append(',').append(bytes)
                .append(",20,").append(users).append(',').append(users)
                .append(",http://127.0.0.1:8000/api/v1/x,").append(elapsed).append(",0,3\n");
        return this;
    }

    String text() {
        return sb.toString();
    }

    Path write(Path file) throws IOException {
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return file;
    }
}
