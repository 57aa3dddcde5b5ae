package com.instainstru.loadtest.sse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 whose connections follow scripts, for what MockWebServer cannot do well:
 * streams that stay open until the client leaves, writes at chosen moments, abrupt ends. Each accepted connection
 * takes the next queued script; connections beyond the queue get the fallback script.
 */
final class ScriptedServer implements AutoCloseable {

    @FunctionalInterface
    interface Script {
        void run(Exchange exchange) throws Exception;
    }

    /** One request and the socket to answer on. */
    static final class Exchange {
        final String requestLine;
        final Map<String, String> headers;
        final OutputStream out;
        final Socket socket;

        Exchange(String requestLine, Map<String, String> headers, Socket socket) throws IOException {
            this.requestLine = requestLine;
            this.headers = headers;
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        void eventStreamHeaders() throws IOException {
            write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                    + "Connection: close\r\n\r\n");
        }

        void write(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Ends the connection with a TCP RST instead of a FIN. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        /** Keeps the connection open until the client goes away or the server closes (bounded). */
        void holdUntilClientLeaves(long maxMillis) throws IOException {
            socket.setSoTimeout((int) maxMillis);
            try {
                while (socket.getInputStream().read() >= 0) {
                    // drain; a client cancel shows as EOF or reset
                }
            } catch (IOException e) {
                // reset, timeout or server close: done either way
            }
        }
    }

    /** Scripts for the common cases. */
    static Script eventsThenHold(String... events) {
        return ex -> {
            ex.eventStreamHeaders();
            for (String e : events) {
                ex.write(e);
            }
            ex.holdUntilClientLeaves(30_000);
        };
    }

    static Script eventsThenEnd(String... events) {
        return ex -> {
            ex.eventStreamHeaders();
            for (String e : events) {
                ex.write(e);
            }
        };
    }

    /**
     * Sends {@code events}, then {@code chunk} over and over for up to 30 s and never an end of event (the
     * client must give up); {@code written} counts the bytes of the chunks that the socket took.
     */
    static Script endless(String chunk, java.util.concurrent.atomic.AtomicLong written, String... events) {
        return ex -> {
            ex.eventStreamHeaders();
            for (String e : events) {
                ex.write(e);
            }
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                ex.out.write(bytes);
                written.addAndGet(bytes.length);
            }
        };
    }

    /** Never answers: the client waits for headers until it gives up. */
    static Script silent() {
        return ex -> ex.holdUntilClientLeaves(30_000);
    }

    private final ServerSocket serverSocket;
    private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
    private final BlockingQueue<Exchange> exchanges = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Script fallback;
    private final Thread acceptor;

    ScriptedServer(Script fallback) throws IOException {
        this(fallback, new ServerSocket());
    }

    /** On a socket of the caller's (an {@code SSLServerSocket} for TLS), unbound: it is bound to 127.0.0.1 here. */
    ScriptedServer(Script fallback, ServerSocket unbound) throws IOException {
        this.fallback = fallback;
        this.serverSocket = unbound;
        serverSocket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        this.acceptor = new Thread(this::acceptLoop, "scripted-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    ScriptedServer enqueue(Script script) {
        scripts.add(script);
        return this;
    }

    URI uri(String path) {
        String scheme = serverSocket instanceof javax.net.ssl.SSLServerSocket ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + serverSocket.getLocalPort() + path);
    }

    /** The next request received, waiting up to 10 s. */
    Exchange takeRequest() throws InterruptedException {
        Exchange ex = exchanges.poll(10, TimeUnit.SECONDS);
        if (ex == null) {
            throw new AssertionError("no request within 10 s");
        }
        return ex;
    }

    int requestCount() {
        return exchanges.size();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                sockets.add(socket);
                Thread t = new Thread(() -> serve(socket), "scripted-server-conn");
                t.setDaemon(true);
                threads.add(t);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            Exchange ex = new Exchange(lines[0], headers, socket);
            exchanges.add(ex);
            Script script = scripts.poll();
            (script == null ? fallback : script).run(ex);
        } catch (Exception e) {
            // the client went away or the test ended
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            buf.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                break;
            }
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket s : sockets) {
            s.close();
        }
        for (Thread t : threads) {
            t.interrupt();
        }
    }
}
