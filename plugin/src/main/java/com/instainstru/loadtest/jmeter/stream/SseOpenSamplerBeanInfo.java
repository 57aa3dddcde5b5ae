package com.instainstru.loadtest.jmeter.stream;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.choice;
import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.gui.TypeEditor;

public class SseOpenSamplerBeanInfo extends BeanInfoSupport {

    public SseOpenSamplerBeanInfo() {
        super(SseOpenSampler.class);
        createPropertyGroup("stream", new String[] {"streamName", "url", "method", "requestBody", "contentType"});
        createPropertyGroup("auth", new String[] {"bearerToken", "lastEventId"});
        createPropertyGroup("correlation", new String[] {"correlate", "identity", "correlatedEvent",
                "listeningRule"});
        createPropertyGroup("timeouts", new String[] {"connectTimeoutMs", "readTimeoutMs", "eventQueueCapacity"});
        createPropertyGroup("reconnecting", new String[] {"reconnect", "reconnectBaseDelayMs", "reconnectMaxDelayMs",
                "reconnectMaxAttempts"});

        text(property("streamName"), "default");
        text(property("url"), "${base_url}/api/v1/messages/stream");
        choice(property("method"), "GET", "GET", "POST");
        text(property("requestBody", TypeEditor.TextAreaEditor), "");
        text(property("contentType"), "application/json");
        text(property("bearerToken"), "${token}");
        text(property("lastEventId"), "");
        text(property("correlate"), Boolean.TRUE);
        text(property("identity"), "${login_email}");
        text(property("correlatedEvent"), "new_message");
        text(property("listeningRule"), "${__loadtestParam(LOADTEST_LISTENING_RULE,first event)}");
        text(property("connectTimeoutMs"), 10_000);
        text(property("readTimeoutMs"), 0);
        text(property("eventQueueCapacity"), 256);
        text(property("reconnect"), Boolean.FALSE);
        text(property("reconnectBaseDelayMs"), 1_000);
        text(property("reconnectMaxDelayMs"), 30_000);
        text(property("reconnectMaxAttempts"), 5);
    }
}
