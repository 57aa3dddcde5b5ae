package com.instainstru.loadtest.sse;

import static com.instainstru.loadtest.sse.StreamLifecycleTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Behaviour under an enabled {@link ReconnectPolicy}. */
@Timeout(60)
@ParameterizedClass
@EnumSource(Transport.class)
class ReconnectTest {

    private static final String CONNECTED = "event: connected\r\ndata: {}\r\n\r\n";

    @Parameter
    Transport transport;

    private SseConnector connector;
    private final List<String> reconnects = new CopyOnWriteArrayList<>();
    private final List<Long> gaps = new CopyOnWriteArrayList<>();
    private final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private final List<String> outages = new CopyOnWriteArrayList<>();
    private final SseEventListener recording = new SseEventListener() {
        @Override
        public void onEvent(SseStream s, SseEvent e) {
        }

        @Override
        public void onReconnecting(SseStream s, CloseReason cause) {
            outages.add(cause.kind() + " then " + reconnects.size() + " reconnect(s), state " + s.state());
        }

        @Override
        public void onReconnected(SseStream s, long gapMillis, int attempt) {
            reconnects.add("attempt " + attempt + " state " + s.state());
            gaps.add(gapMillis);
        }

        @Override
        public void onClosed(SseStream s, CloseReason r) {
            closes.add(r);
        }
    };

    @BeforeEach
    void setUp() {
        connector = transport.connector();
    }

    @AfterEach
    void tearDown() {
        connector.close();
    }

    private static ScriptedServer.Script status(int code, String reason, String json) {
        return ex -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            ex.write("HTTP/1.1 " + code + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n" + json);
        };
    }

