package com.instainstru.loadtest.jmeter.stream;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.choice;
import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class SseReadSamplerBeanInfo extends BeanInfoSupport {

    // The names under which plans save these properties (the bean property names): never rename one, or
    // saved plans lose that field silently. SavedPropertyNamesTest checks them against the shipped plans.
    public static final String STREAM_NAME = "streamName";
    public static final String EVENT_NAME = "eventName";
    public static final String DATA_REGEX = "dataRegex";
    public static final String JSON_PATH = "jsonPath";
    public static final String JSON_VALUE = "jsonValue";
    public static final String INCLUDE_COMMENTS = "includeComments";
    public static final String COUNT = "count";
    public static final String TIMEOUT_MS = "timeoutMs";
    public static final String SUCCESS_ON_TIMEOUT = "successOnTimeout";
    public static final String MEASURE_FROM = "measureFrom";
    public static final String VARIABLE_PREFIX = "variablePrefix";

    public SseReadSamplerBeanInfo() {
        super(SseReadSampler.class);
        createPropertyGroup("stream", new String[] {STREAM_NAME});
        createPropertyGroup("condition", new String[] {EVENT_NAME, DATA_REGEX, JSON_PATH, JSON_VALUE,
                INCLUDE_COMMENTS, COUNT});
        createPropertyGroup("timing", new String[] {TIMEOUT_MS, SUCCESS_ON_TIMEOUT, MEASURE_FROM});
        createPropertyGroup("output", new String[] {VARIABLE_PREFIX});

        text(property(STREAM_NAME), "default");
        text(property(EVENT_NAME), "");
        text(property(DATA_REGEX), "");
        text(property(JSON_PATH), "");
        text(property(JSON_VALUE), "");
        text(property(INCLUDE_COMMENTS), Boolean.FALSE);
        text(property(COUNT), 1);
        text(property(TIMEOUT_MS), 10_000);
        text(property(SUCCESS_ON_TIMEOUT), Boolean.FALSE);
        choice(property(MEASURE_FROM), SseReadSampler.FROM_SAMPLER, SseReadSampler.FROM_SAMPLER,
                SseReadSampler.FROM_OPEN);
        text(property(VARIABLE_PREFIX), "sse");
    }
}
