package com.instainstru.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JtlReaderTest {

    @TempDir
    Path tmp;

    private static List<JtlSample> read(String text) throws IOException {
        List<JtlSample> out = new ArrayList<>();
        JtlReader.read(new StringReader(text), "test.jtl", out::add);
        return out;
    }

    @Test
    void readsJMeterDefaultColumnsByName() throws IOException {
        List<JtlSample> s = read(new Jtl().ok(1_700_000_000_000L, 42, "send_message", 10)
                .fail(1_700_000_000_100L, 7, "login", 12, "Assertion failed: 401").text());
        assertThat(s).hasSize(2);
        JtlSample first = s.get(0);
        assertThat(first.timeStamp()).isEqualTo(1_700_000_000_000L);
        assertThat(first.elapsed()).isEqualTo(42);
        assertThat(first.label()).isEqualTo("send_message");
        assertThat(first.success()).isTrue();
        assertThat(first.bytes()).isEqualTo(100);
        assertThat(first.allThreads()).isEqualTo(10);
        assertThat(first.endTime()).isEqualTo(1_700_000_000_042L);
        assertThat(s.get(1).success()).isFalse();
        assertThat(s.get(1).errorText()).isEqualTo("Assertion failed: 401");
    }

    @Test
    void columnOrderExtraAndMissingOptionalColumnsDoNotMatter() throws IOException {
        String text = "label,success,myVar,elapsed,timeStamp\n"
                + "ttfe,true,x,15,1000\n"
                + "\"e2e, quoted\",false,\"a\nb\",20,2000\n";
        List<JtlSample> s = read(text);
        assertThat(s).extracting(JtlSample::label).containsExactly("ttfe", "e2e, quoted");
        assertThat(s.get(0).allThreads()).isEqualTo(-1);
        assertThat(s.get(0).bytes()).isZero();
        assertThat(s.get(1).errorText()).isEqualTo("failed (no message)");
    }

    @Test
    void quotedFailureMessageWithCommasAndNewlines() throws IOException {
        List<JtlSample> s = read(new Jtl().fail(1000, 5, "sse_stream", 3, "timeout, after 5s\nstream closed").text());
        assertThat(s.get(0).failureMessage()).isEqualTo("timeout, after 5s\nstream closed");
        assertThat(s.get(0).responseMessage()).isEqualTo("Internal Server Error");
    }

    @Test
    void truncatedLastRowIsSkippedButCorruptMiddleRowIsAnError() throws IOException {
        String cut = new Jtl().ok(1000, 5, "login", 1).text() + "2000,7,log";
        List<JtlSample> out = new ArrayList<>();
        JtlReader.Result r = JtlReader.read(new StringReader(cut), "cut.jtl", out::add);
        assertThat(out).hasSize(1);
        assertThat(r.skippedTruncatedRows()).isEqualTo(1);

        String corrupt = Jtl.HEADER + "\n1000,abc,login,200,OK,t,text,true,,1,1,1,1,u,1,0,1\n"
                + new Jtl().ok(2000, 5, "login", 1).text().lines().skip(1).findFirst().orElseThrow() + "\n";
        assertThatThrownBy(() -> read(corrupt)).isInstanceOf(ResultsInputException.class)
                .hasMessageContaining("line 2").hasMessageContaining("elapsed is not a whole number: 'abc'");
    }

    @Test
    void lastRowCutInsideAQuotedFieldIsSkippedAndABomIsIgnored() throws IOException {
        String text = "\uFEFF" + new Jtl().ok(1000, 5, "login", 1).text()
                + "2000,7,login,500,Err,t,text,false,\"half a message, then";
        List<JtlSample> out = new ArrayList<>();
        JtlReader.Result r = JtlReader.read(new StringReader(text), "cut.jtl", out::add);
        assertThat(out).extracting(JtlSample::label).containsExactly("login");
        assertThat(r.skippedTruncatedRows()).isEqualTo(1);
    }

    @Test
    void badInputsGiveClearErrors() throws IOException {
        assertThatThrownBy(() -> read("")).isInstanceOf(ResultsInputException.class).hasMessageContaining("is empty");
        assertThatThrownBy(() -> read(Jtl.HEADER + "\n")).isInstanceOf(ResultsInputException.class)
                .hasMessageContaining("no samples");
        assertThatThrownBy(() -> read("Type,Name,Request Count\nGET,x,1\n")).isInstanceOf(ResultsInputException.class)
                .hasMessageContaining("not a JMeter CSV result file").hasMessageContaining("timeStamp, elapsed, label, success");
        assertThatThrownBy(() -> read("timeStamp,elapsed,label,success\n1000,5,x,maybe\n"))
                .hasMessageContaining("success must be true or false, was 'maybe'");
        assertThatThrownBy(() -> read("timeStamp,elapsed,label,success\n1000,-5,x,true\n"))
                .hasMessageContaining("negative elapsed");
        assertThatThrownBy(() -> JtlReader.read(tmp.resolve("nope.jtl"), s -> { }))
                .isInstanceOf(ResultsInputException.class).hasMessageContaining("JTL file not found");
    }
}
