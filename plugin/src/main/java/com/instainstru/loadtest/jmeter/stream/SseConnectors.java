package com.instainstru.loadtest.jmeter.stream;

import com.instainstru.loadtest.sse.OkHttpSseConnector;
import com.instainstru.loadtest.sse.SseConnector;

/**
 * The engine-wide SSE connector: one OkHttp client and connection pool for all streams of this JMeter engine,
 * created on first use.
 */
final class SseConnectors {

    private static volatile SseConnector shared;

    private SseConnectors() {
    }

    static SseConnector shared() {
        SseConnector connector = shared;
        if (connector == null) {
            synchronized (SseConnectors.class) {
                connector = shared;
                if (connector == null) {
                    connector = new OkHttpSseConnector();
                    shared = connector;
                }
            }
        }
        return connector;
    }
}
