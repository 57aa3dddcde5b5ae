package com.instainstru.loadtest.jmeter.stream;

import java.util.Locale;

import org.apache.jmeter.util.JMeterUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.instainstru.loadtest.sse.NettySseConnector;
import com.instainstru.loadtest.sse.OkHttpSseConnector;
import com.instainstru.loadtest.sse.SseConnector;
import com.instainstru.loadtest.sse.SseRequest;

/**
 * The engine-wide SSE connector, created on first use and shared by every stream of this JMeter engine.
 *
 * <p>Property {@value #TRANSPORT_PROPERTY} (JMeter {@code -J} or system {@code -D}) picks it:
 * {@code netty} (default: a few event-loop threads read every stream, no thread per stream) or {@code okhttp}
 * (okhttp-eventsource, one reader thread per stream; for HTTP/2 or a system proxy). {@value #IO_THREADS_PROPERTY}
 * sets the Netty event-loop threads (default: one per core). {@value #MAX_EVENT_BYTES_PROPERTY} sets every stream's
 * maximum event size in bytes (default {@link SseRequest#DEFAULT_MAX_EVENT_BYTES}, 1 MiB).
 */
final class SseConnectors {

    static final String TRANSPORT_PROPERTY = "sse.transport";
    static final String IO_THREADS_PROPERTY = NettySseConnector.IO_THREADS_PROPERTY;
    static final String MAX_EVENT_BYTES_PROPERTY = "sse.max.event.bytes";

    private static final Logger log = LoggerFactory.getLogger(SseConnectors.class);
    private static volatile SseConnector shared;

    private SseConnectors() {
    }

    static SseConnector shared() {
        SseConnector connector = shared;
        if (connector == null) {
            synchronized (SseConnectors.class) {
                connector = shared;
                if (connector == null) {
                    connector = create(property(TRANSPORT_PROPERTY, "netty"), property(IO_THREADS_PROPERTY, ""));
                    shared = connector;
                }
            }
        }
        return connector;
    }

    /** The connector for a transport name and an io-thread count ("" = one per core). */
    static SseConnector create(String transport, String ioThreads) {
        switch (transport.strip().toLowerCase(Locale.ROOT)) {
            case "netty":
                int threads = ioThreads.isBlank() ? Runtime.getRuntime().availableProcessors() : parseThreads(ioThreads);
                log.info("SSE transport: Netty event loops, {} threads", threads);
                return new NettySseConnector(threads);
            case "okhttp":
                OkHttpSseConnector okhttp = new OkHttpSseConnector();
                log.info("SSE transport: okhttp-eventsource, one {} reader thread per stream",
                        okhttp.readerThreads().mode().name().toLowerCase(Locale.ROOT));
                return okhttp;
            default:
                throw new IllegalArgumentException(TRANSPORT_PROPERTY + " must be netty or okhttp, got '" + transport + "'");
        }
    }

    /** The maximum event size for a stream opened now: {@value #MAX_EVENT_BYTES_PROPERTY}, or 1 MiB. */
    static int maxEventBytes() {
        return parseMaxEventBytes(property(MAX_EVENT_BYTES_PROPERTY, ""));
    }

    static int parseMaxEventBytes(String value) {
        return value.isBlank() ? SseRequest.DEFAULT_MAX_EVENT_BYTES
                : atLeastOne(MAX_EVENT_BYTES_PROPERTY, value, "a whole number of bytes");
    }

    private static int parseThreads(String value) {
        return atLeastOne(IO_THREADS_PROPERTY, value, "a whole number");
    }

    /** A property's whole-number value of at least 1, or a message naming the property and the bad value. */
    private static int atLeastOne(String property, String value, String what) {
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(property + " must be " + what + " of at least 1, got '" + value + "'");
    }

    private static String property(String name, String defaultValue) {
        String value = JMeterUtils.getJMeterProperties() == null ? null : JMeterUtils.getProperty(name);
        return value != null ? value : System.getProperty(name, defaultValue);
    }
}
