package com.instainstru.loadtest.jmeter;

import java.util.function.Supplier;

import org.apache.jmeter.samplers.AbstractSampler;
import org.apache.jmeter.samplers.Interruptible;
import org.apache.jmeter.samplers.SampleResult;

/**
 * Base of the delivery ledger collector, which writes its own {@code sample()} (every other sampler of the
 * plugin extends {@link PluginSampler}). It blocks on the JMeter thread waiting for records and is woken the
 * same way as the other samplers (an {@link Interruption} that interrupts the sampling thread), so a test
 * stops within JMeter's thread-stop wait.
 */
public abstract class BlockingSampler extends AbstractSampler implements Interruptible {

    private static final long serialVersionUID = 1L;

    private final Interruption interruption = new Interruption();

    protected final SampleResult sampleInterruptibly(Supplier<SampleResult> body) {
        try (Interruption.Scope blocking = interruption.interruptThisThread()) {
            return body.get();
        }
    }

    @Override
    public boolean interrupt() {
        return interruption.interrupt();
    }
}
