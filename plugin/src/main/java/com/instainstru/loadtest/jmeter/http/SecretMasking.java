package com.instainstru.loadtest.jmeter.http;

import java.util.Arrays;
import java.util.List;

import org.apache.jmeter.processor.PostProcessor;
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
        result.setSamplerData(SecretMasker.values(result.getSamplerData(), secrets));
        result.setResponseHeaders(SecretMasker.values(result.getResponseHeaders(), secrets));
        for (SampleResult sub : result.getSubResults()) {
            mask(sub, secrets);
        }
    }

    public String getSecretValues() { return secretValues; }
    public void setSecretValues(String secretValues) { this.secretValues = secretValues; }
}
