import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile SSE server for bench/endless-event.sh: answers every request 200 text/event-stream, sends a
 * {@code connected} event, then {@code data:} lines forever and never the blank line that ends an event. Only
 * on 127.0.0.1; stops by itself after --seconds. JDK only, run as a single-file program:
 * {@code java EndlessEventServer.java --port P --seconds S}. Prints "LISTENING <port>" and, at the end, the
 * bytes it wrote.
 */
public final class EndlessEventServer {

    public static void main(String[] args) throws Exception {
        int port = 0;
        long seconds = 60;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        AtomicLong written = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try (ServerSocket server = new ServerSocket(port, 512, InetAddress.getLoopbackAddress())) {
            System.out.println("LISTENING " + server.getLocalPort());
            server.setSoTimeout(500);
            while (System.nanoTime() < deadline) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (java.net.SocketTimeoutException e) {
                    continue;
                }
                Thread t = new Thread(() -> serve(socket, written, deadline), "endless");
                t.setDaemon(true);
                t.start();
            }
        }
        System.out.println("WROTE " + written.get());
    }

    private static void serve(Socket socket, AtomicLong written, long deadline) {
        byte[] line = ("data: " + "x".repeat(8186) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            readHead(in);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                    + "Connection: close\r\n\r\nevent: connected\r\ndata: {}\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            while (System.nanoTime() < deadline) {
                out.write(line); // never a blank line: the event never ends
                written.addAndGet(line.length);
            }
        } catch (IOException e) {
            // the client gave up on the event (its limit) or closed: the point of the bench
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int state = 0;
        for (int b; (b = in.read()) >= 0; ) {
            state = (b == '\r' && (state == 0 || state == 2)) ? state + 1
                    : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return;
            }
        }
    }
}
