package com.instainstru.loadtest.jmeter.http;

import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.jmeter.config.ConfigTestElement;
import org.apache.jmeter.protocol.http.control.CookieManager;
import org.apache.jmeter.protocol.http.control.Header;
import org.apache.jmeter.protocol.http.control.HeaderManager;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.testelement.property.JMeterProperty;
import org.apache.jmeter.testelement.property.TestElementProperty;

/**
 * The Header Manager and Cookie Manager in a sampler's scope, taken the way JMeter's own HTTP sampler takes
 * them: header managers merged, both held as properties of the sampler, which JMeter's running version makes
 * temporary, i.e. gone after the sample. A view on the sampler, so it keeps no state of its own.
 *
 * <p>Lifecycle (JMeter's): the element is cloned per thread; before each sample the compiler offers it the
 * config elements in scope ({@code addTestElement}, see {@link #take}); then {@code sample()} runs.
 */
public final class HttpManagers {

    // Property names appear in saved plans: never rename.
    private static final String HEADER_MANAGER = "SSE.header_manager";
    private static final String COOKIE_MANAGER = "SSE.cookie_manager";

    private final TestElement sampler;

    public HttpManagers(TestElement sampler) {
        this.sampler = sampler;
    }

    /** Only the managers are meant for the plugin's samplers; other config elements (HTTP defaults...) are not. */
    public static boolean applies(ConfigTestElement configElement) {
        return configElement instanceof HeaderManager || configElement instanceof CookieManager;
    }

    /** Keeps {@code element} if it is a manager; false when it is not (the sampler merges it as usual). */
    public boolean take(TestElement element) {
        if (element instanceof HeaderManager headerManager) {
            HeaderManager current = headerManager();
            sampler.setProperty(new TestElementProperty(HEADER_MANAGER,
                    current == null ? headerManager : current.merge(headerManager)));
            return true;
        }
        if (element instanceof CookieManager cookieManager) {
            sampler.setProperty(new TestElementProperty(COOKIE_MANAGER, cookieManager));
            return true;
        }
        return false;
    }

    public HeaderManager headerManager() {
        return (HeaderManager) sampler.getProperty(HEADER_MANAGER).getObjectValue();
    }

    public CookieManager cookieManager() {
        return (CookieManager) sampler.getProperty(COOKIE_MANAGER).getObjectValue();
    }

    /** The Header Manager's headers as evaluated in this thread, in order; blank values left out, last one wins. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        HeaderManager headerManager = headerManager();
        if (headerManager != null) {
            for (JMeterProperty property : headerManager.getHeaders()) {
                Header header = (Header) property.getObjectValue();
                putUnlessBlank(headers, header.getName(), header.getValue());
            }
        }
        return headers;
    }

    /** {@link #headers()}, then the Cookie Manager's cookies for {@code url} as the Cookie header. */
    public Map<String, String> headersWithCookies(URL url) {
        Map<String, String> headers = headers();
        CookieManager cookieManager = cookieManager();
        if (cookieManager != null) {
            putUnlessBlank(headers, "Cookie", cookieManager.getCookieHeaderForURL(url));
        }
        return headers;
    }

    private static void putUnlessBlank(Map<String, String> headers, String name, String value) {
        if (value != null && !value.isBlank()) {
            headers.put(name, value);
        }
    }
}
