package com.instainstru.loadtest.refserver;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.instainstru.loadtest.refserver.AuthAndApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each fault knob, observed on the wire. */
class FaultInjectionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(400);
    private static final String CONV = SeedData.CONVERSATION_ID;
    private static ReferenceServer server;
    private static Api api;
    private static String sarah;
    private static String emma;

    @BeforeAll
    static void start() {
        server = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withRateLimits(false).withRandomSeed(1234));
        api = new Api(server);
        sarah = api.login("sarah.chen@example.com");
        emma = api.login("emma.johnson@example.com");
    }

    @AfterEach
    void resetFaults() {
        server.faults().reset();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawStream connectedStream(String token) throws IOException {
        RawStream s = RawStream.openBearer(server.port(), token);
        assertThat(s.nextEvent(WAIT).event()).isEqualTo("connected");
        return s;
    }

    private static List<String> send(int count, String prefix) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> r = api.sendMessage(sarah, CONV, prefix + i);
            assertThat(r.statusCode()).isEqualTo(200);
            ids.add(Api.json(r).path("id").asText());
        }
        return ids;
    }

    @Test
    void dropFractionLosesSomeDeliveriesReproducibly() throws IOException {
        server.faults().setDropFraction(0.5);
        try (RawStream s = connectedStream(emma)) {
            List<String> sent = send(40, "drop-");
            List<RawStream.Frame> got = s.eventsUntilQuiet(QUIET, 100);
            assertThat(got).hasSizeBetween(5, 35);
            assertThat(sent).containsAll(got.stream().map(RawStream.Frame::id).toList());
            assertThat(server.stats().droppedDeliveries()).isGreaterThanOrEqualTo(40 - got.size());
        }
        server.faults().setDropFraction(1.0);
        try (RawStream s = connectedStream(emma)) {
            send(3, "drop-all-");
            assertThat(s.eventsUntilQuiet(QUIET, 10)).isEmpty();
        }
    }

    @Test
    void duplicateFractionDeliversTwice() throws IOException {
        server.faults().setDuplicateFraction(1.0);
        try (RawStream s = connectedStream(emma)) {
            String id = send(1, "dup-").get(0);
            List<RawStream.Frame> got = s.eventsUntilQuiet(QUIET, 10);
            assertThat(got).extracting(RawStream.Frame::id).containsExactly(id, id);
            assertThat(got.get(0).raw()).isEqualTo(got.get(1).raw());
        }
    }

    @Test
    void publishDelayHoldsBackPublishAndResponse() throws IOException {
        server.faults().setPublishDelayMillis(400);
        try (RawStream s = connectedStream(emma)) {
            long start = System.nanoTime();
            String id = send(1, "delayed-").get(0);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(390));
            assertThat(s.nextEvent(WAIT).id()).isEqualTo(id);
        }
    }

    @Test
    void closeAfterEventsEndsTheStream() throws IOException {
        server.faults().setCloseAfterEvents(2); // connected + one message
        try (RawStream s = connectedStream(emma)) {
            String id = send(1, "close-").get(0);
            assertThat(s.nextEvent(WAIT).id()).isEqualTo(id);
            assertThat(s.nextFrame(WAIT)).isNull();
            assertThat(s.ended()).isTrue();
        }
    }

    @Test
    void closeAfterSecondsEndsTheStream() throws IOException {
        server.faults().setCloseAfterSeconds(0.3);
        try (RawStream s = connectedStream(emma)) {
            long start = System.nanoTime();
            assertThat(s.eventsUntilQuiet(WAIT, 10)).isEmpty();
            assertThat(s.ended()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void errorFractionAnswersAnyRequestWithTheStatus() throws IOException {
        server.faults().setErrorFraction(1.0, 503);
        assertProblem(api.get("/api/v1/health", null), 503, "INJECTED_FAULT");
        assertProblem(api.get("/api/v1/auth/me", sarah), 503, "INJECTED_FAULT");
        try (RawStream s = RawStream.openBearer(server.port(), emma)) {
            assertThat(s.status).isEqualTo(503);
            assertThat(Api.json(s.body()).path("code").asText()).isEqualTo("INJECTED_FAULT");
        }
        server.faults().setErrorFraction(0.5, 502);
        Set<Integer> statuses = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(api.get("/api/v1/health", null).statusCode());
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 502);
    }

    @Test
    void stalledStreamSendsHeadersThenNothing() throws IOException {
        try (ReferenceServer fast = ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withRateLimits(false)
                .withPingInterval(Duration.ofMillis(100)).withHeartbeatIdle(Duration.ofMillis(200)))) {
            fast.faults().setStallFraction(1.0);
            Api fastApi = new Api(fast);
            String token = fastApi.login("emma.johnson@example.com");
            try (RawStream s = RawStream.openBearer(fast.port(), token)) {
                assertThat(s.status).isEqualTo(200);
                assertThat(fastApi.sendMessage(fastApi.login("sarah.chen@example.com"), CONV, "to a stalled stream").statusCode())
                        .isEqualTo(200);
                assertThatThrownBy(() -> s.nextChunk(Duration.ofMillis(800))).isInstanceOf(SocketTimeoutException.class);
                assertThat(fast.stats().stalledStreams()).isEqualTo(1);
                assertThat(fast.stats().openStreams()).isEqualTo(1);
            }
        }
    }

    @Test
    void malformedFractionSendsAFrameWhoseDataIsNotJson() throws IOException {
        server.faults().setMalformedFraction(1.0);
        try (RawStream s = connectedStream(emma)) {
            String id = send(1, "malformed-").get(0);
            RawStream.Frame f = s.nextEvent(WAIT);
            assertThat(f.id()).isEqualTo(id);
            assertThat(f.event()).isEqualTo("new_message");
            assertThatThrownBy(() -> Api.JSON.readTree(f.data())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void subscribeGapLosesMessagesPublishedRightAfterConnected() throws IOException {
        server.faults().setSubscribeGapMillis(1500);
        try (RawStream s = connectedStream(emma)) {
            send(1, "in-the-gap-");
            assertThat(s.eventsUntilQuiet(QUIET, 10)).isEmpty();
            long waitUntil = System.nanoTime() + Duration.ofMillis(1600).toNanos();
            while (System.nanoTime() < waitUntil) {
                s.eventsUntilQuiet(Duration.ofMillis(100), 10);
            }
            String after = send(1, "after-the-gap-").get(0);
            assertThat(s.nextEvent(WAIT).id()).isEqualTo(after);
            assertThat(server.stats().gapMissedDeliveries()).isGreaterThanOrEqualTo(1);
        }
    }
}
