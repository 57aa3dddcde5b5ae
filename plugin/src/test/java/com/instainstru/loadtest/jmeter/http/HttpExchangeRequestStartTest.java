package com.instainstru.loadtest.jmeter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jmeter.protocol.http.sampler.HTTPSampleResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.testing.JMeterHarness;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** The request-start hook (where the correlated sender re-stamps its send time) runs once, before any byte goes out. */
class HttpExchangeRequestStartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private MockWebServer server;

    @BeforeAll
    static void jmeter() {
        JMeterHarness.init();
    }

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    @Test
    void runsOnceBeforeTheServerSeesTheRequest() {
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean ranBeforeArrival = new AtomicBoolean();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                ranBeforeArrival.set(runs.get() == 1);
                return new MockResponse().setBody("{\"id\": \"01J\"}");
            }
        });
        HttpExchange.Outcome outcome = new HttpExchange().onRequestStart(runs::incrementAndGet)
                .execute(new HTTPSampleResult(), "POST", server.url("/send").toString(), "application/json", "{}",
                        TIMEOUT, TIMEOUT);
        assertThat(outcome.ok()).isTrue();
        assertThat(runs).hasValue(1);
        assertThat(ranBeforeArrival).isTrue();
    }

    @Test
    void doesNotRunWhenNoConnectionCanBeHad() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        AtomicInteger runs = new AtomicInteger();
        HttpExchange.Outcome outcome = new HttpExchange().onRequestStart(runs::incrementAndGet)
                .execute(new HTTPSampleResult(), "POST", "http://127.0.0.1:" + closedPort + "/send", "application/json",
                        "{}", TIMEOUT, TIMEOUT);
        assertThat(outcome.status()).isEqualTo(-1);
        assertThat(runs).hasValue(0);
    }
}
