package com.instainstru.loadtest.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;

import org.junit.jupiter.api.Test;

/** The open sequence both connectors share, with a stream whose "transport" is the test itself. */
class LiveStreamsTest {

    private final LiveStreams<FakeStream> streams = new LiveStreams<>();

    @Test
    void anOpenedStreamIsLiveUntilItEnds() throws Exception {
        FakeStream stream = new FakeStream(streams);

        assertThat(streams.open(stream, () -> stream.opens())).isSameAs(stream);
        assertThat(streams.size()).isEqualTo(1);

        stream.ends();
        assertThat(streams.size()).isZero();
    }

    @Test
    void aFailedOpenIsRethrownAndNoLongerLive() {
        FakeStream stream = new FakeStream(streams);
        IOException failure = new IOException("refused");

        assertThatThrownBy(() -> streams.open(stream, () -> stream.failsToOpen(failure))).isSameAs(failure);
        assertThat(streams.size()).isZero();
    }

    @Test
    void aStreamRegisteredAfterCloseAllIsClosedBeforeItStarts() {
        streams.closeAll();
        FakeStream stream = new FakeStream(streams);

        assertThatThrownBy(() -> streams.open(stream, () -> stream.opens()))
                .isInstanceOf(IOException.class).hasMessageContaining("closed while opening");
        assertThat(stream.closeReason()).isEqualTo(CloseReason.clientClosed());
        assertThat(streams.size()).isZero();
        assertThatThrownBy(() -> streams.checkOpen(stream.request(), "next", stream.listener))
                .isInstanceOf(IOException.class).hasMessageContaining("connector is closed");
    }

    private static final class FakeStream extends AbstractSseStream {
        final SseEventListener listener;

        FakeStream(LiveStreams<FakeStream> streams) {
            this(streams, (stream, event) -> { });
        }

        private FakeStream(LiveStreams<FakeStream> streams, SseEventListener listener) {
            super("fake", SseRequest.builder(URI.create("http://127.0.0.1:1/")).build(), listener, streams::remove);
            this.listener = listener;
        }

        void opens() {
            completeOpen(null, System.nanoTime());
        }

        void failsToOpen(IOException failure) {
            failOpen(failure);
        }

        void ends() {
            finish(CloseReason.serverEnded(false), true);
        }

        @Override
        public long bytesReceived() {
            return 0;
        }

        @Override
        public void close() {
            if (beginClose()) {
                closedForUsers();
            }
        }
    }
}
