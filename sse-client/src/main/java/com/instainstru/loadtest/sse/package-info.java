/**
 * Server-Sent Events protocol layer for the load test: {@link com.instainstru.loadtest.sse.SseConnector}
 * opens a stream described by an {@link com.instainstru.loadtest.sse.SseRequest}, a reader per stream stamps
 * and parses events as they come off the socket, and samplers take them with
 * {@link com.instainstru.loadtest.sse.SseStream#poll(java.time.Duration)}.
 *
 * <p>No JMeter types appear here; the JMeter samplers keep an {@code SseStream} per JMeter thread and use
 * {@code SseConnector} as their mockable seam. The only implementation over the network is
 * {@link com.instainstru.loadtest.sse.OkHttpSseConnector} (okhttp-eventsource 4.1.1 over OkHttp 4.12).
 */
package com.instainstru.loadtest.sse;
