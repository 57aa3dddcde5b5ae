package com.instainstru.loadtest.jmeter.http;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.Arrays;
import java.util.List;

import org.apache.jmeter.processor.PostProcessor;
import org.apache.jmeter.protocol.http.sampler.HTTPSampleResult;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.testelement.AbstractTestElement;

/**
 * Masks secrets in every sample in its scope before listeners see it: secret headers ({@code Authorization},
 * {@code Cookie}, {@code X-Rate-Limit-Bypass}) in the request headers, and the listed secret values wherever
 * they appear in request headers, sampler data and response headers. The plugin's own samplers never record
 * secrets; this covers JMeter's own ones (e.g. the HTTP Request used for {@code auth_check}), so View Results
 * Tree, XML JTLs and saved responses are safe to share.
 */
public class SecretMasking extends AbstractTestElement implements PostProcessor, TestBean {

    private static final long serialVersionUID = 1L;

    private String secretValues = "";

    @Override
    public void process() {
        SampleResult result = getThreadContext().getPreviousResult();
        if (result != null) {
            mask(result, Arrays.stream(secretValues.split("\\R")).map(String::trim).toList());
        }
    }

    static void mask(SampleResult result, List<String> secrets) {
        result.setRequestHeaders(SecretMasker.values(SecretMasker.headerBlock(result.getRequestHeaders()), secrets));
        if (result instanceof HTTPSampleResult http) {
            maskHttpRequest(http, secrets);
        } else {
            result.setSamplerData(SecretMasker.values(result.getSamplerData(), secrets));
        }
        result.setResponseHeaders(SecretMasker.values(result.getResponseHeaders(), secrets));
        for (SampleResult sub : result.getSubResults()) {
            mask(sub, secrets);
        }
    }

    /**
     * An HTTP sample's {@code getSamplerData()} composes method, URL, body and cookies in front of the sampler
     * data set on it; writing that back would show the block twice. So each part is masked where it is kept.
     */
    private static void maskHttpRequest(HTTPSampleResult http, List<String> secrets) {
        String own = SecretMasker.values(ownSamplerData(http), secrets);
        http.setSamplerData(own.isEmpty() ? null : own);
        http.setQueryString(SecretMasker.values(http.getQueryString(), secrets));
        http.setCookies(SecretMasker.values(http.getCookies(), secrets));
        http.setURL(maskedUrl(http.getURL(), secrets));
    }

    /** The sampler data set on the sample itself: what {@code getSamplerData()} shows after the block it composes. */
    private static String ownSamplerData(HTTPSampleResult http) {
        String shown = http.getSamplerData();
        http.setSamplerData(null);
        return shown.substring(http.getSamplerData().length());
    }

    /** A URL that no longer parses once masked (a secret in its scheme) is dropped rather than kept with the secret. */
    private static URL maskedUrl(URL url, List<String> secrets) {
        if (url == null) {
            return null;
        }
        String masked = SecretMasker.values(url.toString(), secrets);
        try {
            return masked.equals(url.toString()) ? url : new URL(masked);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    public String getSecretValues() { return secretValues; }
    public void setSecretValues(String secretValues) { this.secretValues = secretValues; }
}
