package com.instainstru.loadtest.jmeter.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The shipped dashboard ({@code config/grafana/loadtest-dashboard.json}) and what its queries may name: the
 * fields and tags the live-metrics listener really writes. Shared by the schema test and the InfluxDB test,
 * which runs every query against the points a real run wrote.
 */
public final class GrafanaDashboard {

    /** JMeter's InfluxDB client fields; pct* follow the plans' percentiles (50;95;99) as Float.toString gives. */
    static final Set<String> JMETER_FIELDS = Set.of("count", "countError", "avg", "min", "max", "hit", "sb", "rb",
            "pct50.0", "pct95.0", "pct99.0", "minAT", "maxAT", "meanAT", "startedT", "endedT");
    static final Set<String> JMETER_TAGS = Set.of("application", "transaction", "statut", "responseCode",
            "responseMessage", "engine");
    static final Set<String> ENGINE_TAGS = Set.of("application", "engine");

    public record Query(String panel, String refId, String influxql) {
    }

    private GrafanaDashboard() {
    }

    public static Path file() {
        Path file = Path.of("..", "config", "grafana", "loadtest-dashboard.json").toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("dashboard not found: " + file);
        }
        return file;
    }

    public static JsonNode read() throws IOException {
        return new ObjectMapper().readTree(file().toFile());
    }

    /** Fields each measurement has, as written by JMeter's client and {@link EnginePoints}. */
    static Map<String, Set<String>> fieldsByMeasurement() {
        return Map.of("jmeter", JMETER_FIELDS,
                EnginePoints.LEDGER_MEASUREMENT, Set.copyOf(EnginePoints.ledgerFields()),
                EnginePoints.JVM_MEASUREMENT, Set.copyOf(EnginePoints.JVM_FIELDS),
                "events", Set.of("text"));
    }

    static Set<String> tagsOf(String measurement) {
        return measurement.equals("jmeter") || measurement.equals("events")
                ? Set.of("application", "transaction", "statut", "responseCode", "responseMessage", "engine", "title",
                        "tags")
                : ENGINE_TAGS;
    }

    /** Every panel target's query. */
    public static List<Query> queries(JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(panel.path("title").asText(), target.path("refId").asText(),
                        target.path("query").asText()));
            }
        }
        return queries;
    }

    /** A query as Grafana sends it: the dashboard's variables and macros filled in. */
    public static String substituted(String influxql, String application, String window) {
        return influxql.replace("$timeFilter", "time > now() - " + window)
                .replace("$__interval", "5s")
                .replace("/^$application$/", "/^" + application + "$/")
                .replace("/^$engine$/", "/^.*$/");
    }
}
