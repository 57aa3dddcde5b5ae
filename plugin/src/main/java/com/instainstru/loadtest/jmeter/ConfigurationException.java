package com.instainstru.loadtest.jmeter;

/**
 * A field of a sampler is wrong (empty, not a URL, out of range): the sample fails as a
 * {@value SampleFailures#CONFIGURATION_ERROR} and nothing is sent. Checked, so every sampler's
 * {@link PluginSampler#validate()} says in its signature that this is how it reports a bad field.
 */
public class ConfigurationException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    /** A helper's IllegalArgumentException (a parser, a builder) says what is wrong with a field. */
    public static ConfigurationException of(IllegalArgumentException e) {
        return new ConfigurationException(e.getMessage());
    }
}
