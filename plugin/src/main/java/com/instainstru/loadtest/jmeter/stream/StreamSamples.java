package com.instainstru.loadtest.jmeter.stream;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.jmeter.samplers.SampleResult;

/** Small pieces every stream sampler fills its result with. */
final class StreamSamples {

    private StreamSamples() {
    }

    static SampleResult configurationError(SampleResult result, String message) {
        return failure(result, "Configuration error", message);
    }

    static SampleResult failure(SampleResult result, String code, String message) {
        result.setSuccessful(false);
        result.setResponseCode(code);
        result.setResponseMessage(message);
        result.setResponseData(message, StandardCharsets.UTF_8.name());
        return result;
    }

    static String headerBlock(int status, Map<String, List<String>> headers) {
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(status).append('\n');
        headers.forEach((name, values) -> values.forEach(v -> text.append(name).append(": ").append(v).append('\n')));
        return text.toString();
    }

    static URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            return null;
        }
    }
}
