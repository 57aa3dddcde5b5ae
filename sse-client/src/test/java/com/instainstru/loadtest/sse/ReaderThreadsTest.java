package com.instainstru.loadtest.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReaderThreadsTest {

    private static final boolean JAVA_21 = Runtime.version().feature() >= 21;

    private static boolean isVirtual(Thread t) throws Exception {
        if (!JAVA_21) {
            return false;
        }
        Method m = Thread.class.getMethod("isVirtual");
        return (Boolean) m.invoke(t);
    }

    @Test
    void availabilityMatchesTheJavaVersion() {
        assertThat(ReaderThreads.virtualThreadsAvailable()).isEqualTo(JAVA_21);
    }

    @Test
    void automaticPicksVirtualWhereAvailable() {
        ReaderThreads auto = ReaderThreads.forSetting(null);
        assertThat(auto.mode()).isEqualTo(JAVA_21 ? ReaderThreads.Mode.VIRTUAL : ReaderThreads.Mode.PLATFORM);
        assertThat(auto.fellBack()).isFalse();
        assertThat(ReaderThreads.forSetting(" ").mode()).isEqualTo(auto.mode());
    }

    @Test
    void platformOverrideGivesASmallStackDaemon() throws Exception {
        ReaderThreads platform = ReaderThreads.forSetting("PLATFORM");
        assertThat(platform.mode()).isEqualTo(ReaderThreads.Mode.PLATFORM);
        CompletableFuture<String> ran = new CompletableFuture<>();
        Thread t = platform.start("s1", () -> ran.complete(Thread.currentThread().getName()));
        assertThat(ran.get(5, TimeUnit.SECONDS)).isEqualTo("sse-reader-s1");
        assertThat(t.isDaemon()).isTrue();
        assertThat(isVirtual(t)).isFalse();
        t.join(5_000);
    }

    @Test
    void virtualOverrideUsesVirtualThreadsOrFallsBackOnJava17() throws Exception {
        ReaderThreads virtual = ReaderThreads.forSetting("virtual");
        assertThat(virtual.mode()).isEqualTo(JAVA_21 ? ReaderThreads.Mode.VIRTUAL : ReaderThreads.Mode.PLATFORM);
        assertThat(virtual.fellBack()).isEqualTo(!JAVA_21);
        CompletableFuture<String> ran = new CompletableFuture<>();
        Thread t = virtual.start("s2", () -> ran.complete(Thread.currentThread().getName()));
        assertThat(ran.get(5, TimeUnit.SECONDS)).isEqualTo("sse-reader-s2");
        assertThat(isVirtual(t)).isEqualTo(JAVA_21);
        t.join(5_000);
    }

    @Test
    void systemPropertyDrivesTheDefault() {
        String old = System.getProperty(ReaderThreads.PROPERTY);
        try {
            System.setProperty(ReaderThreads.PROPERTY, "platform");
            assertThat(ReaderThreads.fromSystemProperties().mode()).isEqualTo(ReaderThreads.Mode.PLATFORM);
            try (OkHttpSseConnector connector = new OkHttpSseConnector()) {
                assertThat(connector.readerThreads().mode()).isEqualTo(ReaderThreads.Mode.PLATFORM);
            }
            System.setProperty(ReaderThreads.PROPERTY, "fibers");
            assertThatThrownBy(ReaderThreads::fromSystemProperties)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sse.reader.threads must be 'virtual' or 'platform', got 'fibers'");
        } finally {
            if (old == null) {
                System.clearProperty(ReaderThreads.PROPERTY);
            } else {
                System.setProperty(ReaderThreads.PROPERTY, old);
            }
        }
    }

    @Test
    void streamsReadOnTheChosenKindOfThread() throws Exception {
        for (String setting : new String[] {"platform", "virtual"}) {
            ReaderThreads threads = ReaderThreads.forSetting(setting);
            try (ScriptedServer server = new ScriptedServer(ScriptedServer.eventsThenHold("data: hi\n\n"));
                 OkHttpSseConnector connector = OkHttpSseConnector.builder().readerThreads(threads).build()) {
                CompletableFuture<Thread> readerSeen = new CompletableFuture<>();
                SseStream stream = connector.open(SseRequest.builder(server.uri("/s")).build(), "kind-" + setting,
                        (s, e) -> readerSeen.complete(Thread.currentThread()));
                Thread reader = readerSeen.get(10, TimeUnit.SECONDS);
                assertThat(reader.getName()).isEqualTo("sse-reader-kind-" + setting);
                assertThat(isVirtual(reader)).isEqualTo(threads.mode() == ReaderThreads.Mode.VIRTUAL);
                assertThat(stream.poll(Duration.ofSeconds(5)).data()).isEqualTo("hi");
                stream.close();
            }
        }
    }
}
