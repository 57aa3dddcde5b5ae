package com.instainstru.loadtest.sse;

import static com.instainstru.loadtest.sse.StreamLifecycleTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two {@link SseConnector}s the contract tests run against ({@code @ParameterizedClass} over this enum):
 * every behaviour a sampler relies on must be the same on both.
 */
enum Transport {
    /** okhttp-eventsource, one platform reader thread per stream. */
    OKHTTP {
        @Override
        SseConnector connector() {
            return OkHttpSseConnector.builder().readerThreads(ReaderThreads.forSetting("platform")).build();
        }

        @Override
        void assertReaderEnded(SseStream stream) throws InterruptedException {
            Thread reader = ((OkHttpSseStream) stream).readerThread();
            reader.join(5_000);
            assertThat(reader.isAlive()).as("reader thread of " + stream.name()).isFalse();
        }

        @Override
        boolean isReaderThread(Thread thread, String streamName) {
            return thread.getName().equals("sse-reader-" + streamName) && thread.isDaemon();
        }
    },
    /** Netty event loops (two), no thread per stream. */
    NETTY {
        @Override
        SseConnector connector() {
            return new NettySseConnector(2);
        }

        @Override
        void assertReaderEnded(SseStream stream) throws Exception {
            NettySseStream netty = (NettySseStream) stream;
            waitUntil(netty::hasEnded);
        }

        @Override
        boolean isReaderThread(Thread thread, String streamName) {
            return thread.getName().startsWith("sse-io-") && thread.isDaemon();
        }
    };

    abstract SseConnector connector();

    /** The stream's reading side has stopped for good (its thread, or its channel and timers). */
    abstract void assertReaderEnded(SseStream stream) throws Exception;

    /** {@code thread} is the one that reads {@code streamName}'s socket and calls its listener. */
    abstract boolean isReaderThread(Thread thread, String streamName);
}
