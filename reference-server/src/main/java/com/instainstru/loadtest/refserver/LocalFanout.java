package com.instainstru.loadtest.refserver;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** In-process fan-out: straight to the stream hub. */
final class LocalFanout implements Fanout {
    private final StreamHub hub;

    LocalFanout(StreamHub hub) {
        this.hub = hub;
    }

    @Override
    public CompletableFuture<Void> publish(MessageEvent event, List<String> participantIds) {
        for (String userId : participantIds) {
            hub.deliverToUser(userId, event);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
