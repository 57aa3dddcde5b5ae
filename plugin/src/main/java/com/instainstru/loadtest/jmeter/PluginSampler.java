package com.instainstru.loadtest.jmeter;

import org.apache.jmeter.samplers.AbstractSampler;
import org.apache.jmeter.samplers.Entry;
import org.apache.jmeter.samplers.Interruptible;
import org.apache.jmeter.samplers.SampleResult;

/**
 * The one template of the plugin's samplers. Every sample: a result labelled with the element's name; then,
 * inside {@link SampleFailures#guarded} (the run deadline, the fatal-configuration stop, and no exception
 * losing the sample), {@link #beforeValidation()}, {@link #validate()} (a {@link ConfigurationException} is a
 * failed "Configuration error" sample, nothing sent), and {@link #sampleValid} with what validation returned.
 *
 * <p>Interruption has one mechanism, {@link Interruption}: while {@code sampleValid} runs, a test stop
 * interrupts the sampling thread; a blocking step that a thread interrupt cannot wake (an HTTP call) narrows
 * it with {@link #cancelWith}.
 *
 * @param <C> what {@code validate} makes of the fields (a URL, a request, a condition), so they are read and
 *            checked once
 */
public abstract class PluginSampler<C> extends AbstractSampler implements Interruptible {

    private static final long serialVersionUID = 1L;

    private final Interruption interruption = new Interruption();

    @Override
    public final SampleResult sample(Entry entry) {
        SampleResult result = newResult();
        result.setSampleLabel(getName());
        result.setDataType(SampleResult.TEXT);
        return SampleFailures.guarded(result, () -> validateThenSample(result));
    }

    private SampleResult validateThenSample(SampleResult result) {
        beforeValidation();
        C valid;
        try {
            valid = validate();
        } catch (ConfigurationException e) {
            result.setStampAndTime(System.currentTimeMillis(), 0);
            return SampleFailures.configurationError(result, e.getMessage());
        }
        try (Interruption.Scope blocking = interruption.interruptThisThread()) {
            return sampleValid(result, valid);
        }
    }

    /** The result this sampler fills; HTTP samplers make an HTTPSampleResult. */
    protected SampleResult newResult() {
        return new SampleResult();
    }

    /** Thread state every sample must reset, even one that fails validation (a stale token, say). */
    protected void beforeValidation() {
        // most samplers keep no such state
    }

    /** Reads and checks the fields; what it returns is what {@link #sampleValid} works with. */
    protected abstract C validate() throws ConfigurationException;

    /** The sample itself, on fields that passed validation. Returns {@code result}, filled. */
    protected abstract SampleResult sampleValid(SampleResult result, C valid);

    /** For a blocking step that a thread interrupt cannot wake: until the scope closes, a stop runs {@code cancel}. */
    protected final Interruption.Scope cancelWith(Runnable cancel) {
        return interruption.cancelWith(cancel);
    }

    @Override
    public boolean interrupt() {
        return interruption.interrupt();
    }
}
