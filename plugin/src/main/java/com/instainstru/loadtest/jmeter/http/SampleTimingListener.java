package com.instainstru.loadtest.jmeter.http;

import org.apache.jmeter.samplers.SampleResult;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Response;

/**
 * Marks connect time and latency on the {@link SampleResult} carried as the request's tag, at the moment
 * OkHttp reaches those points. Synchronous calls run listeners on the calling (JMeter) thread, so the
 * marks are taken where JMeter's own HTTP sampler takes them.
 */
final class SampleTimingListener extends EventListener {

    static final EventListener.Factory FACTORY = call -> {
        SampleResult result = call.request().tag(SampleResult.class);
        return result == null ? EventListener.NONE : new SampleTimingListener(result);
    };

    private final SampleResult result;
    private boolean connected;

    private SampleTimingListener(SampleResult result) {
        this.result = result;
    }

    @Override
    public void connectionAcquired(Call call, okhttp3.Connection connection) {
        // Connect time covers getting a connection: the TCP (and TLS) handshake for a new one, next to
        // nothing for a pooled one, as with JMeter's own HTTP sampler.
        markConnected();
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        result.latencyEnd();
    }

    private void markConnected() {
        if (!connected) {
            connected = true;
            result.connectEnd();
        }
    }
}
