package com.instainstru.loadtest.jmeter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.services.FileServer;
import org.apache.jmeter.util.JMeterUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.instainstru.loadtest.correlation.DeliveryLedger;
import com.instainstru.loadtest.correlation.LedgerSnapshot;
import com.instainstru.loadtest.jmeter.metrics.GrafanaDashboard;
import com.instainstru.loadtest.jmeter.testing.InfluxdServer;
import com.instainstru.loadtest.jmeter.testing.ReferenceTarget;
import com.instainstru.loadtest.jmeter.testing.Samples;

/**
 * plans/s0_smoke.jmx, shortened to 15 s, against the reference server with LOADTEST_INFLUX_URL pointing at a
 * real influxd started here; then the points are read back over InfluxDB's HTTP query API. Without influxd on
 * the PATH the tests are skipped with the reason printed; LOADTEST_REQUIRE_INFLUXDB=1 (CI, which installs the
 * influxdb package) makes that a failure.
 */
class LiveMetricsInfluxdbIntegrationTest {

    private static final String DATABASE = "loadtest";
    private static final String SCENARIO = "s0_smoke";
    private static final Map<String, String> properties = new LinkedHashMap<>();
    private static InfluxdServer influx;
    private static List<SampleResult> results;
    private static LedgerSnapshot ledgerAtEnd;

    @BeforeAll
    static void runShortSmokeWithLiveMetrics() throws Exception {
        String binary = InfluxdServer.binaryOrNull(InfluxdServer.findOnPath(), System.getenv(InfluxdServer.REQUIRE));
        if (binary == null) {
            System.err.println("[WARNING] LiveMetricsInfluxdbIntegrationTest: " + InfluxdServer.NOT_INSTALLED);
            return;
        }
        influx = InfluxdServer.start(binary);
        influx.createDatabase(DATABASE);
        try (ReferenceTarget target = ReferenceTarget.start()) {
            properties.putAll(SmokePlanIntegrationTest.shortSmoke(target));
            properties.put("duration", "15");
            properties.put("LOADTEST_INFLUX_URL", influx.writeUrl(DATABASE));
            results = ScenarioPlans.run("s0_smoke.jmx", properties);
            ledgerAtEnd = DeliveryLedger.shared().snapshot();
        }
    }

    @AfterAll
    static void stop() {
        if (JMeterUtils.getJMeterProperties() != null) {
            properties.keySet().forEach(JMeterUtils.getJMeterProperties()::remove);
        }
        FileServer.getFileServer().resetBase();
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    void everyE2eSampleReachedInfluxdbThroughJMetersOwnClient() throws Exception {
        assumeTrue(influx != null, InfluxdServer.NOT_INSTALLED);
        assertThat(results).as("the run itself is clean").allMatch(SampleResult::isSuccessful);

        for (String label : List.of("e2e_full_latency", "e2e_fanout_complete", "send_message", "sse_stream")) {
            long recorded = Samples.labelled(results, label).size();
            JsonNode series = influx.query(DATABASE, "SELECT sum(\"count\") FROM \"jmeter\" WHERE \"application\" = '"
                    + SCENARIO + "' AND \"transaction\" = '" + label + "' AND \"statut\" = 'all'").path("series");
            assertThat(recorded).as(label).isPositive();
            assertThat(series.path(0).path("values").path(0).path(1).asLong()).as("%s samples in InfluxDB", label)
                    .isEqualTo(recorded);
        }
        JsonNode p95 = influx.query(DATABASE, "SELECT \"pct95.0\", \"max\" FROM \"jmeter\" WHERE \"transaction\" = "
                + "'e2e_full_latency' AND \"statut\" = 'ok'").path("series").path(0).path("values");
        assertThat(p95.size()).as("e2e p95 points").isPositive();
        assertThat(p95.path(0).path(1).asDouble()).isPositive();
    }

    @Test
    void ledgerTotalsAndHeapAreWrittenDuringTheRunAndAtItsEnd() throws Exception {
        assumeTrue(influx != null, InfluxdServer.NOT_INSTALLED);

        JsonNode points = influx.query(DATABASE, "SELECT \"sent\", \"streams_open\" FROM \"loadtest_ledger\" WHERE "
                + "\"application\" = '" + SCENARIO + "'").path("series").path(0).path("values");
        assertThat(points.size()).as("periodic points, not only the last").isGreaterThanOrEqualTo(2);
        assertThat(points).as("streams were open while it ran").anyMatch(p -> p.path(2).asLong() > 0);

        JsonNode last = influx.query(DATABASE, "SELECT last(\"sent\") AS sent, last(\"first_deliveries\") AS delivered,"
                + " last(\"lost\") AS lost, last(\"race_misses\") AS race, last(\"pending\") AS pending,"
                + " last(\"streams_open\") AS open FROM \"loadtest_ledger\" WHERE \"application\" = '" + SCENARIO
                + "' GROUP BY \"engine\"").path("series").path(0);
        JsonNode values = last.path("values").path(0);
        assertThat(last.path("tags").path("engine").asText()).as("engine tag from __machineName()").isNotBlank();
        assertThat(values.path(1).asLong()).as("sent").isEqualTo(ledgerAtEnd.sent()).isPositive();
        assertThat(values.path(2).asLong()).as("first deliveries = e2e_full_latency samples")
                .isEqualTo(ledgerAtEnd.firstDeliveries())
                .isEqualTo(Samples.labelled(results, "e2e_full_latency").size());
        assertThat(values.path(3).asLong()).as("lost").isEqualTo(ledgerAtEnd.lost());
        assertThat(values.path(4).asLong()).as("race misses").isEqualTo(ledgerAtEnd.raceMisses());
        assertThat(values.path(5).asLong()).as("pending at the end").isZero();
        assertThat(values.path(6).asLong()).as("streams open at the end").isZero();

        JsonNode heap = influx.query(DATABASE, "SELECT last(\"heap_used\"), last(\"heap_max\") FROM \"loadtest_jvm\"")
                .path("series").path(0).path("values").path(0);
        assertThat(heap.path(1).asLong()).isPositive().isLessThanOrEqualTo(heap.path(2).asLong());
    }

    /**
     * Every panel query of the shipped dashboard runs on the real points (Grafana's macros filled in); all but the
     * error panels return data, since this run is clean. The results are kept in target/live-metrics/ for the
     * README's picture.
     */
    @Test
    void everyDashboardQueryRunsOnTheRealSeries() throws Exception {
        assumeTrue(influx != null, InfluxdServer.NOT_INSTALLED);
        ObjectMapper json = new ObjectMapper();
        ObjectNode kept = json.createObjectNode();

        for (GrafanaDashboard.Query q : GrafanaDashboard.queries(GrafanaDashboard.read())) {
            String influxql = GrafanaDashboard.substituted(q.influxql(), SCENARIO, "1h");
            JsonNode result = influx.query(DATABASE, influxql);
            kept.set(q.panel() + " / " + q.refId(), result);
            boolean errorPanel = influxql.contains("'ko'") || influxql.contains("\"responseCode\"");
            if (!errorPanel) {
                assertThat(hasValue(result)).as("data for %s: %s", q.panel(), influxql).isTrue();
            }
        }
        Path out = Files.createDirectories(Path.of("target", "live-metrics"));
        json.writerWithDefaultPrettyPrinter().writeValue(out.resolve("dashboard-queries.json").toFile(), kept);
    }

    private static boolean hasValue(JsonNode result) {
        for (JsonNode series : result.path("series")) {
            for (JsonNode row : series.path("values")) {
                for (int i = 1; i < row.size(); i++) {
                    if (!row.get(i).isNull()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

}
