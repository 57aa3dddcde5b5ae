package com.instainstru.loadtest.sse;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.HttpConnectStrategy;
import com.launchdarkly.logging.LDLogger;

import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.RequestBody;

/**
 * {@link SseConnector} over okhttp-eventsource 4.1.1 and OkHttp 4.12.
 *
 * <p>One {@link OkHttpClient} per connector; every stream gets a cheap derived client
 * ({@code newBuilder()}: same connection pool and dispatcher) carrying its timeouts and its
 * {@link ConnectionProbe}. The client is handed to okhttp-eventsource with {@code httpClient(...)}, so
 * okhttp-eventsource neither builds its own client per stream nor shuts ours down, and its
 * {@code clientBuilderActions} are not used. okhttp-eventsource's logger is {@link LDLogger#none()}.
 *
 * <p>Defaults chosen for load generation: HTTP/1.1 only, so every stream has its own TCP connection like
 * separate browsers (HTTP/2 would multiplex all virtual users over one connection; enable it with
 * {@link Builder#allowHttp2}); no silent OkHttp retry on connection failure (a failure must show in the
 * results); redirects followed.
 *
 * <p>Per stream: one reader thread ({@link ReaderThreads}), one socket, a few small objects and the event
 * queue (empty when samplers keep up; at most {@link SseRequest#queueCapacity()} events). No other threads.
 */
public final class OkHttpSseConnector implements SseConnector {

    private final OkHttpClient client;
    private final ReaderThreads readerThreads;
    private final LiveStreams<OkHttpSseStream> streams = new LiveStreams<>();

    /** A connector with the defaults (reader threads from {@link ReaderThreads#fromSystemProperties()}). */
    public OkHttpSseConnector() {
        this(builder());
    }

    private OkHttpSseConnector(Builder b) {
        this.readerThreads = b.readerThreads;
        OkHttpClient.Builder client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(b.maxIdleConnections, b.keepAlive.toMillis(), TimeUnit.MILLISECONDS))
                .retryOnConnectionFailure(false)
                .followRedirects(true)
                .writeTimeout(b.writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!b.allowHttp2) {
            client.protocols(List.of(Protocol.HTTP_1_1));
        }
        this.client = client.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SseStream open(SseRequest request, String streamName, SseEventListener listener)
            throws IOException, InterruptedException {
        streams.checkOpen(request, streamName, listener);
        ReconnectPolicy policy = request.reconnectPolicy();
        ConnectionProbe probe = new ConnectionProbe(!policy.isEnabled() || policy.resumeWithLastEventId(),
                request.errorBodyReadTimeout(), request.maxEventBytes());
        OkHttpSseStream stream = new OkHttpSseStream(streamName, request, listener, probe, streams::remove);
        EventSource source = eventSource(request, probe, stream);
        return streams.open(stream, () -> stream.start(source, readerThreads));
    }

    private EventSource eventSource(SseRequest request, ConnectionProbe probe, OkHttpSseStream stream) {
        OkHttpClient streamClient = client.newBuilder()
                .connectTimeout(request.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(request.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .addInterceptor(probe.interceptor())
                .eventListenerFactory(probe.listenerFactory())
                .build();
        Headers.Builder headers = new Headers.Builder();
        for (Map.Entry<String, String> h : request.headers()) {
            headers.add(h.getKey(), h.getValue());
        }
        HttpConnectStrategy http = ConnectStrategy.http(request.uri())
                .httpClient(streamClient)
                .headers(headers.build());
        if (request.method().equals("POST")) {
            http = http.methodAndBody("POST",
                    RequestBody.create(request.body(), MediaType.get(request.bodyContentType())));
        }
        ReconnectPolicy policy = request.reconnectPolicy();
        return new EventSource.Builder(http)
                .logger(LDLogger.none())
                .lastEventId(request.lastEventId())
                .errorStrategy(ReconnectStrategies.errorStrategy(policy, stream::mayReconnect))
                .retryDelay(policy.baseDelay().toMillis(), TimeUnit.MILLISECONDS)
                .retryDelayStrategy(ReconnectStrategies.delayStrategy(policy, probe::eventStreams))
                .build();
    }

    @Override
    public int liveStreams() {
        return streams.size();
    }

    public ReaderThreads readerThreads() {
        return readerThreads;
    }

    /** Closes every live stream (without waiting for the network) and drops idle pooled connections. */
    @Override
    public void close() {
        streams.closeAll();
        client.connectionPool().evictAll();
    }

    /** Connector options. */
    public static final class Builder {
        private ReaderThreads readerThreads = ReaderThreads.fromSystemProperties();
        private boolean allowHttp2;
        // No reuse by default: each stream gets its own fresh connection, as a browser's EventSource does, and a
        // connection the server closed after a stream ended can never turn the next open into a spurious failure.
        private int maxIdleConnections = 0;
        private Duration keepAlive = Duration.ofMinutes(5);
        private Duration writeTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder readerThreads(ReaderThreads threads) {
            this.readerThreads = Objects.requireNonNull(threads, "readerThreads");
            return this;
        }

        /** Let OkHttp negotiate HTTP/2 over TLS (all streams to a host then share a connection). Default false. */
        public Builder allowHttp2(boolean allow) {
            this.allowHttp2 = allow;
            return this;
        }

        /** Idle connections kept for reuse (streams in use are not idle and not limited). Default 0: no reuse. */
        public Builder maxIdleConnections(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxIdleConnections must not be negative: " + max);
            }
            this.maxIdleConnections = max;
            return this;
        }

        /** How long an idle connection is kept. Default 5 minutes. */
        public Builder keepAlive(Duration keepAlive) {
            Objects.requireNonNull(keepAlive, "keepAlive");
            if (keepAlive.isNegative() || keepAlive.isZero()) {
                throw new IllegalArgumentException("keepAlive must be positive: " + keepAlive);
            }
            this.keepAlive = keepAlive;
            return this;
        }

        /** Timeout for sending the request. Default 10 s. */
        public Builder writeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "writeTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("writeTimeout must not be negative: " + timeout);
            }
            this.writeTimeout = timeout;
            return this;
        }

        public OkHttpSseConnector build() {
            return new OkHttpSseConnector(this);
        }
    }
}
