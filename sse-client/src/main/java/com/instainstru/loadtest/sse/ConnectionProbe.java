package com.instainstru.loadtest.sse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * Per-stream OkHttp glue: an {@link EventListener} per call measures connect and header times and remembers the
 * call so {@link #cancel()} can abort a connect in progress (okhttp-eventsource only cancels calls that already
 * have a response); an application {@link Interceptor} turns non-2xx and wrong content types into
 * {@link SseHttpException} / {@link SseContentTypeException} with the body excerpt (okhttp-eventsource would
 * throw the body away), and counts body bytes.
 */
final class ConnectionProbe {

    /** Timing and headers of one HTTP attempt (the first connect or a reconnect). */
    record Attempt(int status, Headers responseHeaders, String redactedRequestHeaders, long startEpochMillis,
                   long connectMillis, long headersMillis, long headerBytes) {
    }

    private final boolean resumeWithLastEventId;
    private final Duration errorBodyReadTimeout;
    private final int maxEventBytes;
    private volatile EventSizeGuard currentBody;
    private final AtomicLong bodyBytes = new AtomicLong();
    private final AtomicLong eventStreams = new AtomicLong();
    private volatile boolean cancelled;
    private volatile boolean opened;
    private volatile boolean readingBody;
    private volatile Call currentCall;
    private volatile AttemptListener currentListener;
    private volatile Attempt lastAttempt;

    ConnectionProbe(boolean resumeWithLastEventId, Duration errorBodyReadTimeout, int maxEventBytes) {
        this.resumeWithLastEventId = resumeWithLastEventId;
        this.errorBodyReadTimeout = errorBodyReadTimeout;
        this.maxEventBytes = maxEventBytes;
    }

    EventListener.Factory listenerFactory() {
        return call -> new AttemptListener();
    }

    Interceptor interceptor() {
        return this::intercept;
    }

    /** Aborts the call in progress (connect, headers or body) and refuses new ones. Never blocks. */
    void cancel() {
        cancelled = true;
        Call call = currentCall;
        if (call != null) {
            call.cancel();
        }
    }

    /** The stream's first connection succeeded: later calls are reconnects. */
    void markOpened() {
        opened = true;
    }

    /** True while the latest attempt got a good response and its body is being read. */
    boolean readingBody() {
        return readingBody;
    }

    long bodyBytes() {
        return bodyBytes.get();
    }

    /** True when the latest body ended (or is) in the middle of an event. */
    boolean midEvent() {
        EventSizeGuard guard = currentBody;
        return guard != null && guard.midEvent();
    }

    /** How many attempts got a 2xx event stream (the open and every successful reconnect). */
    long eventStreams() {
        return eventStreams.get();
    }

    /** The latest attempt that produced a 2xx event stream. */
    Attempt lastAttempt() {
        return lastAttempt;
    }

    private Response intercept(Interceptor.Chain chain) throws IOException {
        if (cancelled) {
            throw new IOException("SSE stream closed");
        }
        Request request = chain.request();
        if (opened && !resumeWithLastEventId) {
            request = request.newBuilder().removeHeader("Last-Event-ID").build();
        }
        Response response = chain.proceed(request);
        if (!response.isSuccessful()) {
            String excerpt = readExcerpt(response);
            response.close();
            throw new SseHttpException(response.code(), response.message(),
                    HeaderMaps.toMap(response.headers()), excerpt);
        }
        String contentType = response.header("Content-Type");
        if (!isEventStream(contentType)) {
            String excerpt = readExcerpt(response);
            response.close();
            throw new SseContentTypeException(response.code(), contentType, excerpt);
        }
        AttemptListener listener = currentListener;
        lastAttempt = listener == null ? fallbackAttempt(response) : listener.toAttempt(response);
        readingBody = true;
        eventStreams.incrementAndGet();
        EventSizeGuard guard = new EventSizeGuard(maxEventBytes);
        currentBody = guard;
        return response.newBuilder().body(new CountingBody(response.body(), bodyBytes, guard)).build();
    }

    static boolean isEventStream(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        return type.equals("text/event-stream");
    }

    private String readExcerpt(Response response) {
        ResponseBody body = response.body();
        if (body == null) {
            return "";
        }
        try {
            BufferedSource source = body.source();
            // an error body that never ends must not hang open(); the stream's read timeout may be "none"
            source.timeout().timeout(errorBodyReadTimeout.toMillis(), TimeUnit.MILLISECONDS);
            source.request(SseHttpException.BODY_EXCERPT_LIMIT);
        } catch (IOException e) {
            // keep whatever arrived before the failure
        }
        Buffer buffered = body.source().getBuffer();
        long n = Math.min(buffered.size(), SseHttpException.BODY_EXCERPT_LIMIT);
        MediaType type = body.contentType();
        Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
        return new String(buffered.snapshot((int) n).toByteArray(), charset);
    }

