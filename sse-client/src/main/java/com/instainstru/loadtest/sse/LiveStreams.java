package com.instainstru.loadtest.sse;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A connector's live streams and the {@link SseConnector#open} sequence both connectors share: check, register,
 * start, wait for the first connection. A stream leaves the set when it ends (its end hook is {@link #remove}) or
 * when its open fails.
 */
final class LiveStreams<S extends AbstractSseStream> {

    private final Set<S> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** The checks every open makes first ({@link OpenChecks}), against this connector's closed flag. */
    void checkOpen(SseRequest request, String streamName, SseEventListener listener)
            throws IOException, InterruptedException {
        OpenChecks.check(request, streamName, listener, closed);
    }

    /**
     * Registers {@code stream}, runs {@code start} (the transport's first connection attempt) and blocks until the
     * stream is open; on failure the stream is no longer live and the failure is rethrown.
     */
    S open(S stream, Runnable start) throws IOException, InterruptedException {
        streams.add(stream);
        if (closed) { // closeAll() ran between checkOpen and add(): it did not see this stream
            stream.close();
        }
        start.run();
        try {
            stream.awaitOpen();
        } catch (IOException | InterruptedException | RuntimeException e) {
            streams.remove(stream); // now, not when the transport gets round to it: callers count live streams
            throw e;
        }
        return stream;
    }

    /** {@code stream} ended (or failed to open): it is no longer live. */
    void remove(SseStream stream) {
        streams.remove(stream);
    }

    int size() {
        return streams.size();
    }

    /** Closes every live stream; later opens fail their checks. */
    void closeAll() {
        closed = true;
        for (S stream : streams) {
            stream.close();
        }
    }
}
