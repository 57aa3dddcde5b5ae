package com.instainstru.loadtest.jmeter;

import java.util.function.Supplier;

import org.apache.jmeter.samplers.AbstractSampler;
import org.apache.jmeter.samplers.Interruptible;
import org.apache.jmeter.samplers.SampleResult;

/**
 * Base of samplers that block on the JMeter thread (waiting for events or records). JMeter calls
 * {@link #interrupt()} from another thread when a test stops; that interrupts the sampling thread, whose wait
 * then returns, so a test with thousands of waiting threads stops within JMeter's thread-stop wait.
 */
public abstract class BlockingSampler extends AbstractSampler implements Interruptible {

    private static final long serialVersionUID = 1L;

    private transient SamplingThread sampling;

    protected final SampleResult sampleInterruptibly(Supplier<SampleResult> body) {
        SamplingThread current = sampling();
        current.enter();
        try {
            return body.get();
        } finally {
            current.exit();
        }
    }

    /** Transient state is rebuilt lazily: elements arrive deserialized on remote engines. */
    private synchronized SamplingThread sampling() {
        if (sampling == null) {
            sampling = new SamplingThread();
        }
        return sampling;
    }

    @Override
    public boolean interrupt() {
        return sampling().interrupt();
    }
}
