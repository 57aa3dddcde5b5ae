package com.instainstru.loadtest.refserver;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Publishes a message to the {@code user:<id>} channel of each participant. */
interface Fanout extends AutoCloseable {
    /** Completes once the message is published (not necessarily delivered) to every participant. */
    CompletableFuture<Void> publish(MessageEvent event, List<String> participantIds);

    @Override
    void close();
}
