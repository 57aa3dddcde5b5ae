package com.instainstru.loadtest.jmeter.stream;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.choice;
import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class SseHoldSamplerBeanInfo extends BeanInfoSupport {

    public SseHoldSamplerBeanInfo() {
        super(SseHoldSampler.class);
        createPropertyGroup("stream", new String[] {"streamName", "holdSeconds", "emitSample"});
        text(property("streamName"), "default");
        text(property("holdSeconds"), "${hold_seconds}");
        choice(property("emitSample"), SseHoldSampler.EMIT_ON_FAILURE, SseHoldSampler.EMIT_ON_FAILURE,
                SseHoldSampler.EMIT_ALWAYS);
    }
}