    @Test
    void reconnectsWithLastEventIdHonoursRetryAndCounts() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.silent())) {
            server.enqueue(ScriptedServer.eventsThenEnd(CONNECTED, "retry: 200\r\n\r\n",
                    "id: 01A\r\nevent: new_message\r\ndata: first\r\n\r\n"));
            server.enqueue(ScriptedServer.eventsThenHold(CONNECTED, "data: second\r\n\r\n"));
            // a base delay of 20 s would time the test out: only the server's retry: 200 makes it pass quickly
            ReconnectPolicy policy = ReconnectPolicy.enabled(Duration.ofSeconds(20), Duration.ofSeconds(30), 3,
                    true, true);
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).lastEventId("00Z")
                    .reconnectPolicy(policy).build(), "re", recording);
            assertThat(server.takeRequest().header("Last-Event-ID")).isEqualTo("00Z");
            ScriptedServer.Exchange second = server.takeRequest();
            assertThat(second.header("Last-Event-ID")).isEqualTo("01A");
            waitUntil(() -> stream.eventsReceived() == 4);
            assertThat(stream.reconnectCount()).isEqualTo(1);
            assertThat(stream.lastReconnectGapMillis()).isBetween(150L, 10_000L);
            assertThat(reconnects).containsExactly("attempt 1 state OPEN");
            assertThat(outages).as("one outage, told before its reconnect, with the drop's reason")
                    .containsExactly("SERVER_EOF then 0 reconnect(s), state RECONNECTING");
            assertThat(stream.state()).isEqualTo(StreamState.OPEN);
            assertThat(stream.isOpen()).isTrue();
            assertThat(List.of(stream.poll(Duration.ZERO), stream.poll(Duration.ZERO), stream.poll(Duration.ZERO),
                    stream.poll(Duration.ZERO))).extracting(SseEvent::data)
                    .containsExactly("{}", "first", "{}", "second");
            assertThat(stream.openResult().status()).isEqualTo(200);
            stream.close();
            waitUntil(() -> closes.size() == 1);
            assertThat(closes).containsExactly(new CloseReason(CloseReason.Kind.CLIENT_CLOSED, ""));
        }
    }

    @Test
    void everyOutageStartsAtTheBaseDelayHoweverShortTheConnection() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.eventsThenHold(CONNECTED))) {
            server.enqueue(ScriptedServer.eventsThenEnd(CONNECTED));
            server.enqueue(status(503, "Service Unavailable", "{}")); // outage 1 needs a second attempt
            server.enqueue(ScriptedServer.eventsThenEnd(CONNECTED)); // short-lived: outage 2 follows at once
            server.enqueue(ScriptedServer.eventsThenEnd(CONNECTED)); // outage 3
            ReconnectPolicy policy = ReconnectPolicy.enabled(Duration.ofMillis(500), Duration.ofSeconds(30), 5,
                    true, true);
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).reconnectPolicy(policy).build(),
                    "outages", recording);
            waitLonger(() -> stream.reconnectCount() == 3, Duration.ofSeconds(30));
            assertThat(reconnects).containsExactly("attempt 2 state OPEN", "attempt 1 state OPEN",
                    "attempt 1 state OPEN");
            // outage 1: 500 + 1000 ms. Outages 2 and 3 wait 500 ms each; a backoff carried over would wait 2 and 4 s
            assertThat(gaps.get(0)).as("gap of outage 1").isBetween(1_400L, 10_000L);
            assertThat(gaps.get(1)).as("gap of outage 2").isBetween(450L, 1_500L);
            assertThat(gaps.get(2)).as("gap of outage 3").isBetween(450L, 1_500L);
            assertThat(stream.lastReconnectGapMillis()).as("the last outage's gap is the one reported")
                    .isEqualTo(gaps.get(2));
            stream.close();
        }
    }

    private static void waitLonger(java.util.function.BooleanSupplier condition, Duration max)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + max);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void retryFieldIgnoredAndNoResumeWhenThePolicySaysSo() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.silent())) {
            server.enqueue(ScriptedServer.eventsThenEnd(CONNECTED, "retry: 60000\r\nid: 9\r\ndata: x\r\n\r\n"));
            server.enqueue(ScriptedServer.eventsThenHold(CONNECTED));
            ReconnectPolicy policy = ReconnectPolicy.enabled(Duration.ofMillis(100), Duration.ofMillis(100), 1,
                    false, false);
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).lastEventId("start")
                    .reconnectPolicy(policy).build(), "noresume", recording);
            assertThat(server.takeRequest().header("Last-Event-ID")).isEqualTo("start");
            assertThat(server.takeRequest().header("Last-Event-ID")).isNull();
            waitUntil(() -> stream.reconnectCount() == 1);
            assertThat(stream.lastReconnectGapMillis()).isLessThan(30_000);
            stream.close();
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastHttpError() throws Exception {
        try (ScriptedServer server = new ScriptedServer(status(503, "Service Unavailable",
                "{\"detail\": \"Database check timed out\", \"code\": \"DB_SLOW\"}"))) {
            server.enqueue(ScriptedServer.eventsThenEnd(CONNECTED));
            ReconnectPolicy policy = ReconnectPolicy.enabled(Duration.ofMillis(10), Duration.ofMillis(40), 2,
                    true, true);
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).reconnectPolicy(policy).build(),
                    "giveup", recording);
            waitUntil(() -> !stream.isOpen());
            assertThat(stream.closeReason()).isEqualTo(new CloseReason(CloseReason.Kind.HTTP_ERROR,
                    "HTTP 503 Service Unavailable: Database check timed out (code DB_SLOW)"));
            assertThat(server.requestCount()).isEqualTo(3); // the open + 2 attempts
            assertThat(stream.reconnectCount()).isZero();
            waitUntil(() -> closes.size() == 1);
            assertThat(closes.get(0).kind()).isEqualTo(CloseReason.Kind.HTTP_ERROR);
        }
    }

    @Test
    void unauthorizedOnReconnectEndsAtOnce() throws Exception {
        try (ScriptedServer server = new ScriptedServer(status(401, "Unauthorized",
                "{\"detail\": \"Token expired\", \"code\": \"AUTH_TOKEN_EXPIRED\"}"))) {
            server.enqueue(ScriptedServer.eventsThenEnd(CONNECTED));
            ReconnectPolicy policy = ReconnectPolicy.enabled(Duration.ofMillis(10), Duration.ofMillis(10), 5,
                    true, true);
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).reconnectPolicy(policy).build(),
                    "expired", recording);
            waitUntil(() -> !stream.isOpen());
            assertThat(stream.closeReason()).isEqualTo(new CloseReason(CloseReason.Kind.HTTP_ERROR,
                    "HTTP 401 Unauthorized: Token expired (code AUTH_TOKEN_EXPIRED)"));
            assertThat(server.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void initialFailureIsThrownNotRetried() throws Exception {
        try (ScriptedServer server = new ScriptedServer(status(503, "Service Unavailable", "{}"))) {
            ReconnectPolicy policy = ReconnectPolicy.enabled(Duration.ofMillis(10), Duration.ofMillis(10), 5,
                    true, true);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.open(
                    SseRequest.builder(server.uri("/s")).reconnectPolicy(policy).build(), "first", recording))
                    .isInstanceOf(SseHttpException.class).hasMessage("HTTP 503 Service Unavailable: {}");
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(closes).isEmpty();
        }
    }

    @Test
    void closeDuringTheReconnectDelayEndsPromptly() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.silent())) {
            server.enqueue(ScriptedServer.eventsThenEnd(CONNECTED));
            ReconnectPolicy policy = ReconnectPolicy.enabled(Duration.ofSeconds(30), Duration.ofSeconds(30), 3,
                    true, true);
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).reconnectPolicy(policy).build(),
                    "delay", recording);
            waitUntil(() -> stream.state() == StreamState.RECONNECTING);
            long start = System.nanoTime();
            stream.close();
            transport.assertReaderEnded(stream);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(stream.closeReason().kind()).isEqualTo(CloseReason.Kind.CLIENT_CLOSED);
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }
}
