package com.instainstru.loadtest.sse;

import java.io.IOException;

/**
 * Opens SSE streams; the seam samplers depend on (mock it in sampler tests).
 */
public interface SseConnector extends AutoCloseable {

    /**
     * Sends the request and blocks until the response headers arrived.
     *
     * @param request what to open
     * @param streamName a short name for the stream (thread name {@code sse-reader-<streamName>}, messages)
     * @param listener called on the reader thread for every event; use {@link SseEventListener#NONE} for none
     * @return the open stream; the caller owns it and must close it
     * @throws SseHttpException on a non-2xx status
     * @throws SseContentTypeException when a 2xx response is not {@code text/event-stream}
     * @throws IOException on connect failure or timeout, or when the stream/connector was closed while opening
     * @throws InterruptedException when the calling thread is interrupted while waiting (the attempt is cancelled)
     */
    SseStream open(SseRequest request, String streamName, SseEventListener listener)
            throws IOException, InterruptedException;

    /** Streams opened (or opening) and not yet ended. */
    int liveStreams();

    /** Closes every stream this connector opened or is opening; later {@link #open} calls fail. */
    @Override
    void close();
}
