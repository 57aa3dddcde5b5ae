package com.instainstru.loadtest.jmeter.messaging;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class DeliveryLedgerConfigBeanInfo extends BeanInfoSupport {

    // The names under which plans save these properties (the bean property names): never rename one, or
    // saved plans lose that field silently. SavedPropertyNamesTest checks them against the shipped plans.
    public static final String PENDING_TIMEOUT_SECONDS = "pendingTimeoutSeconds";
    public static final String RACE_WINDOW_MS = "raceWindowMs";
    public static final String CLOSE_GRACE_MS = "closeGraceMs";
    public static final String END_MARGIN_SECONDS = "endMarginSeconds";
    public static final String CONTENT_PREFIX = "contentPrefix";
    public static final String MAPPING_FILE = "mappingFile";

    public DeliveryLedgerConfigBeanInfo() {
        super(DeliveryLedgerConfig.class);
        createPropertyGroup("timing", new String[] {PENDING_TIMEOUT_SECONDS, RACE_WINDOW_MS, CLOSE_GRACE_MS,
                END_MARGIN_SECONDS});
        createPropertyGroup("messages", new String[] {CONTENT_PREFIX, MAPPING_FILE});
        text(property(PENDING_TIMEOUT_SECONDS), "${__loadtestParam(LOADTEST_E2E_TIMEOUT_SECONDS,10)}");
        text(property(RACE_WINDOW_MS), 1_000);
        text(property(CLOSE_GRACE_MS), 2_000);
        text(property(END_MARGIN_SECONDS), "${__loadtestParam(LOADTEST_END_MARGIN_S,60)}");
        text(property(CONTENT_PREFIX), "jmeter-e2e");
        text(property(MAPPING_FILE), "${conversations_file}");
    }
}
