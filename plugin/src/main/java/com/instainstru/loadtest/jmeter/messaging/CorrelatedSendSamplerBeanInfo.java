package com.instainstru.loadtest.jmeter.messaging;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.gui.TypeEditor;

public class CorrelatedSendSamplerBeanInfo extends BeanInfoSupport {

    public CorrelatedSendSamplerBeanInfo() {
        super(CorrelatedSendSampler.class);
        createPropertyGroup("request", new String[] {"url", "bodyTemplate"});
        createPropertyGroup("correlation", new String[] {"conversationId", "senderIdentity", "messageIdVariable"});
        createPropertyGroup("answer", new String[] {"acceptedStatuses", "messageIdPath"});
        createPropertyGroup("timeouts", new String[] {"connectTimeoutMs", "responseTimeoutMs"});
        text(property("url"), "${base_url}/api/v1/conversations/${conversation_id}/messages");
        text(property("bodyTemplate", TypeEditor.TextAreaEditor),
                "{\"content\": \"" + CorrelatedSendSampler.CONTENT_PLACEHOLDER + "\"}");
        text(property("conversationId"), "${conversation_id}");
        text(property("senderIdentity"), "${login_email}");
        text(property("messageIdVariable"), "message_id");
        text(property("acceptedStatuses"), "${__loadtestParam(LOADTEST_SEND_STATUSES,2xx)}");
        text(property("messageIdPath"), "${__loadtestParam(LOADTEST_MESSAGE_ID_PATH,$.id)}");
        text(property("connectTimeoutMs"), 10_000);
        text(property("responseTimeoutMs"), 30_000);
    }
}
