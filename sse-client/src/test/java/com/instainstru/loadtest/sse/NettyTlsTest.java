package com.instainstru.loadtest.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event-loop transport over TLS: against a server whose self-signed certificate (made by the JDK's keytool)
 * is in a private trust store, and with the host name check on.
 */
@Timeout(60)
class NettyTlsTest {

    private static final char[] PASSWORD = "test-only-keystore".toCharArray();

    @TempDir
    Path dir;

    private KeyStore keyStore(String subjectAltName) throws Exception {
        Path file = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=sse-test", "-ext", "SAN=" + subjectAltName, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private ScriptedServer tlsServer(KeyStore store, ScriptedServer.Script script) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new ScriptedServer(script, context.getServerSocketFactory().createServerSocket());
    }

    private NettySseConnector trusting(KeyStore store) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        return new NettySseConnector(1, SslContextBuilder.forClient().trustManager(trust).build());
    }

    @Test
    void eventsArriveOverTls() throws Exception {
        KeyStore store = keyStore("IP:127.0.0.1");
        try (ScriptedServer server = tlsServer(store, ScriptedServer.eventsThenHold(
                "event: connected\r\ndata: {}\r\n\r\n", "id: 1\r\nevent: new_message\r\ndata: secure\r\n\r\n"));
             NettySseConnector connector = trusting(store);
             SseStream stream = connector.open(SseRequest.builder(server.uri("/api/v1/messages/stream")).build(),
                     "tls", SseEventListener.NONE)) {
            assertThat(server.uri("/").getScheme()).isEqualTo("https");
            assertThat(List.of(stream.poll(Duration.ofSeconds(10)), stream.poll(Duration.ofSeconds(10))))
                    .extracting(SseEvent::data).containsExactly("{}", "secure");
            assertThat(server.takeRequest().header("Host")).isEqualTo("127.0.0.1:" + server.uri("/").getPort());
            assertThat(stream.openResult().connectMillis()).as("includes the handshake").isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        KeyStore store = keyStore("DNS:other.example");
        try (ScriptedServer server = tlsServer(store, ScriptedServer.eventsThenHold("data: never\r\n\r\n"));
             NettySseConnector connector = trusting(store)) {
            assertThatThrownBy(() -> connector.open(SseRequest.builder(server.uri("/s")).build(), "wronghost",
                    SseEventListener.NONE))
                    .isInstanceOf(SSLException.class)
                    .hasMessageContaining("127.0.0.1");
            assertThat(connector.liveStreams()).isZero();
        }
    }
}
