package com.instainstru.loadtest.jmeter.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.jmeter.protocol.http.control.Header;
import org.apache.jmeter.protocol.http.control.HeaderManager;
import org.apache.jmeter.protocol.http.gui.HeaderPanel;
import org.apache.jmeter.sampler.TestAction;
import org.apache.jmeter.sampler.gui.TestActionGui;
import org.apache.jmeter.testelement.TestElement;

import com.instainstru.loadtest.jmeter.auth.FormLoginSampler;
import com.instainstru.loadtest.jmeter.messaging.CorrelatedSendSampler;
import com.instainstru.loadtest.jmeter.messaging.DeliveryLedgerCollector;
import com.instainstru.loadtest.jmeter.messaging.DeliveryLedgerConfig;
import com.instainstru.loadtest.jmeter.stream.SseCloseSampler;
import com.instainstru.loadtest.jmeter.stream.SseHoldSampler;
import com.instainstru.loadtest.jmeter.stream.SseOpenSampler;
import com.instainstru.loadtest.jmeter.stream.SseReadSampler;

/**
 * The plugin's elements with every property set, the way the GUI saves them in a plan (an unset TestBean
 * property would be 0 or empty, not the BeanInfo default). Tests change single properties with
 * {@link #with(TestElement, String, Object)}.
 */
public final class Elements {

    public static final String STREAM = "messages";

    private Elements() {
    }

    public static <T extends TestElement> T with(T element, String property, Object value) {
        element.setProperty(property, String.valueOf(value));
        return element;
    }

    public static FormLoginSampler login(ReferenceTarget target, String accounts, String password) {
        return JMeterHarness.bean(FormLoginSampler.class, "login", props(
                "loginUrl", target.baseUrl() + "/api/v1/auth/login",
                "accounts", accounts,
                "password", password,
                "origin", target.frontendOrigin(),
                "bypassToken", target.bypassToken(),
                "bodyTokenField", "access_token",
                "cookieNames", "sid_preview,sid,access_token,preview_access_token",
                "tokenVariable", "token",
                "accountVariable", "login_email",
                "connectTimeoutMs", 5_000,
                "responseTimeoutMs", 10_000));
    }

    /**
     * A login of emma.johnson@example.com (password "pw") against a test server of the test's own at
     * {@code loginUrl}: no frontend origin to match, no bypass token; both timeouts {@code timeoutMs}.
     */
    public static FormLoginSampler loginAt(String loginUrl, int timeoutMs) {
        return JMeterHarness.bean(FormLoginSampler.class, "login", props(
                "loginUrl", loginUrl,
                "accounts", "emma.johnson@example.com",
                "password", "pw",
                "origin", "http://127.0.0.1",
                "bypassToken", "",
                "bodyTokenField", "access_token",
                "cookieNames", "sid_preview,sid",
                "tokenVariable", "token",
                "accountVariable", "login_email",
                "connectTimeoutMs", timeoutMs,
                "responseTimeoutMs", timeoutMs));
    }

    /** Bearer token, origin and the bypass token, as the plans' Header Manager sets them. */
    public static HeaderManager headers(ReferenceTarget target) {
        HeaderManager headers = new HeaderManager();
        headers.setName("headers");
        headers.setProperty(TestElement.TEST_CLASS, HeaderManager.class.getName());
        headers.setProperty(TestElement.GUI_CLASS, HeaderPanel.class.getName());
        headers.add(new Header("Authorization", "Bearer ${token}"));
        headers.add(new Header("Origin", target.frontendOrigin()));
        headers.add(new Header("X-Rate-Limit-Bypass", target.bypassToken()));
        return headers;
    }

    public static SseOpenSampler open(ReferenceTarget target) {
        return openAt(target.baseUrl() + "/api/v1/messages/stream");
    }

    /** The plans' stream opener pointed at any URL. */
    public static SseOpenSampler openAt(String url) {
        return JMeterHarness.bean(SseOpenSampler.class, "sse_stream", props(
                "streamName", STREAM,
                "url", url,
                "method", "GET",
                "requestBody", "",
                "contentType", "application/json",
                "bearerToken", "${token}",
                "lastEventId", "",
                "connectTimeoutMs", 5_000,
                "readTimeoutMs", 45_000,
                "correlate", true,
                "identity", "${login_email}",
                "correlatedEvent", "new_message",
                "reconnect", false,
                "reconnectBaseDelayMs", 1_000,
                "reconnectMaxDelayMs", 30_000,
                "reconnectMaxAttempts", 5));
    }

    /** ttfe as the plans measure it: any event, timed from the stream's response headers. */
    public static SseReadSampler ttfe() {
        return read("ttfe", "", 5_000, "stream open");
    }

    public static SseReadSampler read(String name, String eventName, int timeoutMs, String measureFrom) {
        return JMeterHarness.bean(SseReadSampler.class, name, props(
                "streamName", STREAM,
                "eventName", eventName,
                "dataRegex", "",
                "jsonPath", "",
                "jsonValue", "",
                "includeComments", false,
                "count", 1,
                "timeoutMs", timeoutMs,
                "successOnTimeout", false,
                "measureFrom", measureFrom,
                "variablePrefix", "sse"));
    }

    public static SseHoldSampler hold(Object seconds, boolean always) {
        return JMeterHarness.bean(SseHoldSampler.class, "sse_stream", props(
                "streamName", STREAM,
                "holdSeconds", seconds,
                "emitSample", always ? "always" : "on failure only"));
    }

    public static SseCloseSampler close(boolean emit) {
        return JMeterHarness.bean(SseCloseSampler.class, "sse_close", props(
                "streamName", STREAM,
                "emitSample", emit));
    }

    public static CorrelatedSendSampler send(ReferenceTarget target) {
        return JMeterHarness.bean(CorrelatedSendSampler.class, "send_message", props(
                "url", target.baseUrl() + "/api/v1/conversations/" + ReferenceTarget.CONVERSATION + "/messages",
                "bodyTemplate", "{\"content\": \"{{content}}\"}",
                "conversationId", ReferenceTarget.CONVERSATION,
                "senderIdentity", "${login_email}",
                "messageIdVariable", "message_id",
                "connectTimeoutMs", 5_000,
                "responseTimeoutMs", 10_000));
    }

    public static DeliveryLedgerConfig ledgerConfig(String mappingFile, Object pendingTimeoutSeconds, int closeGraceMs) {
        return JMeterHarness.bean(DeliveryLedgerConfig.class, "delivery ledger", props(
                "pendingTimeoutSeconds", pendingTimeoutSeconds,
                "raceWindowMs", 1_000,
                "closeGraceMs", closeGraceMs,
                "contentPrefix", "jmeter-e2e",
                "mappingFile", mappingFile));
    }

    public static DeliveryLedgerCollector collector() {
        return JMeterHarness.bean(DeliveryLedgerCollector.class, "e2e collector", props("pollTimeoutMs", 200));
    }

    /** JMeter's Flow Control Action pausing this thread (not a sample). */
    public static TestAction pause(long millis) {
        TestAction pause = new TestAction();
        pause.setName("pause " + millis + " ms");
        pause.setProperty(TestElement.TEST_CLASS, TestAction.class.getName());
        pause.setProperty(TestElement.GUI_CLASS, TestActionGui.class.getName());
        pause.setAction(TestAction.PAUSE);
        pause.setTarget(TestAction.THREAD);
        pause.setDuration(Long.toString(millis));
        return pause;
    }

    private static Map<String, Object> props(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
