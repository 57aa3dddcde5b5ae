package com.instainstru.loadtest.sse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable description of a stream to open. Build with {@link #builder(URI)}.
 *
 * <p>Defaults: GET, header {@code Accept: text/event-stream} (unless the caller sets its own Accept), connect
 * timeout 10 s, read timeout 0 (none: the backend only sends a comment every 15 s, so a timeout must be chosen
 * by the plan), no Last-Event-ID, {@link ReconnectPolicy#NONE}, queue capacity 10,000, maximum event size 1 MiB. okhttp-eventsource also
 * sends {@code Cache-Control: no-cache} unless a header of that name is given here.
 */
public final class SseRequest {

    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** 1 MiB: far above any chat event, small enough that thousands of streams cannot fill the heap. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
    private static final Duration ERROR_BODY_READ_TIMEOUT = Duration.ofSeconds(5);

    private static final java.util.regex.Pattern MEDIA_TYPE =
            java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\\s*;.*)?");

    private final URI uri;
    private final String method;
    private final byte[] body;
    private final String bodyContentType;
    private final List<Map.Entry<String, String>> headers;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration openTimeout;
    private final String lastEventId;
    private final ReconnectPolicy reconnectPolicy;
    private final int queueCapacity;
    private final int maxEventBytes;

    private SseRequest(Builder b) {
        this.uri = b.uri;
        this.method = b.method;
        this.body = b.body;
        this.bodyContentType = b.bodyContentType;
        List<Map.Entry<String, String>> all = new ArrayList<>(b.headers);
        if (all.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Accept"))) {
            all.add(0, Map.entry("Accept", "text/event-stream"));
        }
        this.headers = Collections.unmodifiableList(all);
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.openTimeout = b.openTimeout;
        this.lastEventId = b.lastEventId;
        this.reconnectPolicy = b.reconnectPolicy;
        this.queueCapacity = b.queueCapacity;
        this.maxEventBytes = b.maxEventBytes;
    }

    /** Starts a builder; {@code uri} must be absolute http or https. */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    public URI uri() {
        return uri;
    }

    /** {@code GET} or {@code POST}. */
    public String method() {
        return method;
    }

    /** Request body (a copy), empty for GET. */
    public byte[] body() {
        return body.clone();
    }

    /** Content type of the body, {@code null} for GET. */
    public String bodyContentType() {
        return bodyContentType;
    }

    /** Headers in the order given, Accept first when defaulted. Values may be secrets: do not log them. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** First value of a header (case-insensitive name) or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Longest silence on an open stream before it fails with {@link CloseReason.Kind#READ_TIMEOUT}; 0 = none. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Longest wait in {@code open()} for the first connection's response headers, connect included; 0 = none
     * beyond the connect and read timeouts. A sampler sets it to the time left before its thread's scheduled
     * end, so a server that accepts and never answers cannot hold the thread past the end of the test.
     */
    public Duration openTimeout() {
        return openTimeout;
    }

    /**
     * How long either transport reads an error response's body for its excerpt: an error body that never ends
     * must not hang {@code open()} (the read timeout may be "none"). 5 s, or the connect timeout when shorter.
     */
    Duration errorBodyReadTimeout() {
        return connectTimeout.compareTo(ERROR_BODY_READ_TIMEOUT) < 0 ? connectTimeout : ERROR_BODY_READ_TIMEOUT;
    }

    /** Sent as {@code Last-Event-ID} on the first connection, or {@code null}. */
    public String lastEventId() {
        return lastEventId;
    }

    public ReconnectPolicy reconnectPolicy() {
        return reconnectPolicy;
    }

    /** Most events kept for {@link SseStream#poll}; beyond it the oldest is dropped and counted. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /**
     * Most bytes one event may take before its end (its field lines with their line ends; a comment line on its
     * own): a larger or endless event ends the stream with {@link CloseReason.Kind#EVENT_TOO_LARGE} and the
     * transport stops buffering it, so a server that never ends an event cannot fill the heap.
     */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    /** A builder pre-filled with this request (headers without the defaulted Accept unless it was explicit). */
    public Builder toBuilder() {
        Builder b = new Builder(uri);
        b.method = method;
        b.body = body;
        b.bodyContentType = bodyContentType;
        b.headers.addAll(headers);
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.openTimeout = openTimeout;
        b.lastEventId = lastEventId;
        b.reconnectPolicy = reconnectPolicy;
        b.queueCapacity = queueCapacity;
        b.maxEventBytes = maxEventBytes;
        return b;
    }

    /** Method and URI only: headers may carry secrets. */
    @Override
    public String toString() {
        return method + " " + uri;
    }

    /** Mutable builder; every setter validates at once with a message naming the bad value. */
    public static final class Builder {
        private final URI uri;
        private String method = "GET";
        private byte[] body = new byte[0];
        private String bodyContentType;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = Duration.ZERO;
        private Duration openTimeout = Duration.ZERO;
        private String lastEventId;
        private ReconnectPolicy reconnectPolicy = ReconnectPolicy.NONE;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int maxEventBytes = DEFAULT_MAX_EVENT_BYTES;

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("SSE URI must be an absolute http or https URI with a host: " + uri);
            }
            // okhttp-eventsource compares the scheme case-sensitively
            this.uri = scheme.equals(uri.getScheme()) ? uri
                    : URI.create(scheme + uri.toString().substring(uri.getScheme().length()));
        }

        /** Plain GET (the default). */
        public Builder get() {
            this.method = "GET";
            this.body = new byte[0];
            this.bodyContentType = null;
            return this;
        }

        /** POST with a body (may be empty) of the given content type, e.g. {@code application/json}. */
        public Builder post(byte[] body, String contentType) {
            Objects.requireNonNull(body, "body");
            requireText(contentType, "POST body content type");
            if (!MEDIA_TYPE.matcher(contentType).matches()) {
                throw new IllegalArgumentException("POST body content type is not a media type: '" + contentType + "'");
            }
            this.method = "POST";
            this.body = body.clone();
            this.bodyContentType = contentType;
            return this;
        }

        /** POST with a UTF-8 text body. */
        public Builder post(String body, String contentType) {
            Objects.requireNonNull(body, "body");
            return post(body.getBytes(StandardCharsets.UTF_8), contentType);
        }

        /** Adds a header line (kept in order; the same name may repeat). */
        public Builder header(String name, String value) {
            validateHeader(name, value);
            headers.add(Map.entry(name, value));
            return this;
        }

        /** Replaces every header of that name (case-insensitive) by one line at the end. */
        public Builder setHeader(String name, String value) {
            validateHeader(name, value);
            headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
            headers.add(Map.entry(name, value));
            return this;
        }

        /** Convenience for {@code Authorization: Bearer <token>}. */
        public Builder bearerToken(String token) {
            requireText(token, "bearer token");
            return setHeader("Authorization", "Bearer " + token);
        }

        public Builder connectTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "connectTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive: " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /** 0 = no limit of its own on open(). */
        public Builder openTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "openTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("openTimeout must not be negative: " + timeout);
            }
            this.openTimeout = timeout;
            return this;
        }

        /** 0 = no read timeout. */
        public Builder readTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "readTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("readTimeout must not be negative: " + timeout);
            }
            this.readTimeout = timeout;
            return this;
        }

        /** {@code null} or empty for none. */
        public Builder lastEventId(String id) {
            if (id != null && (id.indexOf('\r') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\0') >= 0)) {
                throw new IllegalArgumentException("lastEventId must not contain CR, LF or NUL");
            }
            this.lastEventId = id == null || id.isEmpty() ? null : id;
            return this;
        }

        public Builder reconnectPolicy(ReconnectPolicy policy) {
            this.reconnectPolicy = Objects.requireNonNull(policy, "reconnectPolicy");
            return this;
        }

        public Builder queueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, got " + capacity);
            }
            this.queueCapacity = capacity;
            return this;
        }

        /** See {@link SseRequest#maxEventBytes()}; at least 1. */
        public Builder maxEventBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxEventBytes must be at least 1, got " + bytes);
            }
            this.maxEventBytes = bytes;
            return this;
        }

        public SseRequest build() {
            return new SseRequest(this);
        }

        private static void validateHeader(String name, String value) {
            requireText(name, "header name");
            Objects.requireNonNull(value, "value of header " + name);
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c >= 0x7f || c == ':') {
                    throw new IllegalArgumentException("invalid character in header name '" + name + "'");
                }
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < ' ' && c != '\t') || c >= 0x7f) {
                    // the value may be a secret: name the header, never echo the value
                    throw new IllegalArgumentException("control or non-ASCII character in the value of header '" + name + "'");
                }
            }
        }

        private static void requireText(String s, String what) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
        }
    }
}
