package com.instainstru.loadtest.jmeter;

import java.nio.charset.StandardCharsets;

import org.apache.jmeter.samplers.SampleResult;

/** How every sampler of the plugin records a failure: one code, one message a person can act on. */
public final class SampleFailures {

    public static final String CONFIGURATION_ERROR = "Configuration error";

    private SampleFailures() {
    }

    /** A field of the element is wrong; nothing was sent. */
    public static SampleResult configurationError(SampleResult result, String message) {
        return failure(result, CONFIGURATION_ERROR, message);
    }

    public static SampleResult failure(SampleResult result, String code, String message) {
        result.setSuccessful(false);
        result.setResponseCode(code);
        result.setResponseMessage(message);
        result.setResponseData(message, StandardCharsets.UTF_8.name());
        return result;
    }
}
