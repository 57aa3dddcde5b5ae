package com.instainstru.loadtest.jmeter.stream;

import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testbeans.TestBean;

import com.instainstru.loadtest.jmeter.PluginSampler;
import com.instainstru.loadtest.jmeter.SampleFailures;

/**
 * Base of the samplers that work on a stream this thread already opened: find it by name, then
 * {@link #sampleStream}. A sampler blocked waiting for events returns promptly when JMeter interrupts it
 * (test stop), because waiting happens in {@code poll} on the JMeter thread, which {@link PluginSampler}
 * interrupts.
 */
public abstract class StreamSampler<C> extends PluginSampler<C> implements TestBean {

    private static final long serialVersionUID = 1L;

    private String streamName = "default";

    @Override
    protected final SampleResult sampleValid(SampleResult result, C valid) {
        String name = streamName.trim();
        OpenStream open = ThreadStreams.get(name);
        if (open == null && ThreadStreams.openFailed(name)) {
            result.setIgnore(); // the open's failure is already counted, once
            return result;
        }
        if (open == null) {
            result.sampleStart();
            result.sampleEnd();
            return SampleFailures.failure(result, "No stream", "no open stream named '" + name
                    + "' in this thread: put an SSE Open sampler with that stream name before this one");
        }
        return sampleStream(name, open, result, valid);
    }

    protected abstract SampleResult sampleStream(String name, OpenStream open, SampleResult result, C valid);


    public String getStreamName() { return streamName; }
    public void setStreamName(String streamName) { this.streamName = streamName; }
}
