package com.instainstru.loadtest.jmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.correlation.DeliveryLedger;
import com.instainstru.loadtest.jmeter.testing.JMeterHarness;
import com.sun.net.httpserver.HttpServer;

/** The engine's own points, against a local HTTP endpoint that records what InfluxDB would receive. */
class EngineMetricsTest {

    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer influx;

    @BeforeEach
    void startEndpoint() throws IOException {
        JMeterHarness.init();
        influx = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        influx.createContext("/write", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                writes.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        influx.start();
    }

    @AfterEach
    void stopEndpoint() {
        influx.stop(0);
    }

    @Test
    void atTestEndItWritesTheLedgerTotalsAndTheHeapTagged() {
        EngineMetrics metrics = element("http://127.0.0.1:" + influx.getAddress().getPort() + "/write?db=loadtest");
        DeliveryLedger.shared().reset();

        metrics.testStarted();
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("loadtest-engine-metrics"));
        metrics.testEnded();

        assertThat(writes).isNotEmpty();
        String last = writes.get(writes.size() - 1);
        assertThat(last).containsPattern("(?m)^loadtest_ledger,application=unit,engine=e1 sent=0i,.*\\bstreams_open=0i\\b"
                        + ".* \\d{19}$")
                .containsPattern("(?m)^loadtest_jvm,application=unit,engine=e1 heap_used=\\d+i,heap_committed=\\d+i");
        assertThat(authorizations).containsOnly("Token t0ken");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
                && t.getName().equals("loadtest-engine-metrics"));
    }

    @Test
    void withoutAUrlItStartsNothingAndWritesNothing() {
        EngineMetrics metrics = element("");

        metrics.testStarted();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("loadtest-engine-metrics"));
        metrics.testEnded();

        assertThat(writes).isEmpty();
    }

    @Test
    void itIsNeitherMergedIntoSamplersNorClonedPerThread() {
        assertThat(element("")).isInstanceOf(org.apache.jmeter.engine.util.NoConfigMerge.class)
                .isInstanceOf(org.apache.jmeter.engine.util.NoThreadClone.class)
                .isNotInstanceOf(org.apache.jmeter.samplers.Remoteable.class);
    }

    private static EngineMetrics element(String url) {
        return JMeterHarness.bean(EngineMetrics.class, "engine metrics", Map.of(
                EngineMetricsBeanInfo.INFLUXDB_URL, url, EngineMetricsBeanInfo.INFLUXDB_TOKEN, "t0ken",
                EngineMetricsBeanInfo.APPLICATION, "unit", EngineMetricsBeanInfo.ENGINE, "e1"));
    }
}
