package com.instainstru.loadtest.jmeter.stream;

import org.apache.jmeter.samplers.Entry;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testbeans.TestBean;

import com.instainstru.loadtest.jmeter.SampleFailures;
import com.instainstru.loadtest.jmeter.BlockingSampler;

/**
 * Base of the samplers that work on a stream this thread already opened: find it by name, then
 * {@link #sampleStream}. A sampler blocked waiting for events returns promptly when JMeter interrupts it
 * (test stop), because waiting happens in {@code poll} on the JMeter thread, which JMeter interrupts.
 */
public abstract class StreamSampler extends BlockingSampler implements TestBean {

    private static final long serialVersionUID = 1L;

    private String streamName = "default";

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
            return SampleFailures.failure(result, "No stream", "no open stream named '" + name
                    + "' in this thread: put an SSE Open sampler with that stream name before this one");
        }
        return sampleInterruptibly(() -> SampleFailures.guarded(result, () -> sampleStream(name, open, result)));
    }

    protected abstract SampleResult sampleStream(String name, OpenStream open, SampleResult result);


    public String getStreamName() { return streamName; }
    public void setStreamName(String streamName) { this.streamName = streamName; }
}
