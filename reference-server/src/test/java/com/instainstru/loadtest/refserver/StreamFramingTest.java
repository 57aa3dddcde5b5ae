package com.instainstru.loadtest.refserver;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bytes of the stream: headers, chunking, CRLF framing, connected, ping comments, heartbeat. */
class StreamFramingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static ReferenceServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withRateLimits(false)
                .withPingInterval(Duration.ofMillis(300)).withHeartbeatIdle(Duration.ofMillis(700)));
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void headersAreExactlyTheBackendsAndTheBodyIsChunked() throws IOException {
        try (RawStream s = RawStream.openBearer(server.port(), api.login("sarah.chen@example.com"))) {
            assertThat(s.status).isEqualTo(200);
            assertThat(s.headerBlock).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(s.headers.get("content-type")).containsExactly("text/event-stream");
            assertThat(s.headers.get("cache-control")).containsExactly("no-cache, no-store, must-revalidate");
            assertThat(s.headers.get("x-accel-buffering")).containsExactly("no");
            assertThat(s.headers.get("transfer-encoding")).containsExactly("chunked");
            assertThat(s.headers).doesNotContainKey("content-length");
        }
    }

    @Test
    void connectedComesFirstInOneChunkWithCrlfFraming() throws IOException {
        try (RawStream s = RawStream.openBearer(server.port(), api.login("sarah.chen@example.com"))) {
            String chunk = s.nextChunk(WAIT);
            assertThat(chunk).matches("event: connected\r\ndata: \\{\"user_id\": \"" + SeedData.SARAH_ID
                    + "\", \"status\": \"connected\", \"timestamp\": \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00\"}\r\n\r\n");
        }
    }

    @Test
    void pingCommentsAndHeartbeatsKeepTheStreamAlive() throws IOException {
        try (RawStream s = RawStream.openBearer(server.port(), api.login("emma.johnson@example.com"))) {
            List<String> chunks = new ArrayList<>();
            for (int i = 0; i < 12 && chunks.stream().noneMatch(c -> c.startsWith("event: heartbeat")); i++) {
                chunks.add(s.nextChunk(WAIT));
            }
            assertThat(chunks.get(0)).startsWith("event: connected\r\n");
            assertThat(chunks).anySatisfy(c -> assertThat(c).matches(
                    ": ping - \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00\r\n\r\n"));
            String heartbeat = chunks.stream().filter(c -> c.startsWith("event: heartbeat")).findFirst().orElseThrow();
            assertThat(heartbeat).matches("event: heartbeat\r\ndata: \\{\"type\": \"heartbeat\", \"timestamp\": \"[^\"]+\"}\r\n\r\n");
            assertThat(String.join("", chunks)).doesNotContain("retry:").doesNotContain("id:");
        }
    }

    @Test
    void everyEventIsOneChunkAndOnlyNewMessageCarriesAnId() throws IOException {
        String sarah = api.login("sarah.chen@example.com");
        try (RawStream s = RawStream.openBearer(server.port(), sarah)) {
            assertThat(s.nextEvent(WAIT).event()).isEqualTo("connected");
            assertThat(api.sendMessage(sarah, SeedData.CONVERSATION_ID, "framing check").statusCode()).isEqualTo(200);
            String chunk;
            do {
                chunk = s.nextChunk(WAIT);
            } while (chunk.startsWith(":") || chunk.startsWith("event: heartbeat"));
            String[] lines = chunk.split("\r\n", -1);
            assertThat(lines).hasSize(5);
            assertThat(lines[0]).matches("id: [0-9A-HJKMNP-TV-Z]{26}");
            assertThat(lines[1]).isEqualTo("event: new_message");
            assertThat(lines[2]).startsWith("data: {\"message\": {");
            assertThat(lines[3]).isEmpty();
            assertThat(lines[4]).isEmpty();
            assertThat(chunk.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        }
    }

    @Test
    void streamAuthOrderIsSseTokenThenBearerThenCookie() throws IOException {
        String emma = api.login("emma.johnson@example.com");
        String sseToken = Api.json(api.postJson("/api/v1/sse/token", emma, "{}")).path("token").asText();
        try (RawStream s = RawStream.open(server.port(), "/api/v1/messages/stream?sse_token=" + sseToken,
                Map.of("Authorization", "Bearer " + api.login("sarah.chen@example.com")))) {
            JsonNode connected = Api.json(s.nextEvent(WAIT).data());
            assertThat(connected.path("user_id").asText()).isEqualTo(SeedData.EMMA_ID);
        }
        // One-time: the same sse_token is refused the second time.
        try (RawStream again = RawStream.open(server.port(), "/api/v1/messages/stream?sse_token=" + sseToken, Map.of())) {
            assertThat(again.status).isEqualTo(401);
        }
        try (RawStream cookie = RawStream.open(server.port(), "/api/v1/messages/stream", Map.of("Cookie", "sid_preview=" + emma))) {
            assertThat(cookie.status).isEqualTo(200);
            assertThat(Api.json(cookie.nextEvent(WAIT).data()).path("user_id").asText()).isEqualTo(SeedData.EMMA_ID);
        }
    }

    @Test
    void errorsBeforeTheStreamAreJson() throws IOException {
        try (RawStream s = RawStream.open(server.port(), "/api/v1/messages/stream", Map.of())) {
            assertThat(s.status).isEqualTo(401);
            assertThat(s.header("content-type")).isEqualTo("application/problem+json");
            assertThat(Api.json(s.body()).path("code").asText()).isEqualTo("AUTH_NOT_AUTHENTICATED");
        }
        try (RawStream s = RawStream.openBearer(server.port(), api.login("no.messaging@example.com"))) {
            assertThat(s.status).isEqualTo(403);
            assertThat(Api.json(s.body()).path("code").asText()).isEqualTo("PERMISSION_DENIED");
        }
    }

    @Test
    void closingTheServerEndsOpenStreams() throws IOException {
        try (ReferenceServer own = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0));
             RawStream s = RawStream.openBearer(own.port(), new Api(own).login("sarah.chen@example.com"))) {
            assertThat(s.nextEvent(WAIT).event()).isEqualTo("connected");
            assertThat(own.stats().openStreams()).isEqualTo(1);
            assertThat(own.baseUrl()).isEqualTo("http://127.0.0.1:" + own.port());
            own.close();
            assertThat(s.nextFrame(WAIT)).isNull();
            assertThat(s.ended()).isTrue();
            own.close(); // idempotent
        }
    }

    @Test
    void quietStreamTimesOutInTheTestClientRatherThanHanging() throws IOException {
        // Guard for the helper itself: silence is reported as a timeout, not as end of stream.
        ReferenceServerConfig slow = ReferenceServerConfig.defaults().withPort(0).withPingInterval(Duration.ofSeconds(60))
                .withHeartbeatIdle(Duration.ofSeconds(60));
        try (ReferenceServer own = ReferenceServer.start(slow);
             RawStream s = RawStream.openBearer(own.port(), new Api(own).login("sarah.chen@example.com"))) {
            assertThat(s.nextEvent(WAIT).event()).isEqualTo("connected");
            assertThatThrownBy(() -> s.nextFrame(Duration.ofMillis(300))).isInstanceOf(SocketTimeoutException.class);
        }
    }
}
