package com.instainstru.loadtest.jmeter.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The one OkHttp client that the login and send samplers share in a JMeter engine.
 *
 * <p>Calls run synchronously on the JMeter thread (no dispatcher threads). Retries and redirects are off so
 * that one sample is exactly one request and its timings mean what they say. Per-call timeouts come from
 * {@link #withTimeouts}, which shares this client's connection pool.
 */
public final class PluginHttpClient {

    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(2_000, 5, TimeUnit.MINUTES))
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .eventListenerFactory(SampleTimingListener.FACTORY)
            .build();

    private PluginHttpClient() {
    }

    public static OkHttpClient withTimeouts(Duration connect, Duration read) {
        return SHARED.newBuilder()
                .connectTimeout(connect)
                .readTimeout(read)
                .writeTimeout(read)
                .build();
    }
}
