package com.instainstru.loadtest.refserver;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Slowloris connections are closed after the request read timeout; idle SSE streams are not; 413 is JSON. */
class RequestLimitsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static ReferenceServer start() {
        return ReferenceServer.start(ReferenceServerConfig.defaults().withPort(0).withRateLimits(false)
                .withRequestReadTimeout(TIMEOUT));
    }

    @Test
    void connectionThatNeverFinishesItsHeadersIsClosed() throws IOException {
        try (ReferenceServer server = start(); Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Generous bound: the server must close within 1 s; 15 s absorbs a loaded machine.
            s.setSoTimeout(15_000);
            assertThat(readUntilClosed(s.getInputStream()))
                    .as("server kept a half-sent request open past its 1 s request read timeout").isTrue();
        }
    }

    @Test
    void connectionThatSendsNothingIsClosed() throws IOException {
        try (ReferenceServer server = start(); Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(15_000);
            assertThat(readUntilClosed(s.getInputStream()))
                    .as("server kept a silent connection open past its 1 s request read timeout").isTrue();
        }
    }

    @Test
    void idleSseStreamOutlivesTheRequestTimeout() throws Exception {
        try (ReferenceServer server = start()) {
            Api api = new Api(server);
            String emma = api.login("emma.johnson@example.com");
            String sarah = api.login("sarah.chen@example.com");
            try (RawStream stream = RawStream.openBearer(server.port(), emma)) {
                assertThat(stream.nextEvent(Duration.ofSeconds(10)).event()).isEqualTo("connected");
                Thread.sleep(3 * TIMEOUT.toMillis()); // idle well past the request timeout
                var sent = api.sendMessage(sarah, SeedData.CONVERSATION_ID, "after idle");
                assertThat(sent.statusCode()).isEqualTo(200);
                RawStream.Frame frame = stream.nextEvent(Duration.ofSeconds(10));
                assertThat(frame).as("idle SSE stream was closed by the server").isNotNull();
                assertThat(frame.id()).isEqualTo(Api.json(sent).path("id").asText());
            }
        }
    }

    @Test
    void tooLargeRequestGetsProblemJson() throws IOException {
        try (ReferenceServer server = start(); Socket s = new Socket("127.0.0.1", server.port())) {
            int length = 65 * 1024;
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/conversations/" + SeedData.CONVERSATION_ID + "/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.setSoTimeout(15_000);
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).containsIgnoringCase("content-type: application/problem+json");
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            var json = Api.json(body);
            assertThat(json.path("status").asInt()).isEqualTo(413);
            assertThat(json.path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(json.path("detail").asText()).isEqualTo("request body larger than 65536 bytes");
            assertThat(json.path("request_id").asText()).isNotBlank();
        }
    }

    /** True when the peer closed (EOF or reset); false when the read timed out with the connection open. */
    private static boolean readUntilClosed(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // discard anything the server sends before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
