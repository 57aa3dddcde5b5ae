package com.instainstru.loadtest.jmeter.stream;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;

/** Small pieces every stream sampler fills its result with. */
final class StreamSamples {

    private StreamSamples() {
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
