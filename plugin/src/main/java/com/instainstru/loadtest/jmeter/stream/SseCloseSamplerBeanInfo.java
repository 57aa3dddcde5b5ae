package com.instainstru.loadtest.jmeter.stream;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class SseCloseSamplerBeanInfo extends BeanInfoSupport {

    // The names under which plans save these properties (the bean property names): never rename one, or
    // saved plans lose that field silently. SavedPropertyNamesTest checks them against the shipped plans.
    public static final String STREAM_NAME = "streamName";
    public static final String EMIT_SAMPLE = "emitSample";

    public SseCloseSamplerBeanInfo() {
        super(SseCloseSampler.class);
        createPropertyGroup("stream", new String[] {STREAM_NAME, EMIT_SAMPLE});
        text(property(STREAM_NAME), "default");
        text(property(EMIT_SAMPLE), Boolean.FALSE);
    }
}
