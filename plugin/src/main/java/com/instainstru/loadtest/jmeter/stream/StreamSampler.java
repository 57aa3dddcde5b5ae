package com.instainstru.loadtest.jmeter.stream;

import org.apache.jmeter.samplers.AbstractSampler;
import org.apache.jmeter.samplers.Entry;
import org.apache.jmeter.samplers.Interruptible;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testbeans.TestBean;

/**
 * Base of the samplers that work on a stream this thread already opened: find it by name, then
 * {@link #sampleStream}. A sampler blocked waiting for events returns promptly when JMeter interrupts it
 * (test stop), because waiting happens in {@code poll} on the JMeter thread, which JMeter interrupts.
 */
public abstract class StreamSampler extends AbstractSampler implements TestBean, Interruptible {

    private static final long serialVersionUID = 1L;

    private String streamName = "default";
    private transient volatile Thread sampling;

    @Override
    public final SampleResult sample(Entry entry) {
        SampleResult result = new SampleResult();
        result.setSampleLabel(getName());
        result.setDataType(SampleResult.TEXT);
        String name = streamName.trim();
        OpenStream open = ThreadStreams.get(name);
        if (open == null && ThreadStreams.openFailed(name)) {
            result.setIgnore();
            return result;
        }
        if (open == null) {
            result.sampleStart();
            result.sampleEnd();
            return StreamSamples.failure(result, "No stream", "no open stream named '" + name
                    + "' in this thread: put an SSE Open sampler with that stream name before this one");
        }
        sampling = Thread.currentThread();
        try {
            return sampleStream(name, open, result);
        } finally {
            sampling = null;
        }
    }

    protected abstract SampleResult sampleStream(String name, OpenStream open, SampleResult result);

    @Override
    public boolean interrupt() {
        Thread thread = sampling;
        if (thread != null) {
            thread.interrupt();
            return true;
        }
        return false;
    }

    public String getStreamName() { return streamName; }
    public void setStreamName(String streamName) { this.streamName = streamName; }
}
