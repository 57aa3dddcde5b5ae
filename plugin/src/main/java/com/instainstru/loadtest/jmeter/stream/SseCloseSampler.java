package com.instainstru.loadtest.jmeter.stream;

import java.nio.charset.StandardCharsets;

import org.apache.jmeter.samplers.SampleResult;

import com.instainstru.loadtest.sse.SseStream;

/**
 * Closes a stream this thread holds and forgets it. The ledger hears that the client closed it, so messages
 * still in flight to it are "unobserved", not lost. No sample is recorded unless asked for: closing is the
 * client's own act, not something the server does.
 */
public class SseCloseSampler extends StreamSampler<Void> {

    private static final long serialVersionUID = 1L;

    private boolean emitSample = false;

    @Override
    protected Void validate() {
        return null; // nothing to check: the stream name is looked up
    }

    @Override
    protected SampleResult sampleStream(String name, OpenStream open, SampleResult result, Void valid) {
        result.sampleStart();
        SseStream stream = open.stream();
        boolean wasOpen = stream.isOpen();
        String reason = wasOpen ? null : String.valueOf(stream.closeReason());
        stream.close();
        ThreadStreams.remove(name);
        result.sampleEnd();
        String summary = "closed '" + name + "' after " + stream.eventsReceived() + " events"
                + (wasOpen ? "" : " (it had already ended: " + reason + ")");
        result.setResponseCodeOK();
        result.setResponseMessage(summary);
        result.setResponseData(summary, StandardCharsets.UTF_8.name());
        result.setSuccessful(true);
        if (!emitSample) {
            result.setIgnore();
        }
        return result;
    }

    public boolean isEmitSample() { return emitSample; }
    public void setEmitSample(boolean emitSample) { this.emitSample = emitSample; }
}
