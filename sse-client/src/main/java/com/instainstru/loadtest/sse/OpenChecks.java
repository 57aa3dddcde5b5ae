package com.instainstru.loadtest.sse;

import java.io.IOException;
import java.util.Objects;

/** The argument and state checks every {@link SseConnector#open} makes first, with the same messages. */
final class OpenChecks {

    private OpenChecks() {
    }

    static void check(SseRequest request, String streamName, SseEventListener listener, boolean connectorClosed)
            throws IOException, InterruptedException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        if (streamName == null || streamName.isBlank()) {
            throw new IllegalArgumentException("streamName must not be blank");
        }
        if (connectorClosed) {
            throw new IOException("SSE connector is closed; cannot open '" + streamName + "'");
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before opening SSE stream '" + streamName + "'");
        }
    }
}
