package com.instainstru.loadtest.jmeter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.jmeter.samplers.SampleResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.instainstru.loadtest.correlation.DeliveryLedger;
import com.instainstru.loadtest.jmeter.testing.JMeterHarness;
import com.sun.net.httpserver.HttpServer;

/** A 2xx send whose body has no message id is a failed send_message sample, not a lost one (issue 9, item 4). */
class CorrelatedSendWithoutIdTest {

    private static final String CONVERSATION = "01JCONVERSATION00000000000";
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "not json", "{\"id\": \" \"}"})
    void aSendAnsweredWithoutAnIdIsAFailedSampleThatSaysSo(String body) throws IOException {
        serve(body);
        long sentBefore = DeliveryLedger.shared().snapshot().sent();
        long failedBefore = DeliveryLedger.shared().snapshot().sendFailed();

        List<SampleResult> results = runOneSend();

        assertThat(results).hasSize(1);
        SampleResult send = results.get(0);
        assertThat(send.getSampleLabel()).isEqualTo("send_message");
        assertThat(send.isSuccessful()).isFalse();
        assertThat(send.getResponseCode()).isEqualTo("201");
        assertThat(send.getResponseMessage())
                .startsWith("server answered 201 without a message id at $.id (body: " + body.strip() + ")")
                .contains("still tracked by its token");
        // Sent and still expected (not withdrawn): deliveries are matched by the token.
        assertThat(DeliveryLedger.shared().snapshot().sent()).isEqualTo(sentBefore + 1);
        assertThat(DeliveryLedger.shared().snapshot().sendFailed()).isEqualTo(failedBefore);
    }

    @Test
    void aLongBodyIsTruncatedInTheMessage() throws IOException {
        serve("x".repeat(5_000));

        SampleResult send = runOneSend().get(0);

        assertThat(send.isSuccessful()).isFalse();
        assertThat(send.getResponseMessage()).contains("x".repeat(200) + "...truncated)").hasSizeLessThan(400);
    }

    /** Issue 10: the accepted statuses and the id's place are the backend's, set by properties. */
    @Test
    void aStatusOutsideTheAcceptedOnesIsAFailedSendAndANestedIdIsRead() throws IOException {
        serve("{\"message\": {\"id\": \"m-7\"}}");
        long failedBefore = DeliveryLedger.shared().snapshot().sendFailed();

        SampleResult refused = runOneSend(Map.of("acceptedStatuses", "200", "messageIdPath", "$.message.id")).get(0);
        SampleResult read = runOneSend(Map.of("acceptedStatuses", "201", "messageIdPath", "$.message.id")).get(0);

        assertThat(refused.isSuccessful()).isFalse();
        assertThat(refused.getResponseMessage()).isEqualTo("send failed: HTTP 201 is not an accepted status (200)");
        assertThat(DeliveryLedger.shared().snapshot().sendFailed()).as("withdrawn from the ledger")
                .isEqualTo(failedBefore + 1);
        assertThat(read.isSuccessful()).as(read.getResponseMessage()).isTrue();
        assertThat(read.getResponseMessage()).contains(" as m-7, expected on ");
    }

    private List<SampleResult> runOneSend() {
        return runOneSend(Map.of());
    }

    private List<SampleResult> runOneSend(Map<String, Object> extra) {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/conversations/" + CONVERSATION + "/messages",
                "bodyTemplate", "{\"content\": \"{{content}}\"}",
                "conversationId", CONVERSATION,
                "senderIdentity", "emma.johnson@example.com",
                "messageIdVariable", "message_id",
                "connectTimeoutMs", 5_000,
                "responseTimeoutMs", 5_000));
        properties.putAll(extra);
        CorrelatedSendSampler sampler = JMeterHarness.bean(CorrelatedSendSampler.class, "send_message", properties);
        return new JMeterHarness.Plan().group(JMeterHarness.threadGroup("senders", 1, 1), sampler).run();
    }

    private void serve(String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }
}