    private static Attempt fallbackAttempt(Response response) {
        return new Attempt(response.code(), response.headers(),
                HeaderMaps.redactedLines(response.request().headers()),
                response.sentRequestAtMillis(), 0,
                response.receivedResponseAtMillis() - response.sentRequestAtMillis(),
                headerBlockBytes(response));
    }

    static long headerBlockBytes(Response response) {
        // status line "HTTP/1.1 200 OK\r\n", the header lines, the empty line
        String protocol = response.protocol() == Protocol.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1";
        long statusLine = protocol.length() + 1 + 3 + 1 + response.message().length() + 2;
        return statusLine + response.headers().byteCount() + 2; // byteCount() includes ": " and CRLF
    }

    /** Listener of one call; becomes the probe's current attempt at call start. */
    private final class AttemptListener extends EventListener {
        private volatile long callStartNanos;
        private volatile long callStartEpochMillis;
        private volatile long connectStartNanos;
        private volatile long connectEndNanos;
        private volatile long headersEndNanos;
        private volatile Headers requestHeaders = Headers.of();

        @Override
        public void callStart(Call call) {
            callStartNanos = System.nanoTime();
            callStartEpochMillis = System.currentTimeMillis();
            readingBody = false;
            currentListener = this;
            currentCall = call;
            if (cancelled) {
                call.cancel();
            }
        }

        @Override
        public void dnsStart(Call call, String domainName) {
            markConnectStart();
        }

        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            markConnectStart();
        }

        @Override
        public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
            connectEndNanos = System.nanoTime();
        }

        @Override
        public void connectionAcquired(Call call, Connection connection) {
            if (connectEndNanos == 0) {
                connectStartNanos = 0; // pooled connection: no connect cost
            }
        }

        @Override
        public void requestHeadersEnd(Call call, Request request) {
            requestHeaders = request.headers();
        }

        @Override
        public void responseHeadersEnd(Call call, Response response) {
            headersEndNanos = System.nanoTime();
        }

        private void markConnectStart() {
            if (connectStartNanos == 0) {
                connectStartNanos = System.nanoTime();
            }
        }

        Attempt toAttempt(Response response) {
            long connect = connectStartNanos != 0 && connectEndNanos != 0 ? connectEndNanos - connectStartNanos : 0;
            long headersEnd = headersEndNanos != 0 ? headersEndNanos : System.nanoTime();
            return new Attempt(response.code(), response.headers(), HeaderMaps.redactedLines(requestHeaders),
                    callStartEpochMillis, TimeUnit.NANOSECONDS.toMillis(connect),
                    TimeUnit.NANOSECONDS.toMillis(headersEnd - callStartNanos), headerBlockBytes(response));
        }
    }

    /**
     * Counts body bytes as the parser pulls them off the socket, fails the read once an event passes the size
     * limit (before okhttp-eventsource buffers it), and drops one leading UTF-8 BOM: the SSE spec
     * says to ignore it, okhttp-eventsource 4.1.1 would glue it to the first field name and lose that field.
     */
    private static final class CountingBody extends ResponseBody {
        private static final ByteString BOM = ByteString.decodeHex("efbbbf");

        private final ResponseBody delegate;
        private final BufferedSource source;

        CountingBody(ResponseBody delegate, AtomicLong counter, EventSizeGuard guard) {
            this.delegate = delegate;
            BufferedSource raw = delegate.source();
            Source counting = new ForwardingSource(raw) {
                private boolean first = true;

                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                    if (first) {
                        first = false;
                        // blocks only as long as this first read would have anyway
                        if (raw.request(BOM.size()) && raw.rangeEquals(0, BOM)) {
                            raw.skip(BOM.size());
                            counter.addAndGet(BOM.size());
                        }
                    }
                    long before = sink.size();
                    long n = super.read(sink, byteCount);
                    if (n > 0) {
                        counter.addAndGet(n);
                        guardNewBytes(sink, before, guard);
                    }
                    return n;
                }
            };
            this.source = Okio.buffer(counting);
        }

        /** Scans the bytes this read appended, in place (segment by segment): no copy per read. */
        private static void guardNewBytes(Buffer sink, long from, EventSizeGuard guard) throws IOException {
            try (Buffer.UnsafeCursor cursor = sink.readUnsafe()) {
                for (int length = cursor.seek(from); length != -1; length = cursor.next()) {
                    guard.accept(cursor.data, cursor.start, cursor.end - cursor.start);
                }
            }
        }

        @Override
        public MediaType contentType() {
            return delegate.contentType();
        }

        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public BufferedSource source() {
            return source;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
