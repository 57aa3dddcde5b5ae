package com.instainstru.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocustStatsWriterTest {

    static final String STATS_HEADER = "Type,Name,Request Count,Failure Count,Median Response Time,"
            + "Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
            + "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%";

    @TempDir
    Path tmp;

    static RunStats collect(String jtl, RequestTypes types) throws IOException {
        JtlStatsCollector c = new JtlStatsCollector(types);
        JtlReader.read(new StringReader(jtl), "t.jtl", c);
        return c.result();
    }

    @Test
    void headersAreByteExact() throws IOException {
        RunStats run = collect(new Jtl().ok(1000, 10, "login", 1).fail(1100, 20, "login", 1, "bad, creds").text(),
                RequestTypes.defaults());
        LocustStatsWriter.writeAll(run, tmp);
        byte[] stats = Files.readAllBytes(tmp.resolve("results_stats.csv"));
        assertThat(new String(stats, StandardCharsets.UTF_8)).startsWith(STATS_HEADER + "\r\n");
        assertThat(Files.readString(tmp.resolve("results_failures.csv")))
                .isEqualTo("Method,Name,Error,Occurrences\r\nPOST,login,\"bad, creds\",1\r\n");
        assertThat(Files.readString(tmp.resolve("results_exceptions.csv"))).isEqualTo("Count,Message,Traceback\r\n");
    }

    @Test
    void rowsPerTypeAndNameThenAggregatedWithLocustNumberFormats() throws IOException {
        Jtl jtl = new Jtl();
        // run spans 1000 ms .. 11000 ms = 10 s
        for (int i = 0; i < 10; i++) {
            jtl.ok(1000 + i * 1000L, 100 + i, "send_message", 5);
        }
        jtl.ok(1000, 3, "ttfe", 5).fail(5000, 6000, "sse_stream", 7, "").ok(2000, 50, "GET /api/v1/health", 7)
                .ok(3000, 9, "custom_thing", 7);
        RunStats run = collect(jtl.text(), RequestTypes.defaults());
        StringWriter w = new StringWriter();
        LocustStatsWriter.writeStats(run, w);
        List<String> lines = w.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo(STATS_HEADER);
        assertThat(lines).hasSize(7);
        assertThat(lines.subList(1, 6)).extracting(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1)))
                .containsExactly("GET,GET /api/v1/health", "JMETER,custom_thing", "POST,send_message", "GET,sse_stream",
                        "SSE,ttfe");
        // 10 samples 100..109 ms over 10 s: median rank floor(10*0.5)=5 -> 105; avg 104.5; 1 req/s
        assertThat(lines.get(3)).isEqualTo("POST,send_message,10,0,105,104.5,100,109,100.0,1.0,0.0,"
                + "105,106,107,108,109,109,109,109,109,109,109");
        assertThat(lines.get(4)).isEqualTo("GET,sse_stream,1,1,6000,6000.0,6000,6000,50.0,0.1,0.1,"
                + "6000,6000,6000,6000,6000,6000,6000,6000,6000,6000,6000");
        assertThat(lines.get(6)).startsWith(",Aggregated,14,1,");
        assertThat(run.aggregated().requestsPerSecond()).isCloseTo(1.4, within(1e-9));
        assertThat(run.peakUsers()).isEqualTo(7);
        assertThat(run.durationSeconds()).contains(10.0);
    }

    @Test
    void configurableTypeMappingWins() throws IOException {
        RunStats run = collect(new Jtl().ok(1000, 5, "health", 1).ok(1000, 5, "login", 1).text(),
                new RequestTypes(RequestTypes.parseMapping("health=GET, login=PUT")));
        assertThat(run.endpoints()).extracting(EndpointStats::type).containsExactly("GET", "PUT");
    }

    @Test
    void writtenStatsReadBackUnchanged() throws IOException {
        RunStats run = collect(new Jtl().ok(1000, 5, "login", 2).fail(1500, 2500, "e2e_full_latency", 2, "lost").text(),
                RequestTypes.defaults());
        Path file = tmp.resolve("results_stats.csv");
        LocustStatsWriter.writeStats(run, file);
        RunStats back = LocustStatsReader.read(file);
        assertThat(back.endpoints()).hasSize(2);
        EndpointStats e2e = back.endpoint("e2e_full_latency").orElseThrow();
        assertThat(e2e.type()).isEqualTo("SSE");
        assertThat(e2e.p95()).isEqualTo(2500);
        assertThat(e2e.failureCount()).isEqualTo(1);
        assertThat(back.aggregated().requestCount()).isEqualTo(2);
        assertThat(back.overallFailureRatePercent()).isEqualTo(50.0);
    }

    @Test
    void pythonFloatFormatting() {
        assertThat(Map.of(
                LocustFormat.pythonFloat(5.0), "5.0",
                LocustFormat.pythonFloat(0.0009), "0.0009",
                LocustFormat.pythonFloat(123.456), "123.456",
                LocustFormat.pythonFloat(12_345_678.5), "12345678.5",
                LocustFormat.wholeOrFloat(Double.NaN), "N/A",
                LocustFormat.sixDecimals(1.5), "1.500000")).allSatisfy((actual, expected) -> assertThat(actual).isEqualTo(expected));
    }
}
