package com.instainstru.loadtest.refserver;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.instainstru.loadtest.refserver.AuthAndApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Sending: validation, and fan-out of each message to every open stream of every participant. */
class FanoutTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CONV = SeedData.CONVERSATION_ID;
    private static ReferenceServer server;
    private static Api api;
    private static String sarah;
    private static String emma;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withRateLimits(false));
        api = new Api(server);
        sarah = api.login("sarah.chen@example.com");
        emma = api.login("emma.johnson@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyStreamOfBothParticipantsGetsItsOwnCopyWithIsMine() throws IOException {
        List<RawStream> sarahStreams = new ArrayList<>();
        List<RawStream> emmaStreams = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                sarahStreams.add(RawStream.openBearer(server.port(), sarah));
                emmaStreams.add(RawStream.openBearer(server.port(), emma));
            }
            for (RawStream s : concat(sarahStreams, emmaStreams)) {
                assertThat(s.nextEvent(WAIT).event()).isEqualTo("connected");
            }
            long before = server.stats().deliveries();
            HttpResponse<String> sent = api.postJson("/api/v1/conversations/" + CONV + "/messages", sarah,
                    "{\"content\": \"hello \\u00e9 \\\"quoted\\\"\", \"booking_id\": \"" + SeedData.BOOKING_ID + "\"}");
            assertThat(sent.statusCode()).isEqualTo(200);
            JsonNode answer = Api.json(sent);
            assertThat(Api.fieldNames(answer)).containsExactly("id", "created_at");
            String id = answer.path("id").asText();
            assertThat(Ulid.isValid(id)).isTrue();

            for (RawStream s : concat(sarahStreams, emmaStreams)) {
                RawStream.Frame f = s.nextEvent(WAIT);
                assertThat(f.event()).isEqualTo("new_message");
                assertThat(f.id()).isEqualTo(id);
                boolean mine = sarahStreams.contains(s);
                assertThat(f.data()).isEqualTo("{\"message\": {\"id\": \"" + id + "\", \"content\": \"hello \\u00e9 \\\"quoted\\\"\", "
                        + "\"sender_id\": \"" + SeedData.SARAH_ID + "\", \"sender_name\": \"Sarah C.\", \"booking_id\": \""
                        + SeedData.BOOKING_ID + "\", \"created_at\": \"" + answer.path("created_at").asText() + "\", "
                        + "\"delivered_at\": null, \"edited_at\": null, \"reactions\": [], \"message_type\": \"user\"}, "
                        + "\"conversation_id\": \"" + CONV + "\", \"sender_id\": \"" + SeedData.SARAH_ID + "\", "
                        + "\"recipient_ids\": [\"" + SeedData.EMMA_ID + "\"], \"message_type\": \"user\", \"is_mine\": "
                        + mine + "}");
            }
            assertThat(server.stats().deliveries() - before).isEqualTo(4);
        } finally {
            for (RawStream s : concat(sarahStreams, emmaStreams)) {
                s.close();
            }
        }
    }

    @Test
    void sendValidation() {
        assertProblem(api.sendMessage(sarah, "not-a-ulid", "x"), 422, "VALIDATION_ERROR");
        assertProblem(api.sendMessage(sarah, CONV.toLowerCase(), "x"), 422, "VALIDATION_ERROR");
        assertProblem(api.sendMessage(sarah, CONV, ""), 422, "VALIDATION_ERROR");
        assertProblem(api.sendMessage(sarah, CONV, "   "), 422, "VALIDATION_ERROR");
        assertProblem(api.sendMessage(sarah, CONV, "x".repeat(1001)), 422, "VALIDATION_ERROR");
        assertThat(api.sendMessage(sarah, CONV, "x".repeat(1000)).statusCode()).isEqualTo(200);
        String path = "/api/v1/conversations/" + CONV + "/messages";
        assertProblem(api.postJson(path, sarah, "{not json"), 422, "VALIDATION_ERROR");
        assertProblem(api.postJson(path, sarah, "[]"), 422, "VALIDATION_ERROR");
        assertProblem(api.postJson(path, sarah, "{\"content\": 5}"), 422, "VALIDATION_ERROR");
        assertProblem(api.postJson(path, sarah, "{\"content\": \"x\", \"booking_id\": 7}"), 422, "VALIDATION_ERROR");
        assertProblem(api.sendMessage(sarah, "01JCZ0C0NVERSAT10N00000099", "x"), 404, "CONVERSATION_NOT_FOUND");
        assertProblem(api.sendMessage(api.login("no.messaging@example.com"), CONV, "x"), 404, "CONVERSATION_NOT_FOUND");
        assertProblem(api.sendMessage(null, CONV, "x"), 401, "AUTH_NOT_AUTHENTICATED");
    }

    @Test
    void lastEventIdReplaysUpTo100MissedMessagesBeforeConnected() throws IOException {
        String first = Api.json(api.sendMessage(sarah, CONV, "replay-0")).path("id").asText();
        List<String> later = new ArrayList<>();
        for (int i = 1; i <= 105; i++) {
            later.add(Api.json(api.sendMessage(i % 2 == 0 ? sarah : emma, CONV, "replay-" + i)).path("id").asText());
        }
        try (RawStream s = RawStream.open(server.port(), "/api/v1/messages/stream",
                Map.of("Authorization", "Bearer " + emma, "Last-Event-ID", first))) {
            List<RawStream.Frame> replayed = new ArrayList<>();
            RawStream.Frame f;
            while ((f = s.nextEvent(WAIT)).event().equals("new_message")) {
                replayed.add(f);
            }
            assertThat(f.event()).isEqualTo("connected");
            assertThat(replayed).hasSize(100);
            assertThat(replayed).extracting(RawStream.Frame::id).containsExactlyElementsOf(later.subList(0, 100));
            JsonNode one = Api.json(replayed.get(0).data());
            assertThat(Api.fieldNames(one)).containsExactly("message", "conversation_id", "message_type", "is_mine");
            assertThat(Api.fieldNames(one.path("message"))).doesNotContain("sender_name").contains("sender_id", "content");
            assertThat(one.path("is_mine").asBoolean()).isTrue(); // replay-1 was sent by emma
            assertThat(Api.json(replayed.get(1).data()).path("is_mine").asBoolean()).isFalse();
        }
    }

    private static List<RawStream> concat(List<RawStream> a, List<RawStream> b) {
        List<RawStream> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
