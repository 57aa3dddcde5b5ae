import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Load process for bench/reference-server-capacity.sh: holds many SSE streams open from one thread (NIO),
 * counts connected / new_message events per stream, and reports. JDK only; run as a single-file program:
 * {@code java CapacityClient.java --port P --token-env NAME --bypass-env NAME --streams N --source 127.0.0.2
 * --expect-messages M --connect-timeout-seconds S --hold-seconds S}.
 * Prints "READY <connected>" once every stream got its connected event (or the connect timeout passed),
 * then "DONE {...}" when every stream saw M new_message events (or the hold time passed). Bounded in time.
 */
public final class CapacityClient {
    /** KMP matcher that counts occurrences of a pattern across read boundaries. */
    static final class Pattern {
        final byte[] p;
        final int[] fail;

        Pattern(String s) {
            p = s.getBytes(StandardCharsets.US_ASCII);
            fail = new int[p.length];
            for (int i = 1, k = 0; i < p.length; i++) {
                while (k > 0 && p[i] != p[k]) {
                    k = fail[k - 1];
                }
                if (p[i] == p[k]) {
                    k++;
                }
                fail[i] = k;
            }
        }

        /** Advances state by one byte; returns new state, with p.length meaning "matched". */
        int step(int state, byte b) {
            if (state == p.length) {
                state = fail[state - 1];
            }
            while (state > 0 && b != p[state]) {
                state = fail[state - 1];
            }
            return b == p[state] ? state + 1 : state;
        }
    }

    static final Pattern OK = new Pattern("HTTP/1.1 200 ");
    static final Pattern CONNECTED = new Pattern("event: connected\r\n");
    static final Pattern NEW_MESSAGE = new Pattern("event: new_message\r\n");

    static final class Stream {
        final SocketChannel channel;
        int okState;
        int connectedState;
        int messageState;
        boolean ok;
        boolean connected;
        int messages;
        boolean closed;

        Stream(SocketChannel channel) {
            this.channel = channel;
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 0;
        int streams = 100;
        int expect = 1;
        String source = "127.0.0.1";
        String tokenEnv = null;
        String bypassEnv = null;
        long connectTimeoutS = 120;
        long holdS = 60;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--streams" -> streams = Integer.parseInt(args[i + 1]);
                case "--expect-messages" -> expect = Integer.parseInt(args[i + 1]);
                case "--source" -> source = args[i + 1];
                case "--token-env" -> tokenEnv = args[i + 1];
                case "--bypass-env" -> bypassEnv = args[i + 1];
                case "--connect-timeout-seconds" -> connectTimeoutS = Long.parseLong(args[i + 1]);
                case "--hold-seconds" -> holdS = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String token = tokenEnv == null ? null : System.getenv(tokenEnv);
        String bypass = bypassEnv == null ? null : System.getenv(bypassEnv);
        if (port == 0 || token == null) {
            throw new IllegalArgumentException("--port and --token-env (naming a set variable) are required");
        }
        byte[] request = ("GET /api/v1/messages/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n"
                + (bypass == null ? "" : "X-Rate-Limit-Bypass: " + bypass + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        InetSocketAddress local = new InetSocketAddress(source, 0);
        Selector selector = Selector.open();
        List<Stream> all = new ArrayList<>(streams);
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        int connectErrors = 0;
        int connectedCount = 0;
        int complete = 0;
        int closedByServer = 0;
        long start = System.nanoTime();
        long connectDeadline = start + connectTimeoutS * 1_000_000_000L;
        boolean ready = false;
        long holdDeadline = Long.MAX_VALUE;

        while (true) {
            // Open new connections in small batches so the accept backlog is never flooded.
            for (int batch = 0; batch < 200 && all.size() < streams; batch++) {
                SocketChannel ch = SocketChannel.open();
                try {
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, 8 * 1024);
                    ch.bind(local);
                    Stream s = new Stream(ch);
                    all.add(s);
                    ch.register(selector, ch.connect(server) ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, s);
                } catch (IOException e) {
                    connectErrors++;
                    ch.close();
                    if (connectErrors == 1) {
                        System.err.println("connect error: " + e);
                    }
                    all.add(new Stream(null));
                }
            }
            selector.select(50);
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                Stream s = (Stream) key.attachment();
                try {
                    if (key.isConnectable()) {
                        s.channel.finishConnect();
                        key.interestOps(SelectionKey.OP_WRITE);
                    } else if (key.isWritable()) {
                        s.channel.write(ByteBuffer.wrap(request)); // < 300 bytes: one write suffices
                        key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        buf.clear();
                        int n = s.channel.read(buf);
                        if (n < 0) {
                            s.closed = true;
                            closedByServer++;
                            key.cancel();
                            s.channel.close();
                            continue;
                        }
                        buf.flip();
                        while (buf.hasRemaining()) {
                            byte b = buf.get();
                            if (!s.ok) {
                                s.okState = OK.step(s.okState, b);
                                s.ok = s.okState == OK.p.length;
                            }
                            s.connectedState = CONNECTED.step(s.connectedState, b);
                            if (s.connectedState == CONNECTED.p.length && !s.connected) {
                                s.connected = true;
                                connectedCount++;
                            }
                            s.messageState = NEW_MESSAGE.step(s.messageState, b);
                            if (s.messageState == NEW_MESSAGE.p.length) {
                                s.messages++;
                                if (s.messages == expect) {
                                    complete++;
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    connectErrors++;
                    key.cancel();
                    s.channel.close();
                }
            }
            long now = System.nanoTime();
            if (!ready && all.size() == streams && (connectedCount + connectErrors >= streams || now > connectDeadline)) {
                ready = true;
                holdDeadline = now + holdS * 1_000_000_000L;
                System.out.println("READY " + connectedCount + " of " + streams + " (errors " + connectErrors + ") after "
                        + (now - start) / 1_000_000 + " ms");
                System.out.flush();
            }
            if (ready && (complete >= connectedCount || now > holdDeadline)) {
                break;
            }
        }
        long totalMessages = 0;
        int openAtEnd = 0;
        for (Stream s : all) {
            totalMessages += s.messages;
            if (s.channel != null && !s.closed && s.channel.isOpen()) {
                openAtEnd++;
            }
        }
        System.out.println("DONE {\"source\": \"" + source + "\", \"streams\": " + streams + ", \"connected\": " + connectedCount
                + ", \"open_at_end\": " + openAtEnd + ", \"with_all_messages\": " + complete + ", \"expected_per_stream\": "
                + expect + ", \"new_message_events\": " + totalMessages + ", \"closed_by_server\": " + closedByServer
                + ", \"errors\": " + connectErrors + "}");
        System.out.flush();
        for (Stream s : all) {
            if (s.channel != null) {
                s.channel.close();
            }
        }
        selector.close();
    }
}
