package com.instainstru.loadtest.jmeter.stream;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class SseCloseSamplerBeanInfo extends BeanInfoSupport {

    public SseCloseSamplerBeanInfo() {
        super(SseCloseSampler.class);
        createPropertyGroup("stream", new String[] {"streamName", "emitSample"});
        text(property("streamName"), "default");
        text(property("emitSample"), Boolean.FALSE);
    }
}
