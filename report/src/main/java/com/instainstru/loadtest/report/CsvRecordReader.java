package com.instainstru.loadtest.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; LF, CR
 * and CRLF all end a record. Reads one record at a time so a multi-gigabyte JTL needs no memory.
 */
public final class CsvRecordReader implements Closeable {

    private final Reader in;
    private final char delimiter;
    private int pushedBack = -2;
    private long line = 1;
    private long recordStartLine = 1;
    private boolean lastRecordComplete = true;

    public CsvRecordReader(Reader in) {
        this(in, ',');
    }

    public CsvRecordReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** Line (1-based) on which the record last returned by {@link #next()} started. */
    public long recordStartLine() {
        return recordStartLine;
    }

    /**
     * False when the last record ended at end of input inside an open quote, which is what a file cut
     * off mid-write looks like.
     */
    public boolean lastRecordComplete() {
        return lastRecordComplete;
    }

    /** The next record's fields, or null at end of input. Blank lines are skipped. */
    public List<String> next() throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\n' || c == '\r') {
                consumeLineEnd(c);
                continue;
            }
            unread(c);
            return readRecord();
        }
    }

    private List<String> readRecord() throws IOException {
        recordStartLine = line;
        lastRecordComplete = true;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        while (true) {
            int c = read();
            if (c == -1) {
                if (quoted) {
                    lastRecordComplete = false;
                }
                fields.add(field.toString());
                return fields;
            }
            if (quoted) {
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        unread(n);
                    }
                } else {
                    if (c == '\n' || (c == '\r' && peek() != '\n')) {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.length() == 0 && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                consumeLineEnd(c);
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
            }
        }
    }

    private void consumeLineEnd(int c) throws IOException {
        line++;
        if (c == '\r') {
            int n = read();
            if (n != '\n') {
                unread(n);
            }
        }
    }

    private int peek() throws IOException {
        int c = read();
        unread(c);
        return c;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
