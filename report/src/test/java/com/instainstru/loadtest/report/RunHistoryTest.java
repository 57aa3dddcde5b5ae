package com.instainstru.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {

    @TempDir
    Path tmp;

    static RunStats sample(double p95) {
        return ThresholdsTest.run(ThresholdsTest.row("send_message", 100, 1, 50, p95));
    }

    @Test
    void keepsTheLast100RunsOldestFirst() throws IOException {
        Path file = tmp.resolve("results/load_test_history.json");
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
        for (int i = 0; i < 105; i++) {
            RunHistory.load(file).append(sample(i), "run" + i, "s0_smoke", t.plusMinutes(i));
        }
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.size()).isEqualTo(100);
        assertThat(json.get(0).get("label").asText()).isEqualTo("run5");
        assertThat(json.get(99).get("label").asText()).isEqualTo("run104");
        JsonNode e = json.get(99);
        assertThat(e.get("scenario").asText()).isEqualTo("s0_smoke");
        assertThat(e.get("timestamp").asText()).isEqualTo("2026-01-01T01:44");
        JsonNode send = e.get("endpoints").get("send_message");
        assertThat(send.get("requests").asLong()).isEqualTo(100);
        assertThat(send.get("failures").asLong()).isEqualTo(1);
        assertThat(send.get("p95").asDouble()).isEqualTo(104.0);
        assertThat(send.has("p50") && send.has("p99") && send.has("avg") && send.has("rps")).isTrue();
        assertThat(Files.list(file.getParent())).hasSize(1); // no temp files left behind
    }

    @Test
    void oldLocustHistoryEntriesAreKeptAndComparable() throws IOException {
        Path file = tmp.resolve("h.json");
        Files.copy(Path.of("src/test/resources/locust/load_test_history.json"), file);
        RunHistory h = RunHistory.load(file);
        JsonNode previous = h.last().orElseThrow();
        h.append(sample(300), "now", "s0_smoke", LocalDateTime.of(2026, 1, 1, 0, 0));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get(0).get("label").asText()).isEqualTo("s0_smoke_20241207_143052");
        String table = HistoryComparison.render(previous, json.get(1));
        assertThat(table).contains("send_message p95 ms").contains("200").contains("300").contains("+50.0%")
                .contains("↑ worse");
        assertThat(table).containsPattern("failure_rate %\\s+0\\s+1\\s+\\+1.00 pt ↑ worse");
    }

    @Test
    void corruptHistoryIsAnError() throws IOException {
        Path file = tmp.resolve("h.json");
        Files.writeString(file, "{\"not\": \"an array\"}");
        assertThatThrownBy(() -> RunHistory.load(file)).isInstanceOf(ResultsInputException.class)
                .hasMessageContaining("must be a JSON array");
        Files.writeString(file, "[{");
        assertThatThrownBy(() -> RunHistory.load(file)).hasMessageContaining("not valid JSON");
    }

    @Test
    void lastOfPicksTheNewestEntryOfTheSameScenarioAndStep() throws IOException {
        Path file = tmp.resolve("history.json");
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
        RunHistory.load(file).append(sample(1), "a", "s0_smoke", t);
        RunHistory.load(file).append(sample(2), "b", "s1_capacity", "100_users", t.plusMinutes(1));
        RunHistory.load(file).append(sample(3), "c", "s1_capacity", "200_users", t.plusMinutes(2));
        RunHistory.load(file).append(sample(4), "d", "s2_throughput", "hold_10s", t.plusMinutes(3));
        RunHistory h = RunHistory.load(file);
        assertThat(h.lastOf("s0_smoke", "")).map(e -> e.get("label").asText()).contains("a");
        assertThat(h.lastOf("s1_capacity", "100_users")).map(e -> e.get("label").asText()).contains("b");
        assertThat(h.lastOf("s1_capacity", "300_users")).isEmpty();
        assertThat(h.lastOf("s3_burst", "")).isEmpty();
    }
}
