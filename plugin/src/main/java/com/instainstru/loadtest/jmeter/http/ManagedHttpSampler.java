package com.instainstru.loadtest.jmeter.http;

import java.net.URL;
import java.time.Duration;

import org.apache.jmeter.config.ConfigTestElement;
import org.apache.jmeter.protocol.http.sampler.HTTPSampleResult;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterThread;

import com.instainstru.loadtest.jmeter.Interruption;
import com.instainstru.loadtest.jmeter.PluginSampler;

/**
 * A {@link PluginSampler} that speaks HTTP: it takes the Header Manager and Cookie Manager in scope
 * ({@link HttpManagers}), records an HTTPSampleResult, and cancels a request in flight when the test stops.
 */
public abstract class ManagedHttpSampler<C> extends PluginSampler<C> {

    private static final long serialVersionUID = 1L;

    @Override
    public void addTestElement(TestElement element) {
        if (!managers().take(element)) {
            super.addTestElement(element);
        }
    }

    @Override
    public boolean applies(ConfigTestElement configElement) {
        return HttpManagers.applies(configElement);
    }

    @Override
    protected SampleResult newResult() {
        return new HTTPSampleResult();
    }

    protected final HttpManagers managers() {
        return new HttpManagers(this);
    }

    /** POSTs through the exchange as this sample; a test stopping meanwhile cancels the call. */
    protected HttpExchange.Outcome execute(HttpExchange exchange, SampleResult result, URL url,
                                           String contentType, String body, int connectTimeoutMs,
                                           int responseTimeoutMs) {
        try (Interruption.Scope blocking = cancelWith(exchange::cancel)) {
            return exchange.execute(result, "POST", url.toString(), contentType, body,
                    untilScheduledEnd(connectTimeoutMs), untilScheduledEnd(responseTimeoutMs));
        }
    }

    /**
     * Past the scheduled end, a call in flight may take this long to finish before it is cut: a request sent a
     * few ms before the end must not fail for want of time (a CI run saw a 6 ms send "time out" at the end),
     * while a silent server still cannot hold the thread much past the end of the test.
     */
    public static final Duration SCHEDULED_END_GRACE = Duration.ofSeconds(5);

    /**
     * A timeout cut to the time left before the thread group's scheduled end plus {@link #SCHEDULED_END_GRACE}
     * (when its scheduler is on). Never 0: okhttp reads 0 as "no timeout".
     */
    protected static Duration untilScheduledEnd(int timeoutMs) {
        JMeterThread thread = JMeterContextService.getContext().getThread();
        long end = thread == null ? 0 : thread.getEndTime();
        if (end <= 0) {
            return Duration.ofMillis(timeoutMs);
        }
        long left = Math.max(1, end + SCHEDULED_END_GRACE.toMillis() - System.currentTimeMillis());
        return Duration.ofMillis(timeoutMs <= 0 ? left : Math.min(timeoutMs, left));
    }
}
