package com.instainstru.loadtest.jmeter.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jmeter.protocol.http.sampler.HTTPSampleResult;
import org.apache.jmeter.samplers.SampleResult;

import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One HTTP request made as one JMeter sample: headers from the thread's Header Manager and Cookie Manager
 * (see {@link HttpManagers}) plus the sampler's own, timings marked as OkHttp reaches them, the response
 * recorded on the result, and secrets masked in what the result shows. The call can be cancelled from another thread ({@link #cancel}),
 * which is how the samplers honour JMeter's {@code Interruptible}.
 */
public final class HttpExchange {

    /** Response bodies are kept whole up to this size; beyond it the sample keeps an excerpt. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final Map<String, String> headers = new LinkedHashMap<>();
    private volatile Call call;
    private Runnable onRequestStart;

    public HttpExchange header(String name, String value) {
        if (value != null && !value.isBlank()) {
            headers.put(name, value);
        }
        return this;
    }

    /** Adds headers in order (the managers' ones, see {@link HttpManagers}); blank values are left out. */
    public HttpExchange headers(Map<String, String> more) {
        more.forEach(this::header);
        return this;
    }

    /**
     * Runs {@code hook} on the calling thread when the request starts going out, after the connection is
     * there and before its first byte is written; not at all if no connection could be had.
     */
    public HttpExchange onRequestStart(Runnable hook) {
        this.onRequestStart = hook;
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Runs the request; never throws: transport failures become a failed sample with a clear message. */
    public Outcome execute(SampleResult result, String method, String url, String contentType, String body,
                           Duration connectTimeout, Duration readTimeout) {
        Request.Builder builder = new Request.Builder().url(url).tag(SampleResult.class, result);
        if (onRequestStart != null) {
            builder.tag(RequestStartHook.class, new RequestStartHook(onRequestStart));
        }
        headers.forEach(builder::header);
        RequestBody requestBody = body == null ? null
                : RequestBody.create(body.getBytes(StandardCharsets.UTF_8), MediaType.get(contentType));
        builder.method(method, requestBody);
        Request request = builder.build();
        result.setURL(request.url().url());
        if (result instanceof HTTPSampleResult http) {
            http.setHTTPMethod(method);
        }
        result.setRequestHeaders(maskedHeaders());
        result.setSentBytes(estimateSentBytes(request, body));
        result.setDataType(SampleResult.TEXT);

        result.sampleStart();
        try {
            call = PluginHttpClient.withTimeouts(connectTimeout, readTimeout).newCall(request);
            try (Response response = call.execute()) {
                byte[] bytes = readCapped(response.body());
                result.sampleEnd();
                return record(result, response, bytes);
            }
        } catch (IOException e) {
            if (result.getEndTime() == 0) {
                result.sampleEnd();
            }
            boolean cancelled = call != null && call.isCanceled();
            String why = cancelled ? "request cancelled (test stopping)"
                    : (e instanceof InterruptedIOException ? "timed out: " : "connection failed: ") + e.getMessage();
            result.setSuccessful(false);
            result.setResponseCode(cancelled ? "Interrupted" : "Non HTTP response code: " + e.getClass().getName());
            result.setResponseMessage(why);
            result.setResponseData(why, StandardCharsets.UTF_8.name());
            return new Outcome(-1, "", Map.of(), why, null);
        } finally {
            call = null;
        }
    }

    public void cancel() {
        Call current = call;
        if (current != null) {
            current.cancel();
        }
    }

    private static Outcome record(SampleResult result, Response response, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        result.setResponseCode(Integer.toString(response.code()));
        result.setResponseMessage(response.message());
        result.setResponseHeaders(statusLine(response) + response.headers());
        result.setResponseData(bytes);
        result.setContentType(response.header("Content-Type", ""));
        result.setHeadersSize(statusLine(response).length() + response.headers().toString().length() + 2);
        result.setBodySize((long) bytes.length);
        result.setSuccessful(response.isSuccessful());
        Map<String, List<String>> responseHeaders = response.headers().toMultimap();
        String problem = response.isSuccessful() ? null
                : HttpProblem.describe(response.code(), response.message(), text, response.header("Retry-After"));
        return new Outcome(response.code(), text, responseHeaders, problem, response.header("Retry-After"));
    }

    private static String statusLine(Response response) {
        return "HTTP/1.1 " + response.code() + " " + response.message() + "\n";
    }

    private static byte[] readCapped(ResponseBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        okio.BufferedSource source = body.source();
        source.request(MAX_BODY_BYTES);
        long available = Math.min(source.getBuffer().size(), MAX_BODY_BYTES);
        return source.getBuffer().readByteArray(available);
    }

    private String maskedHeaders() {
        StringBuilder text = new StringBuilder();
        headers.forEach((name, value) -> text.append(SecretMasker.headerLine(name, value)).append('\n'));
        return text.toString();
    }

    private long estimateSentBytes(Request request, String body) {
        long size = request.method().length() + request.url().encodedPath().length() + 12;
        for (Map.Entry<String, String> e : headers.entrySet()) {
            size += e.getKey().length() + e.getValue().length() + 4;
        }
        return size + (body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * What came back: status (-1 when no response), body text, headers, a one-line problem description for
     * failures, and Retry-After if sent.
     */
    public record Outcome(int status, String body, Map<String, List<String>> headers, String problem,
                          String retryAfter) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public List<String> headerValues(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return List.of();
        }
    }
}
