package com.instainstru.loadtest.jmeter.http;

import org.apache.jmeter.samplers.SampleResult;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Response;

/**
 * Marks connect time and latency on the {@link SampleResult} carried as the request's tag, at the moment
 * OkHttp reaches those points, and runs the request's {@link RequestStartHook} (if any) just before the
 * first byte is written. Synchronous calls run listeners on the calling (JMeter) thread, so the marks are
 * taken where JMeter's own HTTP sampler takes them.
 */
final class SampleTimingListener extends EventListener {

    static final EventListener.Factory FACTORY = call -> {
        SampleResult result = call.request().tag(SampleResult.class);
        RequestStartHook hook = call.request().tag(RequestStartHook.class);
        return result == null && hook == null ? EventListener.NONE : new SampleTimingListener(result, hook);
    };

    private final SampleResult result;
    private final RequestStartHook hook;
    private boolean connected;

    private SampleTimingListener(SampleResult result, RequestStartHook hook) {
        this.result = result;
        this.hook = hook;
    }

    @Override
    public void requestHeadersStart(Call call) {
        if (hook != null) {
            hook.action().run();
        }
    }

    @Override
    public void connectionAcquired(Call call, okhttp3.Connection connection) {
        // Connect time covers getting a connection: the TCP (and TLS) handshake for a new one, next to
        // nothing for a pooled one, as with JMeter's own HTTP sampler.
        markConnected();
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        if (result != null) {
            result.latencyEnd();
        }
    }

    private void markConnected() {
        if (!connected && result != null) {
            connected = true;
            result.connectEnd();
        }
    }
}
