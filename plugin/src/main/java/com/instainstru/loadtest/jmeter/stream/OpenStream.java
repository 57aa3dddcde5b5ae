package com.instainstru.loadtest.jmeter.stream;

import com.instainstru.loadtest.correlation.StreamTicket;
import com.instainstru.loadtest.sse.SseStream;

/**
 * A stream this JMeter thread holds: the connection, its ledger ticket (null when the stream is not
 * correlated), and the monotonic time its response headers arrived, from which {@code ttfe} is measured.
 */
record OpenStream(SseStream stream, StreamTicket ticket, long headersNanos, long headersEpochMillis) {
}
