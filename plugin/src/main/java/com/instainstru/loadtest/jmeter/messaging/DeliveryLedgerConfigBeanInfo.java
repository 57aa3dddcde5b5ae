package com.instainstru.loadtest.jmeter.messaging;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class DeliveryLedgerConfigBeanInfo extends BeanInfoSupport {

    public DeliveryLedgerConfigBeanInfo() {
        super(DeliveryLedgerConfig.class);
        createPropertyGroup("timing", new String[] {"pendingTimeoutSeconds", "raceWindowMs", "closeGraceMs",
                "endMarginSeconds"});
        createPropertyGroup("messages", new String[] {"contentPrefix", "mappingFile"});
        text(property("pendingTimeoutSeconds"), "${__loadtestParam(LOADTEST_E2E_TIMEOUT_SECONDS,10)}");
        text(property("raceWindowMs"), 1_000);
        text(property("closeGraceMs"), 2_000);
        text(property("endMarginSeconds"), "${__loadtestParam(LOADTEST_END_MARGIN_S,60)}");
        text(property("contentPrefix"), "jmeter-e2e");
        text(property("mappingFile"), "${conversations_file}");
    }
}
