package com.instainstru.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordTest {

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        String text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"line1\nline2\r\nline3\",\n\n3,,last";
        CsvRecordReader r = new CsvRecordReader(new StringReader(text));
        assertThat(r.next()).containsExactly("a", "b", "c");
        assertThat(r.next()).containsExactly("1", "x, y", "say \"hi\"");
        assertThat(r.next()).containsExactly("2", "line1\nline2\r\nline3", "");
        assertThat(r.recordStartLine()).isEqualTo(3);
        assertThat(r.next()).containsExactly("3", "", "last");
        assertThat(r.recordStartLine()).isEqualTo(7);
        assertThat(r.next()).isNull();
    }

    @Test
    void unterminatedQuoteAtEndIsReportedAsIncomplete() throws IOException {
        CsvRecordReader r = new CsvRecordReader(new StringReader("a,b\n1,\"cut"));
        r.next();
        assertThat(r.next()).containsExactly("1", "cut");
        assertThat(r.lastRecordComplete()).isFalse();
    }

    @Test
    void writerQuotesLikePythonAndRoundTrips() throws IOException {
        StringWriter w = new StringWriter();
        List<String> fields = List.of("plain", "with,comma", "with \"quote\"", "multi\nline", "");
        new CsvRecordWriter(w).write(fields);
        assertThat(w.toString()).isEqualTo("plain,\"with,comma\",\"with \"\"quote\"\"\",\"multi\nline\",\r\n");
        assertThat(new CsvRecordReader(new StringReader(w.toString())).next()).isEqualTo(fields);
    }
}
