package com.instainstru.loadtest.refserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * --generic-sse: a target that is not InstaInstru-shaped (issue 10), differing in five ways: the token in the
 * login body, send answers 201, event ids {@code <millis>:<seq>}, no {@code connected} greeting, and a stream
 * body delimited by the connection's close.
 */
class GenericSseModeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static ReferenceServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withRateLimits(false)
                .withGenericSse(true).withPingInterval(Duration.ofSeconds(30)));
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void loginBodyCarriesTheToken() throws IOException {
        HttpResponse<String> r = api.loginResponse("sarah.chen@example.com", SeedData.DEFAULT_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Api.JSON.readTree(r.body()).path("access_token").asText()).isNotBlank();
    }

    @Test
    void streamHasNoGreetingNoChunkingAndTimeSeqIdsAndSendAnswers201() throws IOException {
        String sarah = api.login("sarah.chen@example.com");
        String emma = api.login("emma.johnson@example.com");
        String firstId;
        try (RawStream s = RawStream.openBearer(server.port(), emma)) {
            assertThat(s.status).isEqualTo(200);
            assertThat(s.headers).doesNotContainKey("transfer-encoding").doesNotContainKey("content-length");
            assertThat(s.header("connection")).isEqualTo("close");
            HttpResponse<String> sent = api.sendMessage(sarah, SeedData.CONVERSATION_ID, "generic one");
            assertThat(sent.statusCode()).isEqualTo(201);
            String messageId = Api.JSON.readTree(sent.body()).path("id").asText();
            String event = s.nextUnchunkedEvent(WAIT);
            assertThat(event).as("the first event is the message: no 'connected' greeting")
                    .startsWith("id: ").contains("\r\nevent: new_message\r\n").contains("generic one");
            firstId = event.substring(4, event.indexOf("\r\n"));
            assertThat(firstId).matches("\\d{13}:\\d+").isNotEqualTo(messageId);
            assertThat(api.sendMessage(sarah, SeedData.CONVERSATION_ID, "generic two").statusCode()).isEqualTo(201);
            assertThat(s.nextUnchunkedEvent(WAIT)).contains("generic two");
        }
        try (RawStream replay = RawStream.open(server.port(), "/api/v1/messages/stream",
                Map.of("Authorization", "Bearer " + emma, "Last-Event-ID", firstId))) {
            String event = replay.nextUnchunkedEvent(WAIT);
            assertThat(event).as("replay after a time:seq id gives only what came after it")
                    .contains("generic two").doesNotContain("generic one");
        }
    }
}
