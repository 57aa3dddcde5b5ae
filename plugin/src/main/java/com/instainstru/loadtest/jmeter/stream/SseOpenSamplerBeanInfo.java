package com.instainstru.loadtest.jmeter.stream;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.choice;
import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.gui.TypeEditor;

public class SseOpenSamplerBeanInfo extends BeanInfoSupport {

    // The names under which plans save these properties (the bean property names): never rename one, or
    // saved plans lose that field silently. SavedPropertyNamesTest checks them against the shipped plans.
    public static final String STREAM_NAME = "streamName";
    public static final String URL = "url";
    public static final String METHOD = "method";
    public static final String REQUEST_BODY = "requestBody";
    public static final String CONTENT_TYPE = "contentType";
    public static final String BEARER_TOKEN = "bearerToken";
    public static final String LAST_EVENT_ID = "lastEventId";
    public static final String CORRELATE = "correlate";
    public static final String IDENTITY = "identity";
    public static final String CORRELATED_EVENT = "correlatedEvent";
    public static final String LISTENING_RULE = "listeningRule";
    public static final String CONNECT_TIMEOUT_MS = "connectTimeoutMs";
    public static final String READ_TIMEOUT_MS = "readTimeoutMs";
    public static final String EVENT_QUEUE_CAPACITY = "eventQueueCapacity";
    public static final String RECONNECT = "reconnect";
    public static final String RECONNECT_BASE_DELAY_MS = "reconnectBaseDelayMs";
    public static final String RECONNECT_MAX_DELAY_MS = "reconnectMaxDelayMs";
    public static final String RECONNECT_MAX_ATTEMPTS = "reconnectMaxAttempts";

    public SseOpenSamplerBeanInfo() {
        super(SseOpenSampler.class);
        createPropertyGroup("stream", new String[] {STREAM_NAME, URL, METHOD, REQUEST_BODY, CONTENT_TYPE});
        createPropertyGroup("auth", new String[] {BEARER_TOKEN, LAST_EVENT_ID});
        createPropertyGroup("correlation", new String[] {CORRELATE, IDENTITY, CORRELATED_EVENT,
                LISTENING_RULE});
        createPropertyGroup("timeouts", new String[] {CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, EVENT_QUEUE_CAPACITY});
        createPropertyGroup("reconnecting", new String[] {RECONNECT, RECONNECT_BASE_DELAY_MS, RECONNECT_MAX_DELAY_MS,
                RECONNECT_MAX_ATTEMPTS});

        text(property(STREAM_NAME), "default");
        text(property(URL), "${base_url}/api/v1/messages/stream");
        choice(property(METHOD), "GET", "GET", "POST");
        text(property(REQUEST_BODY, TypeEditor.TextAreaEditor), "");
        text(property(CONTENT_TYPE), "application/json");
        text(property(BEARER_TOKEN), "${token}");
        text(property(LAST_EVENT_ID), "");
        text(property(CORRELATE), Boolean.TRUE);
        text(property(IDENTITY), "${login_email}");
        text(property(CORRELATED_EVENT), "new_message");
        text(property(LISTENING_RULE), "${__loadtestParam(LOADTEST_LISTENING_RULE,first event)}");
        text(property(CONNECT_TIMEOUT_MS), 10_000);
        text(property(READ_TIMEOUT_MS), 0);
        text(property(EVENT_QUEUE_CAPACITY), 256);
        text(property(RECONNECT), Boolean.FALSE);
        text(property(RECONNECT_BASE_DELAY_MS), 1_000);
        text(property(RECONNECT_MAX_DELAY_MS), 30_000);
        text(property(RECONNECT_MAX_ATTEMPTS), 5);
    }
}
