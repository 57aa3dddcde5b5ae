package com.instainstru.loadtest.jmeter.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.jmeter.samplers.SampleResult;

import com.instainstru.loadtest.jmeter.testing.ScriptedSseConnector;
import com.instainstru.loadtest.jmeter.testing.ScriptedSseStream;
import com.instainstru.loadtest.sse.SseConnector;

/** Opens scripted streams in this thread through the open sampler's connector seam, as a plan would. */
final class ScriptedStreams {

    static final String NAME = "messages";

    private ScriptedStreams() {
    }

    /** An open sampler for stream {@value #NAME}, uncorrelated, whose connector is {@code connector}. */
    static SseOpenSampler opener(SseConnector connector) {
        SseOpenSampler open = new SseOpenSampler() {
            private static final long serialVersionUID = 1L;

            @Override
            protected SseConnector connector() {
                return connector;
            }
        };
        open.setName("open");
        open.setStreamName(NAME);
        open.setUrl("http://127.0.0.1:9/api/v1/messages/stream"); // never dialled: the connector is scripted
        open.setCorrelate(false);
        return open;
    }

    static void open(ScriptedSseStream stream) {
        ScriptedSseConnector connector = new ScriptedSseConnector(stream);
        SampleResult result = opener(connector).sample(null);
        assertThat(result.isSuccessful()).as(result.getResponseMessage()).isTrue();
        assertThat(connector.requests()).hasSize(1);
    }
}
