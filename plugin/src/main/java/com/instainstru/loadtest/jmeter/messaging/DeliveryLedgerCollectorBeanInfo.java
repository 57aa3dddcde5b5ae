package com.instainstru.loadtest.jmeter.messaging;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class DeliveryLedgerCollectorBeanInfo extends BeanInfoSupport {

    // The names under which plans save these properties (the bean property names): never rename one, or
    // saved plans lose that field silently. SavedPropertyNamesTest checks them against the shipped plans.
    public static final String POLL_TIMEOUT_MS = "pollTimeoutMs";

    public DeliveryLedgerCollectorBeanInfo() {
        super(DeliveryLedgerCollector.class);
        createPropertyGroup("collector", new String[] {POLL_TIMEOUT_MS});
        text(property(POLL_TIMEOUT_MS), 500);
    }
}
