package com.instainstru.loadtest.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** open() failures: statuses, content types, connect and read timeouts. */
@Timeout(30)
@ParameterizedClass
@EnumSource(Transport.class)
class OpenErrorsTest {

    private MockWebServer server;
    @Parameter
    Transport transport;

    private SseConnector connector;

    @BeforeEach
    void setUp() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        connector = transport.connector();
    }

    @AfterEach
    void tearDown() throws Exception {
        connector.close();
        server.shutdown();
    }

    private SseRequest request() {
        return SseRequest.builder(server.url("/api/v1/messages/stream").uri()).bearerToken("tok").build();
    }

    private static MockResponse problem(int status, String json) {
        return new MockResponse().setResponseCode(status)
                .setHeader("Content-Type", "application/problem+json").setBody(json);
    }

    @Test
    void unauthorizedProblemJsonGivesDetailAndCode() {
        server.enqueue(problem(401, "{\"type\": \"about:blank\", \"title\": \"Unauthorized\", \"status\": 401, "
                + "\"detail\": \"Could not validate credentials\", \"code\": \"AUTH_INVALID_TOKEN\", "
                + "\"request_id\": \"r1\"}"));
        assertThatThrownBy(() -> connector.open(request(), "s401", SseEventListener.NONE))
                .isInstanceOfSatisfying(SseHttpException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(
                            "HTTP 401 Unauthorized: Could not validate credentials (code AUTH_INVALID_TOKEN)");
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.problemCode()).isEqualTo("AUTH_INVALID_TOKEN");
                    assertThat(e.problemDetail()).isEqualTo("Could not validate credentials");
                    assertThat(e.bodyExcerpt()).contains("\"request_id\": \"r1\"");
                    assertThat(e.header("content-type")).isEqualTo("application/problem+json");
                });
        assertThat(connector.liveStreams()).isZero();
    }

    @Test
    void tooManyRequestsShowsRetryAfter() {
        server.enqueue(problem(429, "{\"detail\": \"Rate limit exceeded\", \"code\": \"RATE_LIMITED\"}")
                .setHeader("Retry-After", "12"));
        assertThatThrownBy(() -> connector.open(request(), "s429", SseEventListener.NONE))
                .isInstanceOfSatisfying(SseHttpException.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("HTTP 429 Too Many Requests: Rate limit exceeded (code RATE_LIMITED), Retry-After: 12");
                    assertThat(e.retryAfter()).isEqualTo("12");
                });
    }

    @Test
    void serviceUnavailableWithPlainBodyShowsTheBodyStart() {
        server.enqueue(new MockResponse().setResponseCode(503).setHeader("Content-Type", "text/plain")
                .setBody("database check\n took too long"));
        assertThatThrownBy(() -> connector.open(request(), "s503", SseEventListener.NONE))
                .isInstanceOf(SseHttpException.class)
                .hasMessage("HTTP 503 Service Unavailable: database check took too long");
    }

    @Test
    void errorBodyExcerptIsCappedAtTwoKilobytes() {
        server.enqueue(new MockResponse().setResponseCode(500).setBody("e".repeat(10_000)));
        assertThatThrownBy(() -> connector.open(request(), "s500", SseEventListener.NONE))
                .isInstanceOfSatisfying(SseHttpException.class, e -> {
                    assertThat(e.bodyExcerpt()).hasSize(SseHttpException.BODY_EXCERPT_LIMIT);
                    assertThat(e.getMessage()).startsWith("HTTP 500 Internal Server Error: eeee").endsWith("...");
                });
    }

    @Test
    void wrongContentTypeIsAClearError() {
        server.enqueue(new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8")
                .setBody("<html>login</html>"));
        assertThatThrownBy(() -> connector.open(request(), "html", SseEventListener.NONE))
                .isInstanceOfSatisfying(SseContentTypeException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(
                            "HTTP 200 with Content-Type 'text/html; charset=utf-8', expected text/event-stream: "
                                    + "<html>login</html>");
                    assertThat(e.contentType()).isEqualTo("text/html; charset=utf-8");
                });
    }

    @Test
    void missingContentTypeIsAClearError() {
        server.enqueue(new MockResponse().setBody("data: x\n\n").removeHeader("Content-Type"));
        assertThatThrownBy(() -> connector.open(request(), "none", SseEventListener.NONE))
                .isInstanceOf(SseContentTypeException.class)
                .hasMessageStartingWith("HTTP 200 with Content-Type (none), expected text/event-stream");
    }

    @Test
    void openTimeoutCutsAServerThatAcceptsAndNeverAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // read nothing, answer nothing
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SseRequest req = SseRequest.builder(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/s"))
                    .openTimeout(Duration.ofMillis(400)).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> connector.open(req, "silent", SseEventListener.NONE))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessage("SSE stream 'silent': no response headers within 400 ms (open timeout: the server "
                            + "accepted but did not answer)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(connector.liveStreams()).isZero();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void closedPortFailsFastWithConnectException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        SseRequest req = SseRequest.builder(URI.create("http://127.0.0.1:" + port + "/s"))
                .connectTimeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> connector.open(req, "refused", SseEventListener.NONE))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void connectTimeoutWhenTheListenBacklogIsFull() throws Exception {
        // a listener that never accepts: once its backlog is full, Linux drops further SYNs, so connect() waits
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress("127.0.0.1", full.getLocalPort()), 200);
                        fillers.add(s);
                    } catch (SocketTimeoutException e) {
                        s.close();
                        break; // backlog full: the next connect will time out too
                    }
                }
                SseRequest req = SseRequest.builder(URI.create("http://127.0.0.1:" + full.getLocalPort() + "/s"))
                        .connectTimeout(Duration.ofMillis(300)).build();
                long start = System.nanoTime();
                assertThatThrownBy(() -> connector.open(req, "timeout", SseEventListener.NONE))
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessageContaining("timed out");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void readTimeoutEndsAnOpenStream() throws Exception {
        try (ScriptedServer scripted = new ScriptedServer(ScriptedServer.eventsThenHold("event: connected\r\ndata: {}\r\n\r\n"))) {
            SseRequest req = SseRequest.builder(scripted.uri("/s")).readTimeout(Duration.ofMillis(300)).build();
            List<CloseReason> closed = new ArrayList<>();
            SseEventListener listener = new SseEventListener() {
                @Override
                public void onEvent(SseStream s, SseEvent e) {
                }

                @Override
                public void onClosed(SseStream s, CloseReason r) {
                    synchronized (closed) {
                        closed.add(r);
                    }
                }
            };
            try (SseStream stream = connector.open(req, "slow", listener)) {
                assertThat(stream.poll(Duration.ofSeconds(10)).eventName()).isEqualTo("connected");
                assertThat(stream.poll(Duration.ofSeconds(10))).isNull();
                assertThat(stream.closeReason()).isEqualTo(new CloseReason(CloseReason.Kind.READ_TIMEOUT, "no data for 300 ms"));
                assertThat(stream.closeReason().isError()).isTrue();
                assertThat(stream.isOpen()).isFalse();
                synchronized (closed) {
                    assertThat(closed).containsExactly(stream.closeReason());
                }
            }
        }
    }

    @Test
    void headersThatNeverComeHitTheReadTimeoutAsAnIoError() throws Exception {
        try (ScriptedServer scripted = new ScriptedServer(ScriptedServer.silent())) {
            SseRequest req = SseRequest.builder(scripted.uri("/s")).readTimeout(Duration.ofMillis(300)).build();
            assertThatThrownBy(() -> connector.open(req, "noheaders", SseEventListener.NONE))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void openOnAClosedConnectorFails() {
        connector.close();
        assertThatThrownBy(() -> connector.open(request(), "late", SseEventListener.NONE))
                .isInstanceOf(IOException.class)
                .hasMessage("SSE connector is closed; cannot open 'late'");
    }

    @Test
    void blankStreamNameIsRejected() {
        assertThatThrownBy(() -> connector.open(request(), " ", SseEventListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("streamName must not be blank");
    }
}
