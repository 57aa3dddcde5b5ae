package com.instainstru.loadtest.jmeter.testing;

import java.util.ArrayList;
import java.util.List;

import com.instainstru.loadtest.sse.SseConnector;
import com.instainstru.loadtest.sse.SseEventListener;
import com.instainstru.loadtest.sse.SseRequest;
import com.instainstru.loadtest.sse.SseStream;

/** A connector whose every open hands out the same {@link ScriptedSseStream}, with no network at all. */
public final class ScriptedSseConnector implements SseConnector {

    private final ScriptedSseStream stream;
    private final List<SseRequest> requests = new ArrayList<>();

    public ScriptedSseConnector(ScriptedSseStream stream) {
        this.stream = stream;
    }

    @Override
    public SseStream open(SseRequest request, String streamName, SseEventListener listener) {
        requests.add(request);
        stream.opened(request, streamName);
        return stream;
    }

    /** The requests opened so far, in order. */
    public List<SseRequest> requests() {
        return requests;
    }

    @Override
    public int liveStreams() {
        return stream.isOpen() ? 1 : 0;
    }

    @Override
    public void close() {
        stream.close();
    }
}
