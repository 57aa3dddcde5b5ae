package com.instainstru.loadtest.jmeter;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

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

    /**
     * Runs a sampler's body so that nothing it throws loses the sample: a RuntimeException or Error (not
     * ThreadDeath, which stops the thread) becomes a failed sample coded with the exception's class and
     * carrying its message. It also notes the thread's scheduled end for {@link RunDeadline}, and after a
     * {@link FatalConfiguration} error it fails at once, sending nothing.
     */
    public static SampleResult guarded(SampleResult result, Supplier<SampleResult> body) {
        RunDeadline.noteThisThreadsEnd(); // every sample passes here: the run's bound follows the scheduled ends
        String fatal = FatalConfiguration.error();
        if (fatal != null) {
            result.sampleStart();
            result.sampleEnd();
            return configurationError(result, fatal);
        }
        try {
            return body.get();
        } catch (ThreadDeath death) {
            throw death;
        } catch (RuntimeException | Error e) {
            if (result.getStartTime() == 0) {
                result.sampleStart();
            }
            if (result.getEndTime() == 0) {
                result.sampleEnd();
            }
            return failure(result, e.getClass().getSimpleName(),
                    "sampler error (plugin or client side): " + e.getClass().getName() + ": " + e.getMessage());
        }
    }

    public static SampleResult failure(SampleResult result, String code, String message) {
        result.setSuccessful(false);
        result.setResponseCode(code);
        result.setResponseMessage(message);
        result.setResponseData(message, StandardCharsets.UTF_8.name());
        return result;
    }
}
