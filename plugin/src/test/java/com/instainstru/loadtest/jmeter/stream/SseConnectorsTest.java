package com.instainstru.loadtest.jmeter.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.sse.NettySseConnector;
import com.instainstru.loadtest.sse.OkHttpSseConnector;
import com.instainstru.loadtest.sse.SseConnector;

class SseConnectorsTest {

    @Test
    void nettyIsChosenByNameWithTheGivenThreads() {
        try (SseConnector connector = SseConnectors.create(" Netty ", "3")) {
            assertThat(connector).isInstanceOf(NettySseConnector.class);
            assertThat(((NettySseConnector) connector).ioThreads()).isEqualTo(3);
        }
    }

    @Test
    void nettyDefaultsToOneThreadPerCore() {
        try (SseConnector connector = SseConnectors.create("netty", "")) {
            assertThat(((NettySseConnector) connector).ioThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void okhttpIsTheOtherChoice() {
        try (SseConnector connector = SseConnectors.create("okhttp", "")) {
            assertThat(connector).isInstanceOf(OkHttpSseConnector.class);
        }
    }

    @Test
    void anUnknownTransportIsAClearError() {
        assertThatThrownBy(() -> SseConnectors.create("websocket", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sse.transport must be netty or okhttp, got 'websocket'");
    }

    @Test
    void aBadThreadCountIsAClearError() {
        assertThatThrownBy(() -> SseConnectors.create("netty", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sse.io.threads must be a whole number of at least 1, got '0'");
        assertThatThrownBy(() -> SseConnectors.create("netty", "many"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sse.io.threads must be a whole number of at least 1, got 'many'");
    }

    @Test
    void maxEventBytesDefaultsToOneMebibyteAndABadValueIsAClearError() {
        assertThat(SseConnectors.parseMaxEventBytes("")).isEqualTo(1_048_576);
        assertThat(SseConnectors.parseMaxEventBytes(" 65536 ")).isEqualTo(65_536);
        assertThatThrownBy(() -> SseConnectors.parseMaxEventBytes("1MB"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sse.max.event.bytes must be a whole number of bytes of at least 1, got '1MB'");
    }
}
