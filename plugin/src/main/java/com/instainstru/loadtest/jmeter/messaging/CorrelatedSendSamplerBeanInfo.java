package com.instainstru.loadtest.jmeter.messaging;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.gui.TypeEditor;

public class CorrelatedSendSamplerBeanInfo extends BeanInfoSupport {

    // The names under which plans save these properties (the bean property names): never rename one, or
    // saved plans lose that field silently. SavedPropertyNamesTest checks them against the shipped plans.
    public static final String URL = "url";
    public static final String BODY_TEMPLATE = "bodyTemplate";
    public static final String CONVERSATION_ID = "conversationId";
    public static final String SENDER_IDENTITY = "senderIdentity";
    public static final String MESSAGE_ID_VARIABLE = "messageIdVariable";
    public static final String ACCEPTED_STATUSES = "acceptedStatuses";
    public static final String MESSAGE_ID_PATH = "messageIdPath";
    public static final String CONNECT_TIMEOUT_MS = "connectTimeoutMs";
    public static final String RESPONSE_TIMEOUT_MS = "responseTimeoutMs";

    public CorrelatedSendSamplerBeanInfo() {
        super(CorrelatedSendSampler.class);
        createPropertyGroup("request", new String[] {URL, BODY_TEMPLATE});
        createPropertyGroup("correlation", new String[] {CONVERSATION_ID, SENDER_IDENTITY, MESSAGE_ID_VARIABLE});
        createPropertyGroup("answer", new String[] {ACCEPTED_STATUSES, MESSAGE_ID_PATH});
        createPropertyGroup("timeouts", new String[] {CONNECT_TIMEOUT_MS, RESPONSE_TIMEOUT_MS});
        text(property(URL), "${base_url}/api/v1/conversations/${conversation_id}/messages");
        text(property(BODY_TEMPLATE, TypeEditor.TextAreaEditor),
                "{\"content\": \"" + CorrelatedSendSampler.CONTENT_PLACEHOLDER + "\"}");
        text(property(CONVERSATION_ID), "${conversation_id}");
        text(property(SENDER_IDENTITY), "${login_email}");
        text(property(MESSAGE_ID_VARIABLE), "message_id");
        text(property(ACCEPTED_STATUSES), "${__loadtestParam(LOADTEST_SEND_STATUSES,2xx)}");
        text(property(MESSAGE_ID_PATH), "${__loadtestParam(LOADTEST_MESSAGE_ID_PATH,$.id)}");
        text(property(CONNECT_TIMEOUT_MS), 10_000);
        text(property(RESPONSE_TIMEOUT_MS), 30_000);
    }
}
