package com.instainstru.loadtest.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** close, interrupt, queue, receive stamps, listener callbacks. */
@Timeout(60)
@ParameterizedClass
@EnumSource(Transport.class)
class StreamLifecycleTest {

    private static final String CONNECTED = "event: connected\r\ndata: {\"status\": \"connected\"}\r\n\r\n";

    @Parameter
    Transport transport;

    private SseConnector connector;

    @BeforeEach
    void setUp() {
        connector = transport.connector();
    }

    @AfterEach
    void tearDown() {
        connector.close();
    }

    @Test
    void closeWakesABlockedPollerAndStopsTheReader() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.eventsThenHold(CONNECTED))) {
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).build(), "closeme",
                    SseEventListener.NONE);
            assertThat(stream.poll(Duration.ofSeconds(10)).eventName()).isEqualTo("connected");
            CompletableFuture<SseEvent> poller = CompletableFuture.supplyAsync(() -> {
                try {
                    return stream.poll(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200); // let the poller block
            assertThat(poller).isNotDone();
            long start = System.nanoTime();
            stream.close();
            assertThat(poller.get(5, TimeUnit.SECONDS)).isNull();
            transport.assertReaderEnded(stream);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(stream.state()).isEqualTo(StreamState.CLOSED);
            assertThat(stream.closeReason()).isEqualTo(new CloseReason(CloseReason.Kind.CLIENT_CLOSED, ""));
            assertThat(stream.closeReason().isError()).isFalse();
            stream.close(); // idempotent
            assertThat(stream.poll(Duration.ofSeconds(5))).isNull();
            assertThat(connector.liveStreams()).isZero();
        }
    }

    @Test
    void eventsQueuedBeforeCloseCanStillBePolled() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.eventsThenHold(CONNECTED, "data: 2\n\n"))) {
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).build(), "drain",
                    SseEventListener.NONE);
            waitUntil(() -> stream.eventsReceived() == 2);
            stream.close();
            assertThat(stream.poll(Duration.ZERO).eventName()).isEqualTo("connected");
            assertThat(stream.poll(Duration.ZERO).data()).isEqualTo("2");
            assertThat(stream.poll(Duration.ofSeconds(5))).isNull();
        }
    }

    @Test
    void interruptDuringOpenCancelsTheAttempt() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.silent())) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread opener = new Thread(() -> {
                try {
                    connector.open(SseRequest.builder(server.uri("/s")).build(), "intr", SseEventListener.NONE);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            opener.start();
            server.takeRequest(); // the request is on the wire, headers will never come
            opener.interrupt();
            opener.join(5_000);
            assertThat(opener.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            waitUntil(() -> connector.liveStreams() == 0);
        }
    }

    @Test
    void interruptedBeforeOpenDoesNotConnect() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.silent())) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> connector.open(SseRequest.builder(server.uri("/s")).build(), "pre",
                    SseEventListener.NONE)).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).isFalse();
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void connectorCloseDuringOpenFailsTheOpen() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.silent())) {
            CompletableFuture<SseStream> open = CompletableFuture.supplyAsync(() -> {
                try {
                    return connector.open(SseRequest.builder(server.uri("/s")).build(), "opening",
                            SseEventListener.NONE);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            server.takeRequest();
            connector.close();
            assertThatThrownBy(() -> open.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseInstanceOf(IOException.class)
                    .hasMessageContaining("SSE stream 'opening' was closed while opening");
        }
    }

    @Test
    void connectorCloseEndsOpenStreams() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.eventsThenHold(CONNECTED))) {
            SseStream a = connector.open(SseRequest.builder(server.uri("/a")).build(), "a", SseEventListener.NONE);
            SseStream b = connector.open(SseRequest.builder(server.uri("/b")).build(), "b", SseEventListener.NONE);
            assertThat(connector.liveStreams()).isEqualTo(2);
            connector.close();
            assertThat(a.isOpen()).isFalse();
            assertThat(b.isOpen()).isFalse();
            assertThat(b.closeReason().kind()).isEqualTo(CloseReason.Kind.CLIENT_CLOSED);
        }
    }

    @Test
    void serverEndWithoutReconnectEndsTheStreamAndTellsTheListener() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.eventsThenEnd(CONNECTED))) {
            CompletableFuture<CloseReason> closed = new CompletableFuture<>();
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).build(), "eof",
                    new SseEventListener() {
                        @Override
                        public void onEvent(SseStream s, SseEvent e) {
                        }

                        @Override
                        public void onClosed(SseStream s, CloseReason r) {
                            closed.complete(r);
                        }
                    });
            assertThat(closed.get(10, TimeUnit.SECONDS).kind()).isEqualTo(CloseReason.Kind.SERVER_EOF);
            assertThat(stream.poll(Duration.ofSeconds(1)).eventName()).isEqualTo("connected");
            long before = System.nanoTime();
            assertThat(stream.poll(Duration.ofSeconds(30))).isNull();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
            assertThat(stream.reconnectCount()).isZero();
            stream.close();
            assertThat(stream.closeReason().kind()).isEqualTo(CloseReason.Kind.SERVER_EOF); // first reason wins
        }
    }

    // ---- the four ways a stream ends, worded the same on both transports ----

    @Test
    void aFinAfterACompleteEventIsACleanServerEnd() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.eventsThenEnd(CONNECTED))) {
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).build(), "fin", SseEventListener.NONE);
            waitUntil(() -> !stream.isOpen());
            assertThat(stream.closeReason()).isEqualTo(new CloseReason(CloseReason.Kind.SERVER_EOF,
                    "server ended the stream"));
        }
    }

    @Test
    void aFinInTheMiddleOfAnEventSaysSo() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.eventsThenEnd(CONNECTED,
                "event: new_message\r\ndata: {\"cut\": "))) {
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).build(), "fin", SseEventListener.NONE);
            waitUntil(() -> !stream.isOpen());
            assertThat(stream.closeReason()).isEqualTo(new CloseReason(CloseReason.Kind.SERVER_EOF,
                    "server ended the stream in the middle of an event"));
            assertThat(stream.eventsReceived()).isEqualTo(1);
        }
    }

    @Test
    void aResetInTheMiddleOfAnEventIsAConnectionResetNotAServerEnd() throws Exception {
        java.util.concurrent.CountDownLatch firstEventPolled = new java.util.concurrent.CountDownLatch(1);
        try (ScriptedServer server = new ScriptedServer(ex -> {
            ex.eventStreamHeaders();
            ex.write(CONNECTED);
            // RST may discard bytes the client has not read yet: reset once the first event is through
            firstEventPolled.await(10, TimeUnit.SECONDS);
            ex.write("data: {\"half\": ");
            Thread.sleep(100);
            ex.reset();
        })) {
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).build(), "rst", SseEventListener.NONE);
            assertThat(stream.poll(Duration.ofSeconds(10)).eventName()).isEqualTo("connected");
            firstEventPolled.countDown();
            waitUntil(() -> !stream.isOpen());
            assertThat(stream.closeReason()).isEqualTo(new CloseReason(CloseReason.Kind.CONNECTION_RESET,
                    "connection reset by the server (TCP RST)"));
            assertThat(stream.closeReason().isError()).isTrue();
        }
    }

    @Test
    void silenceIsAReadTimeout() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.eventsThenHold(CONNECTED))) {
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).readTimeout(Duration.ofMillis(300))
                    .build(), "quiet", SseEventListener.NONE);
            waitUntil(() -> !stream.isOpen());
            assertThat(stream.closeReason()).isEqualTo(new CloseReason(CloseReason.Kind.READ_TIMEOUT,
                    "no data for 300 ms"));
        }
    }

    @Test
    void theFourEndsAreFourReasons() {
        // fin, reset, timeout (tests above) and client close (closeWakesABlockedPollerAndStopsTheReader)
        assertThat(java.util.stream.Stream.of(CloseReason.serverEnded(false), CloseReason.connectionReset(),
                CloseReason.readTimeout(1), CloseReason.clientClosed()).map(CloseReason::kind).distinct())
                .hasSize(4);
    }

    @Test
    void receiveStampIsTakenWhenTheEventArrivesNotWhenPolled() throws Exception {
        MockWebServer server = new MockWebServer();
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
        try {
            String first = "event: connected\r\ndata: {}\r\n\r\n";
            String second = "event: new_message\r\ndata: {\"n\": 2}\r\n\r\n";
            // MockWebServer writes the first chunk, then waits 500 ms before the second
            server.enqueue(new MockResponse().setHeader("Content-Type", "text/event-stream")
                    .setBody(first + second).throttleBody(first.length(), 500, TimeUnit.MILLISECONDS));
            SseStream stream = connector.open(SseRequest.builder(server.url("/s").uri()).build(), "stamps",
                    SseEventListener.NONE);
            Thread.sleep(2_000); // the sampler polls late
            long pollStart = System.nanoTime();
            SseEvent a = stream.poll(Duration.ofSeconds(5));
            SseEvent b = stream.poll(Duration.ofSeconds(5));
            assertThat(a.eventName()).isEqualTo("connected");
            assertThat(b.eventName()).isEqualTo("new_message");
            assertThat(b.receivedNanos()).isLessThan(pollStart);
            assertThat(a.receivedNanos()).isLessThan(b.receivedNanos());
            // the second chunk was held back ~500 ms by the server: its stamp shows that gap
            assertThat(b.receivedNanos() - a.receivedNanos()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(300));
            assertThat(b.receivedEpochMillis()).isGreaterThanOrEqualTo(a.receivedEpochMillis());
            stream.close();
        } finally {
            server.shutdown();
        }
    }

    @Test
    void queueOverflowDropsTheOldestAndCounts() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            body.append("data: ").append(i).append("\r\n\r\n");
        }
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.eventsThenEnd(body.toString()))) {
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).queueCapacity(3).build(),
                    "overflow", SseEventListener.NONE);
            waitUntil(() -> !stream.isOpen());
            assertThat(stream.eventsReceived()).isEqualTo(10);
            assertThat(stream.droppedEvents()).isEqualTo(7);
            assertThat(stream.poll(Duration.ZERO).data()).isEqualTo("8");
            assertThat(stream.poll(Duration.ZERO).data()).isEqualTo("9");
            assertThat(stream.poll(Duration.ZERO).data()).isEqualTo("10");
            assertThat(stream.poll(Duration.ZERO)).isNull();
        }
    }

    @Test
    void countingUntilTheEndTalliesEveryEventKeepsNoneAndStillTellsTheListener() throws Exception {
        StringBuilder later = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            later.append("data: ").append(i).append("\r\n\r\n");
        }
        later.append(": keep-alive\r\n");
        ScriptedServer.Script script = ex -> {
            ex.eventStreamHeaders();
            ex.write(CONNECTED);
            Thread.sleep(300); // most of the events come while the holder counts
            ex.write(later.toString());
        };
        try (ScriptedServer server = new ScriptedServer(script)) {
            List<String> heard = new CopyOnWriteArrayList<>();
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).build(), "counted",
                    (s, e) -> heard.add(e.data()));

            EventTally tally = stream.countUntilEnd(Duration.ofSeconds(30));

            assertThat(tally).as("every event and comment, queued or arriving").isEqualTo(
                    new EventTally(11, 1, tally.wireBytes(), true));
            assertThat(tally.wireBytes()).isGreaterThan(10 * 5);
            assertThat(heard).as("the listener hears each of them").hasSize(12);
            assertThat(stream.eventsReceived()).isEqualTo(12);
            assertThat(stream.droppedEvents()).isZero();
            assertThat(stream.poll(Duration.ZERO)).as("nothing was kept").isNull();
        }
    }

    @Test
    void listenerRunsOnTheNamedReaderBeforeQueueingAndItsFailuresAreCounted() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.eventsThenEnd(CONNECTED, "data: boom\n\n"))) {
            List<String> seen = new CopyOnWriteArrayList<>();
            SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).build(), "vu-7",
                    (s, e) -> {
                        String thread = transport.isReaderThread(Thread.currentThread(), "vu-7") ? "reader"
                                : Thread.currentThread().getName();
                        seen.add(thread + " " + e.data() + " queuedBefore=" + s.eventsReceived());
                        if (e.data().equals("boom")) {
                            throw new IllegalStateException("listener bug");
                        }
                    });
            waitUntil(() -> !stream.isOpen());
            assertThat(seen).containsExactly("reader {\"status\": \"connected\"} queuedBefore=0",
                    "reader boom queuedBefore=1");
            assertThat(stream.listenerFailures()).isEqualTo(1);
            assertThat(stream.poll(Duration.ZERO)).isNotNull();
            assertThat(stream.poll(Duration.ZERO).data()).isEqualTo("boom");
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
