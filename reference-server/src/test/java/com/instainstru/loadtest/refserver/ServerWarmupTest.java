package com.instainstru.loadtest.refserver;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up warm-up runs its messages and leaves nothing behind that a client or a counter could see. */
class ServerWarmupTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void warmsUpPrivatelyThenServesAsUsual() throws IOException {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0)
                .withRateLimits(false).withWarmupMessages(200))) {
            ServerStats stats = server.stats();
            assertThat(stats.warmupMessages()).isEqualTo(200);
            assertThat(stats.messagesSent()).isZero();
            assertThat(stats.deliveries()).isZero();
            assertThat(stats.requests()).isZero();
            assertThat(stats.streamsOpened()).isZero();
            assertThat(stats.openStreams()).isZero();

            Api api = new Api(server);
            String sarah = api.login("sarah.chen@example.com");
            String emma = api.login("emma.johnson@example.com");
            // A stream resuming from the oldest possible id would be replayed any warm-up message kept in the log.
            try (RawStream s = RawStream.open(server.port(), "/api/v1/messages/stream",
                    Map.of("Authorization", "Bearer " + emma, "Last-Event-ID", "00000000000000000000000000"))) {
                assertThat(s.nextEvent(WAIT).event()).isEqualTo("connected");
                HttpResponse<String> sent = api.sendMessage(sarah, SeedData.CONVERSATION_ID, "after warm-up");
                assertThat(sent.statusCode()).isEqualTo(200);
                RawStream.Frame first = s.nextEvent(WAIT);
                assertThat(first.id()).isEqualTo(Api.json(sent).path("id").asText());
                assertThat(first.raw()).contains("after warm-up").doesNotContain("warmup-");
            }
            assertThat(stats.messagesSent()).isEqualTo(1);
        }
    }

    @Test
    void isOffByDefaultInTheLibrary() {
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0))) {
            assertThat(server.stats().warmupMessages()).isZero();
        }
    }
}
