package com.instainstru.loadtest.jmeter.http;

import java.net.URL;
import java.time.Duration;

import org.apache.jmeter.config.ConfigTestElement;
import org.apache.jmeter.protocol.http.control.CookieManager;
import org.apache.jmeter.protocol.http.control.HeaderManager;
import org.apache.jmeter.samplers.AbstractSampler;
import org.apache.jmeter.samplers.Interruptible;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.testelement.property.TestElementProperty;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterThread;

/**
 * Base for samplers that speak HTTP: takes the Header Manager and Cookie Manager in scope the way JMeter's
 * own HTTP sampler does (merged, held as temporary properties for one sample), and stops a request in flight
 * when the test stops.
 *
 * <p>Lifecycle (JMeter's): the element is cloned per thread; before each sample the compiler adds the
 * config elements in scope ({@link #addTestElement}); TestBean properties are copied into fields; then
 * {@code sample()} runs on the JMeter thread.
 */
public abstract class ManagedHttpSampler extends AbstractSampler implements Interruptible {

    private static final long serialVersionUID = 1L;

    // Property names appear in saved plans: never rename.
    private static final String HEADER_MANAGER = "SSE.header_manager";
    private static final String COOKIE_MANAGER = "SSE.cookie_manager";

    private transient volatile Runnable canceller;

    @Override
    public void addTestElement(TestElement element) {
        if (element instanceof HeaderManager headerManager) {
            HeaderManager current = getHeaderManager();
            setProperty(new TestElementProperty(HEADER_MANAGER,
                    current == null ? headerManager : current.merge(headerManager)));
        } else if (element instanceof CookieManager cookieManager) {
            setProperty(new TestElementProperty(COOKIE_MANAGER, cookieManager));
        } else {
            super.addTestElement(element);
        }
    }

    @Override
    public boolean applies(ConfigTestElement configElement) {
        // Only the managers are meant for us; other config elements (HTTP defaults...) are not.
        return configElement instanceof HeaderManager || configElement instanceof CookieManager;
    }

    protected HeaderManager getHeaderManager() {
        return (HeaderManager) getProperty(HEADER_MANAGER).getObjectValue();
    }

    protected CookieManager getCookieManager() {
        return (CookieManager) getProperty(COOKIE_MANAGER).getObjectValue();
    }

    /** POSTs through the exchange as this sample; a test stopping meanwhile cancels the call. */
    protected HttpExchange.Outcome execute(HttpExchange exchange, SampleResult result, URL url,
                                           String contentType, String body, int connectTimeoutMs,
                                           int responseTimeoutMs) {
        whileBlocking(exchange::cancel);
        try {
            return exchange.execute(result, "POST", url.toString(), contentType, body,
                    untilScheduledEnd(connectTimeoutMs), untilScheduledEnd(responseTimeoutMs));
        } finally {
            whileBlocking(null);
        }
    }

    /**
     * A timeout cut to the time left before the thread group's scheduled end (when its scheduler is on), so a
     * silent server cannot hold the thread past the end of the test. Never 0: okhttp reads 0 as "no timeout".
     */
    protected static Duration untilScheduledEnd(int timeoutMs) {
        JMeterThread thread = JMeterContextService.getContext().getThread();
        long end = thread == null ? 0 : thread.getEndTime();
        if (end <= 0) {
            return Duration.ofMillis(timeoutMs);
        }
        long left = Math.max(1, end - System.currentTimeMillis());
        return Duration.ofMillis(timeoutMs <= 0 ? left : Math.min(timeoutMs, left));
    }

    /** Registers what {@link #interrupt()} should do while a blocking step runs; null when nothing blocks. */
    protected void whileBlocking(Runnable cancel) {
        this.canceller = cancel;
    }

    @Override
    public boolean interrupt() {
        Runnable cancel = canceller;
        if (cancel != null) {
            cancel.run();
            return true;
        }
        return false;
    }
}
