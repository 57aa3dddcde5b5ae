package com.instainstru.loadtest.jmeter;

import org.apache.jmeter.engine.StandardJMeterEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configuration error found when the test starts (a missing or invalid mapping file) that makes the run
 * meaningless. It is said once on the console and in jmeter.log, the test is stopped, and every sampler of the
 * plugin that still runs returns a failed "Configuration error" sample without sending anything (see
 * {@link SampleFailures#guarded}), so no load reaches the target and the verdict cannot be PASS, however the
 * plan was started. The scripts and the Maven run check the same file before JMeter starts (exit 2).
 */
public final class FatalConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FatalConfiguration.class);
    private static volatile String error;

    private FatalConfiguration() {
    }

    /** The error of this test, or null. */
    public static String error() {
        return error;
    }

    /** A new test starts without an error. */
    public static void clear() {
        error = null;
    }

    public static void stopTheTest(String message) {
        String full = message + "; the test was stopped before any request";
        error = full;
        log.error(full);
        System.err.println("ERROR: " + full); // NOSONAR: the console of a non-GUI run is where users look
        StandardJMeterEngine.stopEngineNow();
    }
}
