package com.instainstru.loadtest.jmeter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.threads.ThreadGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.stream.SseOpenSampler;
import com.instainstru.loadtest.jmeter.testing.Elements;
import com.instainstru.loadtest.jmeter.testing.JMeterHarness;

/** A login or SSE open blocked on a silent server ends at the thread group's scheduled end, not after its timeout (issue 9, item 8). */
class LoginScheduledEndTest {

    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private ServerSocket silent;

    @AfterEach
    void stop() throws IOException {
        for (Socket s : accepted) {
            s.close();
        }
        if (silent != null) {
            silent.close();
        }
    }

    private void startSilentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept()); // accepts, never answers
                }
            } catch (IOException closed) {
                // test over
            }
        }, "silent server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Runs {@code sampler} once in a group scheduled for 2 s against the silent server: its one failed sample, which
     * must come well before the sampler's own timeout (generous slack for a loaded machine).
     */
    private SampleResult cutAtTheScheduledEnd(TestElement sampler, String timeoutNote) {
        ThreadGroup group = JMeterHarness.threadGroup("users", 1, 1);
        group.setScheduler(true);
        group.setDuration(2);
        long start = System.nanoTime();
        List<SampleResult> results = new JMeterHarness.Plan().group(group, sampler).run();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(results).hasSize(1);
        assertThat(results.get(0).isSuccessful()).isFalse();
        assertThat(elapsedMs).as("test took %d ms with a 2 s duration and %s", elapsedMs, timeoutNote)
                .isLessThan(25_000); // 2 s + the 5 s grace after the end; the sampler's own wait is 30 s or none
        return results.get(0);
    }

    @Test
    void aLoginOnASilentServerIsCutOffAtTheScheduledEnd() throws Exception {
        startSilentServer();
        FormLoginSampler sampler = Elements.loginAt(
                "http://127.0.0.1:" + silent.getLocalPort() + "/api/v1/auth/login", 30_000);
        SampleResult login = cutAtTheScheduledEnd(sampler, "a 30 s login timeout");
        assertThat(login.getResponseMessage()).contains("timed out");
    }

    @Test
    void anSseOpenOnASilentServerIsCutOffAtTheScheduledEnd() throws Exception {
        startSilentServer();
        SseOpenSampler sampler = Elements.openAt("http://127.0.0.1:" + silent.getLocalPort() + "/api/v1/messages/stream");
        sampler.setProperty("correlate", false);
        sampler.setProperty("readTimeoutMs", 0); // no read timeout: only the scheduled end can cut the wait
        SampleResult open = cutAtTheScheduledEnd(sampler, "no read timeout");
        assertThat(open.getResponseMessage()).contains("could not open stream 'messages'")
                .contains("no response headers within").contains("open timeout");
    }
}
