package com.instainstru.loadtest.jmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Grafana dashboard loads (Grafana's dashboard model: uid, title, panels with grid positions and targets, a
 * datasource variable every panel uses) and asks only for what the listener writes. The InfluxDB integration
 * test runs the same queries against a real run's points.
 */
class GrafanaDashboardTest {

    private static final Pattern FROM = Pattern.compile("\\bFROM \"([^\"]+)\"");
    private static final Pattern FIELD = Pattern.compile("\\b(?:mean|max|min|sum|last|first|count|median)\\(\"([^\"]+)\"\\)");
    private static final Pattern TAG = Pattern.compile("\"([A-Za-z_]+)\" (?:=~|!~|=|!=) ['/]");
    private static final Pattern GROUP_TAG = Pattern.compile("GROUP BY time\\(\\$__interval\\)((?:, \"[^\"]+\")*)");

    @Test
    void dashboardHasGrafanasModelAndADatasourceVariable() throws Exception {
        JsonNode dashboard = GrafanaDashboard.read();

        assertThat(dashboard.path("uid").asText()).matches("[a-z0-9-]{1,40}");
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
        JsonNode datasource = variable(dashboard, "datasource");
        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("influxdb");
        assertThat(variable(dashboard, "application").path("query").asText()).contains("SHOW TAG VALUES");

        JsonNode panels = dashboard.path("panels");
        assertThat(panels.size()).isGreaterThanOrEqualTo(8);
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id: %s", title).isTrue();
            assertThat(panel.path("type").asText()).as(title).isIn("timeseries", "stat", "gauge", "table");
            assertThat(panel.path("gridPos").path("w").asInt()).as(title).isBetween(1, 24);
            assertThat(panel.path("gridPos").path("h").asInt()).as(title).isPositive();
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
            assertThat(panel.path("targets").size()).as(title).isPositive();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(refIds.add(target.path("refId").asText())).as("unique refId in %s", title).isTrue();
                assertThat(target.path("rawQuery").asBoolean()).as(title).isTrue();
                assertThat(target.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
            }
        }
        assertThat(GrafanaDashboard.queries(dashboard)).extracting(GrafanaDashboard.Query::panel)
                .anyMatch(t -> t.contains("p95 per label")).anyMatch(t -> t.contains("Errors"))
                .anyMatch(t -> t.contains("Fan-out completeness")).anyMatch(t -> t.contains("Streams open"))
                .anyMatch(t -> t.contains("heap"));
    }

    @Test
    void everyQueryNamesMeasurementsFieldsAndTagsTheListenerWrites() throws Exception {
        JsonNode dashboard = GrafanaDashboard.read();
        Map<String, Set<String>> fields = GrafanaDashboard.fieldsByMeasurement();
        List<GrafanaDashboard.Query> queries = GrafanaDashboard.queries(dashboard);
        dashboard.path("annotations").path("list").forEach(a ->
                queries.add(new GrafanaDashboard.Query("annotation " + a.path("name").asText(), "-",
                        a.path("query").asText())));

        Set<String> measurementsUsed = new HashSet<>();
        for (GrafanaDashboard.Query q : queries) {
            String where = q.panel() + "/" + q.refId() + ": " + q.influxql();
            Matcher from = FROM.matcher(q.influxql());
            assertThat(from.find()).as(where).isTrue();
            String measurement = from.group(1);
            measurementsUsed.add(measurement);
            assertThat(fields).as(where).containsKey(measurement);
            assertThat(q.influxql()).as("time filter and scenario: " + where)
                    .contains("$timeFilter").contains("\"application\" =~ /^$application$/");
            for (String field : all(FIELD, q.influxql())) {
                assertThat(fields.get(measurement)).as("field %s in %s", field, where).contains(field);
            }
            for (String tag : all(TAG, q.influxql())) {
                assertThat(GrafanaDashboard.tagsOf(measurement)).as("tag %s in %s", tag, where).contains(tag);
            }
            Matcher group = GROUP_TAG.matcher(q.influxql());
            if (group.find()) {
                for (String tag : group.group(1).replace("\"", "").split(", ")) {
                    if (!tag.isBlank()) {
                        assertThat(GrafanaDashboard.tagsOf(measurement)).as("group tag %s in %s", tag, where)
                                .contains(tag.trim());
                    }
                }
            }
        }
        assertThat(measurementsUsed).contains("jmeter", EnginePoints.LEDGER_MEASUREMENT, EnginePoints.JVM_MEASUREMENT);
    }

    @Test
    void theLatencyPanelsIncludeTheE2eLabels() throws Exception {
        List<GrafanaDashboard.Query> queries = GrafanaDashboard.queries(GrafanaDashboard.read());

        // the per-label panel excludes only JMeter's own aggregate rows, so every e2e_* label shows
        assertThat(queries).filteredOn(q -> q.panel().contains("p95 per label")).singleElement()
                .satisfies(q -> assertThat(q.influxql()).contains("\"transaction\" !~ /^(all|internal)$/")
                        .doesNotContain("e2e"));
        assertThat(queries).anyMatch(q -> q.influxql().contains("'e2e_full_latency'"))
                .anyMatch(q -> q.influxql().contains("'e2e_fanout_complete'"));
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no dashboard variable " + name);
    }

    private static List<String> all(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
