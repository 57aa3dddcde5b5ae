package com.instainstru.loadtest.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV the way Python's csv module does (Locust uses it): fields quoted only when they contain
 * a comma, a quote or a line break, records ended by CRLF.
 */
public final class CsvRecordWriter {

    private final Writer out;

    public CsvRecordWriter(Writer out) {
        this.out = out;
    }

    public void write(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(escape(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String escape(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    public void flush() throws IOException {
        out.flush();
    }
}
