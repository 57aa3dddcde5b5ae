package com.instainstru.loadtest.jmeter.stream;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.choice;
import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class SseReadSamplerBeanInfo extends BeanInfoSupport {

    public SseReadSamplerBeanInfo() {
        super(SseReadSampler.class);
        createPropertyGroup("stream", new String[] {"streamName"});
        createPropertyGroup("condition", new String[] {"eventName", "dataRegex", "jsonPath", "jsonValue",
                "includeComments", "count"});
        createPropertyGroup("timing", new String[] {"timeoutMs", "successOnTimeout", "measureFrom"});
        createPropertyGroup("output", new String[] {"variablePrefix"});

        text(property("streamName"), "default");
        text(property("eventName"), "");
        text(property("dataRegex"), "");
        text(property("jsonPath"), "");
        text(property("jsonValue"), "");
        text(property("includeComments"), Boolean.FALSE);
        text(property("count"), 1);
        text(property("timeoutMs"), 10_000);
        text(property("successOnTimeout"), Boolean.FALSE);
        choice(property("measureFrom"), SseReadSampler.FROM_SAMPLER, SseReadSampler.FROM_SAMPLER,
                SseReadSampler.FROM_OPEN);
        text(property("variablePrefix"), "sse");
    }
}
