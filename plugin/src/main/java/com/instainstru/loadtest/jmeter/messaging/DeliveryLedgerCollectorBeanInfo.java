package com.instainstru.loadtest.jmeter.messaging;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class DeliveryLedgerCollectorBeanInfo extends BeanInfoSupport {

    public DeliveryLedgerCollectorBeanInfo() {
        super(DeliveryLedgerCollector.class);
        createPropertyGroup("collector", new String[] {"pollTimeoutMs"});
        text(property("pollTimeoutMs"), 500);
    }
}
