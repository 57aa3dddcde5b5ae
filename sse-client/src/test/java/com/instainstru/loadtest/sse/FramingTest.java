package com.instainstru.loadtest.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** How byte streams become {@link SseEvent}s (okhttp-eventsource's parser plus our mapping). */
@Timeout(30)
@ParameterizedClass
@EnumSource(Transport.class)
class FramingTest {

    private MockWebServer server;
    @Parameter
    Transport transport;

    private SseConnector connector;

    @BeforeEach
    void setUp() throws Exception {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
        connector = transport.connector();
    }

    @AfterEach
    void tearDown() throws Exception {
        connector.close();
        server.shutdown();
    }

    private List<SseEvent> readAll(String body) throws Exception {
        return readAll(new Buffer().writeUtf8(body));
    }

    /** Serves {@code body} as a complete event-stream response and returns every event until the server EOF. */
    private List<SseEvent> readAll(Buffer body) throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream").setBody(body));
        try (SseStream stream = connector.open(request(), "framing", SseEventListener.NONE)) {
            List<SseEvent> events = new ArrayList<>();
            SseEvent e;
            while ((e = stream.poll(Duration.ofSeconds(10))) != null) {
                events.add(e);
            }
            assertThat(stream.closeReason().kind()).isEqualTo(CloseReason.Kind.SERVER_EOF);
            assertThat(stream.state()).isEqualTo(StreamState.CLOSED);
            return events;
        }
    }

    private int maxEventBytes = SseRequest.DEFAULT_MAX_EVENT_BYTES;

    private SseRequest request() {
        return SseRequest.builder(server.url("/api/v1/messages/stream").uri()).maxEventBytes(maxEventBytes).build();
    }

    /** A server that never ends its event: the stream fails at the limit, not the heap. */
    private void endlessEventFailsTheStream(String chunk, int limit) throws Exception {
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        try (ScriptedServer endless = new ScriptedServer(ScriptedServer.endless(chunk, written,
                "event: connected\r\ndata: {}\r\n\r\n", ": ping\r\n\r\n"))) {
            SseStream stream = connector.open(SseRequest.builder(endless.uri("/s")).maxEventBytes(limit).build(),
                    "endless", SseEventListener.NONE);
            StreamLifecycleTest.waitUntil(() -> !stream.isOpen());
            CloseReason reason = stream.closeReason();
            assertThat(reason.kind()).isEqualTo(CloseReason.Kind.EVENT_TOO_LARGE);
            assertThat(reason.toString()).startsWith("EVENT_TOO_LARGE: server sent an event of more than " + limit
                    + " bytes (seen ").endsWith(" without an end of event)");
            long seen = Long.parseLong(reason.message().replaceAll(".*\\(seen (\\d+) .*", "$1"));
            assertThat(seen).isGreaterThan(limit).isLessThan(2L * limit);
            // the client stopped reading near the limit: the heap held at most about that much of the event
            assertThat(stream.bytesReceived()).as("bytes the client read").isLessThan(2L * limit + 64 * 1024);
            assertThat(stream.poll(Duration.ZERO).eventName()).isEqualTo("connected");
            assertThat(stream.poll(Duration.ZERO).data()).isEqualTo("ping");
            assertThat(stream.poll(Duration.ZERO)).isNull();
            assertThat(written.get()).as("the server kept sending").isGreaterThan(limit);
        }
    }

    @Test
    void endlessDataLinesFailTheStreamAtTheDefaultLimit() throws Exception {
        endlessEventFailsTheStream("data: " + "x".repeat(1000) + "\r\n", SseRequest.DEFAULT_MAX_EVENT_BYTES);
    }

    @Test
    void oneEndlessLineFailsTheStreamAtTheLimit() throws Exception {
        endlessEventFailsTheStream("y".repeat(4096), 100_000);
    }

    @Test
    void backendFramingWithCrlfIdEventDataOrder() throws Exception {
        List<SseEvent> events = readAll(
                "event: connected\r\ndata: {\"user_id\": \"u1\", \"status\": \"connected\"}\r\n\r\n"
                + "id: 01HZX\r\nevent: new_message\r\ndata: {\"message\": {\"id\": \"01HZX\"}}\r\n\r\n");
        assertThat(events).extracting(SseEvent::kind, SseEvent::eventName, SseEvent::data, SseEvent::lastEventId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SseEvent.Kind.MESSAGE, "connected",
                                "{\"user_id\": \"u1\", \"status\": \"connected\"}", null),
                        org.assertj.core.groups.Tuple.tuple(SseEvent.Kind.MESSAGE, "new_message",
                                "{\"message\": {\"id\": \"01HZX\"}}", "01HZX"));
    }

    @Test
    void lfAndCrOnlyLineEndingsGiveTheSameEvents() throws Exception {
        List<SseEvent> lf = readAll("event: a\ndata: one\n\nevent: b\ndata: two\n\n");
        List<SseEvent> cr = readAll("event: a\rdata: one\r\revent: b\rdata: two\r\r");
        assertThat(lf).extracting(SseEvent::eventName, SseEvent::data)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "one"),
                        org.assertj.core.groups.Tuple.tuple("b", "two"));
        assertThat(cr).extracting(SseEvent::eventName, SseEvent::data)
                .containsExactlyElementsOf(lf.stream()
                        .map(e -> org.assertj.core.groups.Tuple.tuple(e.eventName(), e.data())).toList());
    }

    @Test
    void commentBecomesCommentEventWithoutTheLeadingSpace() throws Exception {
        List<SseEvent> events = readAll(": ping - 2026-11-27 09:00:00\r\n\r\nevent: heartbeat\r\ndata: {}\r\n\r\n");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).kind()).isEqualTo(SseEvent.Kind.COMMENT);
        assertThat(events.get(0).isComment()).isTrue();
        assertThat(events.get(0).data()).isEqualTo("ping - 2026-11-27 09:00:00");
        assertThat(events.get(0).eventName()).isEmpty();
        assertThat(events.get(1).eventName()).isEqualTo("heartbeat");
    }

    @Test
    void multiLineDataIsJoinedWithNewlineAndNameDefaultsToMessage() throws Exception {
        List<SseEvent> events = readAll("data: line one\r\ndata: line two\r\ndata:\r\ndata:no space\r\n\r\n");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.eventName()).isEqualTo(SseEvent.DEFAULT_EVENT_NAME);
            assertThat(e.data()).isEqualTo("line one\nline two\n\nno space");
        });
    }

    @Test
    void fieldsInAnyOrderAndIdPersistsToLaterEvents() throws Exception {
        List<SseEvent> events = readAll("data: x\r\nevent: late_name\r\nid: 7\r\n\r\ndata: y\r\n\r\nid:\r\ndata: z\r\n\r\n");
        assertThat(events).extracting(SseEvent::eventName, SseEvent::data, SseEvent::lastEventId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("late_name", "x", "7"),
                        org.assertj.core.groups.Tuple.tuple("message", "y", "7"),
                        org.assertj.core.groups.Tuple.tuple("message", "z", EMPTY_ID));
    }

    /** What an empty {@code id:} leaves as last event id (spec: resets it to empty). */
    private static final String EMPTY_ID = "";

    @Test
    void incompleteEventAtEofIsDiscarded() throws Exception {
        // SSE spec: an event is dispatched only at a blank line; okhttp-eventsource drops the partial one
        List<SseEvent> events = readAll("event: complete\r\ndata: 1\r\n\r\nevent: partial\r\ndata: 2\r\n");
        assertThat(events).extracting(SseEvent::eventName).containsExactly("complete");
    }

    @Test
    void leadingUtf8BomIsIgnored() throws Exception {
        Buffer body = new Buffer().write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})
                .writeUtf8("event: connected\r\ndata: {}\r\n\r\n");
        List<SseEvent> events = readAll(body);
        assertThat(events).extracting(SseEvent::eventName).containsExactly("connected");
    }

    @Test
    void oneMegabyteDataLineArrivesWhole() throws Exception {
        String big = "x".repeat(1024 * 1024);
        maxEventBytes = 2 * 1024 * 1024; // the line is a little over the default limit
        List<SseEvent> events = readAll("event: big\r\ndata: " + big + "\r\n\r\nevent: after\r\ndata: ok\r\n\r\n");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).data()).hasSize(1024 * 1024).isEqualTo(big);
        assertThat(events.get(0).wireBytes()).isGreaterThan(1024 * 1024);
        assertThat(events.get(1).data()).isEqualTo("ok");
    }

    @Test
    void utf8DataAndWireSizeOfBackendFraming() throws Exception {
        String frame = "id: 01J\r\nevent: new_message\r\ndata: {\"content\": \"h\u00e9llo \u2603\"}\r\n\r\n";
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream; charset=utf-8")
                .setBody(frame));
        try (SseStream stream = connector.open(request(), "utf8", SseEventListener.NONE)) {
            SseEvent e = stream.poll(Duration.ofSeconds(10));
            assertThat(e.data()).isEqualTo("{\"content\": \"h\u00e9llo \u2603\"}");
            int frameBytes = frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            assertThat(e.wireBytes()).isEqualTo(frameBytes);
            assertThat(stream.poll(Duration.ofSeconds(10))).isNull();
            assertThat(stream.bytesReceived()).isEqualTo(frameBytes);
            assertThat(stream.eventsReceived()).isEqualTo(1);
        }
    }

    @Test
    void requestCarriesAcceptAndCallerHeadersInOrder() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream").setBody("data: a\n\n"));
        SseRequest req = SseRequest.builder(server.url("/s").uri())
                .bearerToken("secret-token-value")
                .header("X-Rate-Limit-Bypass", "bypass-secret")
                .header("X-Trace", "t1")
                .lastEventId("41")
                .build();
        try (SseStream stream = connector.open(req, "headers", SseEventListener.NONE)) {
            RecordedRequest recorded = server.takeRequest();
            assertThat(recorded.getMethod()).isEqualTo("GET");
            assertThat(recorded.getHeader("Accept")).isEqualTo("text/event-stream");
            assertThat(recorded.getHeader("Authorization")).isEqualTo("Bearer secret-token-value");
            assertThat(recorded.getHeader("X-Rate-Limit-Bypass")).isEqualTo("bypass-secret");
            assertThat(recorded.getHeader("Last-Event-ID")).isEqualTo("41");
            assertThat(recorded.getHeader("X-Trace")).isEqualTo("t1");

            OpenResult open = stream.openResult();
            assertThat(open.status()).isEqualTo(200);
            assertThat(open.header("content-type")).isEqualTo("text/event-stream");
            assertThat(open.requestHeaders())
                    .contains("Authorization: Bearer <redacted>", "X-Rate-Limit-Bypass: <redacted>", "X-Trace: t1",
                            "Accept: text/event-stream")
                    .doesNotContain("secret-token-value", "bypass-secret");
            assertThat(open.headerBytes()).isGreaterThan(20);
            assertThat(open.startEpochMillis()).isPositive();
            assertThat(open.headersMillis()).isGreaterThanOrEqualTo(open.connectMillis());
        }
    }

    @Test
    void postSendsBodyAndContentType() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream").setBody("data: a\n\n"));
        SseRequest req = SseRequest.builder(server.url("/s").uri()).post("{\"q\": 1}", "application/json").build();
        try (SseStream stream = connector.open(req, "post", SseEventListener.NONE)) {
            RecordedRequest recorded = server.takeRequest();
            assertThat(recorded.getMethod()).isEqualTo("POST");
            assertThat(recorded.getBody().readUtf8()).isEqualTo("{\"q\": 1}");
            assertThat(recorded.getHeader("Content-Type")).startsWith("application/json");
            assertThat(stream.poll(Duration.ofSeconds(10)).data()).isEqualTo("a");
        }
    }

    @Test
    void aPooledConnectionReportsZeroConnectTime() throws Exception {
        // a complete (Content-Length) stream body leaves the connection reusable, when reuse is turned on
        org.junit.jupiter.api.Assumptions.assumeTrue(transport == Transport.OKHTTP, "only OkHttp pools connections");
        connector.close();
        connector = OkHttpSseConnector.builder().readerThreads(ReaderThreads.forSetting("platform"))
                .maxIdleConnections(4).build();
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream").setBody("data: 1\n\n"));
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream").setBody("data: 2\n\n"));
        try (SseStream first = connector.open(request(), "first", SseEventListener.NONE)) {
            assertThat(first.poll(Duration.ofSeconds(10)).data()).isEqualTo("1");
            assertThat(first.poll(Duration.ofSeconds(10))).isNull();
        }
        try (SseStream second = connector.open(request(), "second", SseEventListener.NONE)) {
            assertThat(server.takeRequest().getSequenceNumber()).isZero();
            assertThat(server.takeRequest().getSequenceNumber()).as("second request on the same connection").isEqualTo(1);
            assertThat(second.openResult().connectMillis()).isZero();
        }
    }

    @Test
    void byDefaultEveryStreamGetsItsOwnFreshConnection() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream").setBody("data: 1\n\n"));
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream").setBody("data: 2\n\n"));
        try (SseStream first = connector.open(request(), "first", SseEventListener.NONE)) {
            assertThat(first.poll(Duration.ofSeconds(10)).data()).isEqualTo("1");
        }
        try (SseStream second = connector.open(request(), "second", SseEventListener.NONE)) {
            assertThat(second.poll(Duration.ofSeconds(10)).data()).isEqualTo("2");
            assertThat(server.takeRequest().getSequenceNumber()).isZero();
            assertThat(server.takeRequest().getSequenceNumber()).as("a new connection for the second stream").isZero();
        }
    }
}
