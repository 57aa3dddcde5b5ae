import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The floor of figure 4: the same send → delivery latency as the JMeter plugin measures, taken by the smallest
 * client there is — one raw keep-alive socket for the POSTs and one raw socket reading the SSE stream, no HTTP
 * library, no parsing beyond finding the message's marker. What this measures is the reference server plus this
 * machine (loopback, thread wake-ups); what JMeter measures above it is the generator's own share.
 *
 * <p>JDK only, run as a single-file program:
 * {@code java LatencyFloor.java --port P --token-env VAR [--messages 60] [--warmup 10] [--rate 2]}.
 * Prints {@code count p50_ms p99_ms} (nearest rank, µs precision) of the messages after the warm-up.
 */
public final class LatencyFloor {

    private static final String CONVERSATION = "01JCZ0C0NVERSAT10N00000001";
    private static final ConcurrentHashMap<Integer, Long> RECEIVED = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, CountDownLatch> WAITING = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int port = 0;
        String token = null;
        int messages = 60;
        int warmup = 10;
        double rate = 2;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--token-env" -> token = System.getenv(args[i + 1]);
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port <= 0 || token == null || token.isEmpty() || messages <= warmup) {
            throw new IllegalArgumentException("need --port, --token-env naming a set variable, --messages > --warmup");
        }
        readStream(port, token);
        Thread.sleep(500); // the stream is subscribed before the first send

        long[] latencies = new long[messages - warmup];
        long intervalNanos = (long) (1e9 / rate);
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            long next = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                CountDownLatch delivered = new CountDownLatch(1);
                WAITING.put(i, delivered);
                String body = "{\"content\": \"floor-" + i + "-\"}";
                byte[] request = ("POST /api/v1/conversations/" + CONVERSATION + "/messages HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8);
                long sent = System.nanoTime();
                out.write(request);
                out.flush();
                readResponse(in);
                if (!delivered.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("message " + i + " was not delivered within 10 s");
                }
                if (i >= warmup) {
                    latencies[i - warmup] = RECEIVED.get(i) - sent;
                }
                next += intervalNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
            }
        }
        Arrays.sort(latencies);
        System.out.printf("%d %.3f %.3f%n", latencies.length, rank(latencies, 50) / 1e6, rank(latencies, 99) / 1e6);
        System.exit(0);
    }

    private static long rank(long[] sorted, double p) {
        int k = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
    }

    /** A daemon thread reading the stream; stamps the read that carries each message's marker. */
    private static void readStream(int port, String token) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.getOutputStream().write(("GET /api/v1/messages/stream HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (socket) {
                InputStream in = socket.getInputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    long now = System.nanoTime();
                    String chunk = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    for (int at = chunk.indexOf("floor-"); at >= 0; at = chunk.indexOf("floor-", at + 6)) {
                        int end = chunk.indexOf('-', at + 6);
                        if (end > at + 6) {
                            int id = Integer.parseInt(chunk.substring(at + 6, end));
                            if (RECEIVED.putIfAbsent(id, now) == null && WAITING.containsKey(id)) {
                                WAITING.get(id).countDown();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                System.err.println("stream reader ended: " + e);
            }
        }, "floor-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private static void readResponse(InputStream in) throws IOException {
        String status = readLine(in);
        if (!status.matches("HTTP/1\\.[01] 20[01] .*")) {
            throw new IOException("send failed: " + status);
        }
        int length = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (in.readNBytes(length).length < length) {
            throw new EOFException("response body cut short");
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed in a response header");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
