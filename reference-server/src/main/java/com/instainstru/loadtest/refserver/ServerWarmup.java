package com.instainstru.loadtest.refserver;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends messages through the real pipeline before the real port opens, so that the first messages of a
 * test are not handled by interpreted code. Cold, the send → publish → stream write path took ~3–4 ms on a
 * small machine (a 60-message accuracy run never got it compiled); warm, well under 1 ms.
 *
 * <p>Everything the warm-up touches is private to it: its own context (sessions, message log, stats,
 * fault knobs all zero, rate limits and CSRF off, the default seed with a random password), its own
 * listener on an ephemeral loopback port, its own stream hub over the same event loops (whose code and
 * threads are the ones to warm). Best effort: a failure or the time cap ends the warm-up, never the start.
 */
final class ServerWarmup {
    static final int MAX_MESSAGES = 100_000;
    private static final long TIME_CAP_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final int SOCKET_TIMEOUT_MILLIS = 5_000;

    private ServerWarmup() {
    }

    /**
     * Runs {@code messages} sends, each read back from a sender's and a recipient's stream.
     *
     * @param pipeline the server's channel initializer for a request handler (the same pipeline as the real port)
     * @return how many messages went round (fewer than asked if it failed or hit the time cap)
     */
    static int run(ReferenceServerConfig config, EventLoopGroup boss, EventLoopGroup workers,
                   Function<HttpRequestHandler, ChannelInitializer<SocketChannel>> pipeline, int messages) {
        if (messages <= 0) {
            return 0;
        }
        ReferenceServerConfig warmConfig = config
                .withSeed(SeedData.defaults(new SessionStore().randomToken()))
                .withRateLimits(false)
                .withCsrf(false);
        ServerStats stats = new ServerStats();
        FaultKnobs noFaults = new FaultKnobs(config.randomSeed());
        StreamHub hub = new StreamHub(workers, stats, noFaults, config.pingInterval().toNanos(),
                config.heartbeatIdle().toNanos());
        ServerContext context = new ServerContext(warmConfig, noFaults, stats, hub);
        context.fanout = new LocalFanout(hub);
        Channel listener = null;
        try {
            listener = new ServerBootstrap().group(boss, workers)
                    .channel(io.netty.channel.socket.nio.NioServerSocketChannel.class)
                    .childHandler(pipeline.apply(new HttpRequestHandler(context)))
                    .bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            return exchange(port, context, messages);
        } catch (IOException | RuntimeException e) {
            System.err.println("reference server: warm-up ended early: " + e);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            if (listener != null) {
                listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
            hub.stopTicking();
            hub.closeAll(2000);
            context.publishTimer.close();
        }
    }

    private static int exchange(int port, ServerContext context, int messages) throws IOException {
        String sender = context.sessions.newSession(SeedData.SARAH_ID);
        String recipient = context.sessions.newSession(SeedData.EMMA_ID);
        long deadline = System.nanoTime() + TIME_CAP_NANOS;
        try (Socket senderStream = openStream(port, sender);
             Socket recipientStream = openStream(port, recipient);
             Socket posts = connect(port)) {
            OutputStream out = posts.getOutputStream();
            InputStream in = new BufferedInputStream(posts.getInputStream());
            InputStream senderEvents = new BufferedInputStream(senderStream.getInputStream());
            InputStream recipientEvents = new BufferedInputStream(recipientStream.getInputStream());
            awaitText(senderEvents, "event: connected");
            awaitText(recipientEvents, "event: connected");
            int sent = 0;
            while (sent < messages && System.nanoTime() - deadline < 0) {
                String marker = "warmup-" + sent + "-end";
                String body = "{\"content\": \"" + marker + "\"}";
                out.write(("POST /api/v1/conversations/" + SeedData.CONVERSATION_ID + "/messages HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nAuthorization: Bearer " + sender + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                awaitText(in, "\"created_at\"");
                awaitText(senderEvents, marker);
                awaitText(recipientEvents, marker);
                sent++;
            }
            return sent;
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        s.connect(new InetSocketAddress("127.0.0.1", port), SOCKET_TIMEOUT_MILLIS);
        return s;
    }

    private static Socket openStream(int port, String token) throws IOException {
        Socket s = connect(port);
        s.getOutputStream().write(("GET /api/v1/messages/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Accept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return s;
    }

    /**
     * Reads until {@code text} has gone by (ASCII; the warm-up's own traffic only). Each message is read
     * back before the next is sent, so nothing after the marker is consumed by accident except the end of
     * the same response or frame, which the next wait skips over.
     */
    private static void awaitText(InputStream in, String text) throws IOException {
        byte[] want = text.getBytes(StandardCharsets.US_ASCII);
        int matched = 0;
        while (matched < want.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("warm-up connection closed while waiting for " + text);
            }
            matched = b == want[matched] ? matched + 1 : (b == want[0] ? 1 : 0);
        }
    }
}
