package com.instainstru.loadtest.jmeter.metrics;

import java.util.List;

import org.apache.jmeter.config.Argument;
import org.apache.jmeter.config.Arguments;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.visualizers.backend.BackendListenerContext;
import org.apache.jmeter.visualizers.backend.influxdb.InfluxdbBackendListenerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JMeter's own InfluxDB Backend Listener client, off unless a URL is given. The plans set {@code influxdbUrl} to
 * {@code ${__loadtestParam(LOADTEST_INFLUX_URL,)}}; empty, this client starts no timer, opens no connection and
 * drops every sample in {@link #createSampleResult} before JMeter queues it, so an ordinary run pays one method
 * call per sample. (JMeter's client given an empty URL fails the test at start; a Backend Listener cannot sit
 * under an If Controller, listeners apply by scope, not by flow; and a plan's {@code enabled} flag is read before
 * functions run. So the switch lives here.) With a URL it is JMeter's client unchanged: same parameters, same
 * {@code jmeter} measurement.
 * <p>
 * The Backend Listener is {@code Remoteable}: in distributed mode it runs on the controller, fed by every engine's
 * samples, so the controller needs the URL ({@code -J}). The engines' own totals (delivery ledger, heap) come from
 * {@link EngineMetrics}, which runs on each engine.
 */
public class OptionalInfluxdbBackendListenerClient extends InfluxdbBackendListenerClient {

    private static final Logger log = LoggerFactory.getLogger(OptionalInfluxdbBackendListenerClient.class);

    /** Parameter names of JMeter's client (they appear in saved plans: never rename). */
    public static final String URL = "influxdbUrl";
    public static final String TOKEN = "influxdbToken";
    public static final String APPLICATION = "application";
    static final String ENGINE_TAG = "TAG_engine";

    public static final String URL_FROM_ENVIRONMENT = "${__loadtestParam(LOADTEST_INFLUX_URL,)}";
    public static final String TOKEN_FROM_ENVIRONMENT = "${__loadtestParam(LOADTEST_INFLUX_TOKEN,)}";

    private volatile boolean on;

    @Override
    public void setupTest(BackendListenerContext context) throws Exception {
        String url = context.getParameter(URL, "").trim();
        if (url.isEmpty()) {
            log.info("Live metrics off: no InfluxDB URL (set LOADTEST_INFLUX_URL to stream the samples)");
            return;
        }
        super.setupTest(context);
        on = true;
        log.info("Live metrics on: samples to {}", InfluxWriter.redacted(url));
    }

    @Override
    public SampleResult createSampleResult(BackendListenerContext context, SampleResult result) {
        return on ? super.createSampleResult(context, result) : null;
    }

    @Override
    public void handleSampleResults(List<SampleResult> sampleResults, BackendListenerContext context) {
        if (on) {
            super.handleSampleResults(sampleResults, context);
        }
    }

    @Override
    public void teardownTest(BackendListenerContext context) throws Exception {
        if (on) {
            on = false;
            super.teardownTest(context);
        }
    }

    /** JMeter's defaults, with the URL and token from LOADTEST_INFLUX_URL / _TOKEN (empty: off) and an engine tag. */
    @Override
    public Arguments getDefaultParameters() {
        Arguments jmeterDefaults = super.getDefaultParameters();
        Arguments defaults = new Arguments();
        for (int i = 0; i < jmeterDefaults.getArgumentCount(); i++) {
            Argument argument = jmeterDefaults.getArgument(i);
            String value = switch (argument.getName()) {
                case URL -> URL_FROM_ENVIRONMENT;
                case APPLICATION -> "loadtest";
                default -> argument.getValue();
            };
            defaults.addArgument(argument.getName(), value);
        }
        defaults.addArgument(TOKEN, TOKEN_FROM_ENVIRONMENT);
        defaults.addArgument(ENGINE_TAG, "${__machineName()}");
        return defaults;
    }
}
