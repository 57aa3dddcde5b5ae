package com.instainstru.loadtest.sse;

import java.util.List;
import java.util.Map;

/**
 * What the stream's opening request and its response headers looked like; the JMeter open sampler turns it
 * into the {@code sse_stream} sample.
 *
 * @param status HTTP status (2xx: non-2xx never produce an OpenResult but an {@link SseHttpException})
 * @param headers response headers, names as received, in order; values in order
 * @param startEpochMillis wall clock when the call started
 * @param connectMillis DNS + TCP connect + TLS handshake; 0 when a pooled connection was reused
 * @param headersMillis call start to response headers fully read ({@code sse_stream} response time)
 * @param requestHeaders the header lines OkHttp actually sent (Host, User-Agent, Accept-Encoding included),
 *                       with the values of secret headers (Authorization, Cookie, X-Rate-Limit-Bypass and any
 *                       name containing "token" or "secret") replaced by {@code <redacted>} (the auth scheme of
 *                       Authorization is kept). Safe for JMeter's request view.
 * @param headerBytes size of the response status line and header block on the wire (approximate for HTTP/2)
 */
public record OpenResult(int status, Map<String, List<String>> headers, long startEpochMillis,
                         long connectMillis, long headersMillis, String requestHeaders, long headerBytes) {

    public OpenResult {
        // each held stream keeps its OpenResult: equal headers of many streams are kept once
        headers = SharedCopies.headers(headers);
        requestHeaders = SharedCopies.text(requestHeaders);
    }

    /** First value of a response header, case-insensitive name, or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }
}
