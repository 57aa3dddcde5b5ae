package com.instainstru.loadtest.jmeter.metrics;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class EngineMetricsBeanInfo extends BeanInfoSupport {

    // The names under which plans save these properties (the bean property names): never rename one, or
    // saved plans lose that field silently. SavedPropertyNamesTest checks them against the shipped plans.
    public static final String INFLUXDB_URL = "influxdbUrl";
    public static final String INFLUXDB_TOKEN = "influxdbToken";
    public static final String APPLICATION = "application";
    public static final String ENGINE = "engine";

    public EngineMetricsBeanInfo() {
        super(EngineMetrics.class);
        createPropertyGroup("influxdb", new String[] {INFLUXDB_URL, INFLUXDB_TOKEN});
        createPropertyGroup("tags", new String[] {APPLICATION, ENGINE});
        text(property(INFLUXDB_URL), OptionalInfluxdbBackendListenerClient.URL_FROM_ENVIRONMENT);
        text(property(INFLUXDB_TOKEN), OptionalInfluxdbBackendListenerClient.TOKEN_FROM_ENVIRONMENT);
        text(property(APPLICATION), "loadtest");
        text(property(ENGINE), "${__machineName()}");
    }
}
