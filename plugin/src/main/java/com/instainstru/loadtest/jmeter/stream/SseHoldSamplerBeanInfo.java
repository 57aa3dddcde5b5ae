package com.instainstru.loadtest.jmeter.stream;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.choice;
import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class SseHoldSamplerBeanInfo extends BeanInfoSupport {

    // The names under which plans save these properties (the bean property names): never rename one, or
    // saved plans lose that field silently. SavedPropertyNamesTest checks them against the shipped plans.
    public static final String STREAM_NAME = "streamName";
    public static final String HOLD_SECONDS = "holdSeconds";
    public static final String EMIT_SAMPLE = "emitSample";

    public SseHoldSamplerBeanInfo() {
        super(SseHoldSampler.class);
        createPropertyGroup("stream", new String[] {STREAM_NAME, HOLD_SECONDS, EMIT_SAMPLE});
        text(property(STREAM_NAME), "default");
        text(property(HOLD_SECONDS), "${hold_seconds}");
        choice(property(EMIT_SAMPLE), SseHoldSampler.EMIT_ON_FAILURE, SseHoldSampler.EMIT_ON_FAILURE,
                SseHoldSampler.EMIT_ALWAYS);
    }
}
