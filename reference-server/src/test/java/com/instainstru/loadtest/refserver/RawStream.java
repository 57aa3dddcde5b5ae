package com.instainstru.loadtest.refserver;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately dumb HTTP/1.1 client over a raw socket, so tests see the exact bytes of the stream:
 * status line, header block, chunk boundaries and frame text. Independent of the server's own code.
 */
final class RawStream implements Closeable {
    /** One chunk's payload split into SSE frames (each frame ends with a blank CRLF line). */
    record Frame(String raw) {
        String field(String name) {
            for (String line : raw.split("\r\n")) {
                if (line.startsWith(name + ": ")) {
                    return line.substring(name.length() + 2);
                }
            }
            return null;
        }

        boolean isComment() {
            return raw.startsWith(":");
        }

        String event() {
            return field("event");
        }

        String data() {
            return field("data");
        }

        String id() {
            return field("id");
        }
    }

    private final Socket socket;
    private final InputStream in;
    final int status;
    final String headerBlock;
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final List<String> pendingFrames = new ArrayList<>();
    private boolean ended;

    private RawStream(Socket socket, Duration headerTimeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        socket.setSoTimeout((int) headerTimeout.toMillis());
        this.headerBlock = readHeaderBlock();
        String[] lines = headerBlock.split("\r\n");
        this.status = Integer.parseInt(lines[0].split(" ")[1]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
    }

    static RawStream open(int port, String pathAndQuery, Map<String, String> requestHeaders) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        StringBuilder req = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: text/event-stream\r\n");
        requestHeaders.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        req.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(req.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return new RawStream(socket, Duration.ofSeconds(10));
    }

    static RawStream openBearer(int port, String token) throws IOException {
        return open(port, "/api/v1/messages/stream", Map.of("Authorization", "Bearer " + token));
    }

    String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null ? null : v.get(0);
    }

    /**
     * The next event of a body that is not chunked (delimited by the connection's close, --generic-sse), up to and
     * including its blank line; null when the connection closed first.
     */
    String nextUnchunkedEvent(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        java.io.ByteArrayOutputStream event = new java.io.ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            event.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return event.toString(StandardCharsets.UTF_8);
    }

    /** The payload of the next chunk, or null when the body ended (last chunk or connection closed). */
    String nextChunk(Duration timeout) throws IOException {
        if (ended) {
            return null;
        }
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        String sizeLine = readLine();
        if (sizeLine == null) {
            ended = true;
            return null;
        }
        int size = Integer.parseInt(sizeLine.trim(), 16);
        if (size == 0) {
            readLine(); // trailing CRLF after the last chunk
            ended = true;
            return null;
        }
        byte[] data = in.readNBytes(size);
        if (data.length < size) {
            ended = true;
            return null;
        }
        String crlf = readLine();
        if (crlf == null || !crlf.isEmpty()) {
            throw new IOException("chunk not followed by CRLF");
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The next frame (comments included), or null at end of body. Throws SocketTimeoutException on silence. */
    Frame nextFrame(Duration timeout) throws IOException {
        while (pendingFrames.isEmpty()) {
            String chunk = nextChunk(timeout);
            if (chunk == null) {
                return null;
            }
            int start = 0;
            int end;
            while ((end = chunk.indexOf("\r\n\r\n", start)) >= 0) {
                pendingFrames.add(chunk.substring(start, end + 4));
                start = end + 4;
            }
            if (start != chunk.length()) {
                throw new IOException("chunk does not end at a frame boundary: " + chunk.substring(start));
            }
        }
        return new Frame(pendingFrames.remove(0));
    }

    /** The next frame that is not a comment. */
    Frame nextEvent(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no event within " + timeout);
            }
            Frame f = nextFrame(Duration.ofNanos(left));
            if (f == null || !f.isComment()) {
                return f;
            }
        }
    }

    /** Frames (comments skipped) until {@code quiet} passes without one; stops at end of body. */
    List<Frame> eventsUntilQuiet(Duration quiet, int max) throws IOException {
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            try {
                Frame f = nextEvent(quiet);
                if (f == null) {
                    break;
                }
                out.add(f);
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        return out;
    }

    /** For non-streamed (error) responses: the Content-Length body. */
    String body() throws IOException {
        int length = Integer.parseInt(header("content-length"));
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    boolean ended() {
        return ended;
    }

    private String readHeaderBlock() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside headers: " + buf);
            }
            buf.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String s = buf.toString(StandardCharsets.ISO_8859_1);
        return s.substring(0, s.length() - 4);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
            }
            if (prev == '\r' && b == '\n') {
                byte[] bytes = buf.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            buf.write(b);
            prev = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
