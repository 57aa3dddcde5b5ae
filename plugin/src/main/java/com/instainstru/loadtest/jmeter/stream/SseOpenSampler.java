package com.instainstru.loadtest.jmeter.stream;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.jmeter.protocol.http.sampler.HTTPSampleResult;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.testelement.ThreadListener;

import com.instainstru.loadtest.jmeter.ConfigurationException;
import com.instainstru.loadtest.jmeter.SampleFailures;
import com.instainstru.loadtest.correlation.CloseCause;
import com.instainstru.loadtest.correlation.DeliveryLedger;
import com.instainstru.loadtest.correlation.StreamTicket;
import com.instainstru.loadtest.jmeter.http.ManagedHttpSampler;
import com.instainstru.loadtest.jmeter.http.SecretMasker;
import com.instainstru.loadtest.sse.OpenResult;
import com.instainstru.loadtest.sse.ReconnectPolicy;
import com.instainstru.loadtest.sse.SseConnector;
import com.instainstru.loadtest.sse.SseEventListener;
import com.instainstru.loadtest.sse.SseHttpException;
import com.instainstru.loadtest.sse.SseRequest;
import com.instainstru.loadtest.sse.SseStream;

/**
 * Opens a named SSE stream and keeps it with this JMeter thread. The sample ends when the response headers
 * arrive (the old suite's {@code sse_stream}: time to headers), with connect time and latency set. A non-200
 * answer is a failed sample showing status, headers and the problem-JSON detail.
 *
 * <p>From then on a reader consumes the socket and stamps every event as it arrives; read, hold and close
 * samplers later in the thread work on the stream by name. When correlation is on, the stream registers with
 * the engine's delivery ledger under the account identity, so end-to-end latencies are measured at socket
 * read. Streams still open when the thread ends are closed then.
 */
public class SseOpenSampler extends ManagedHttpSampler<SseOpenSampler.Opening> implements TestBean, ThreadListener {

    private static final long serialVersionUID = 1L;

    private String streamName = "default";
    private String url = "";
    private String method = "GET";
    private String requestBody = "";
    private String contentType = "application/json";
    private String bearerToken = "";
    private String lastEventId = "";
    private int connectTimeoutMs = 10_000;
    private int readTimeoutMs = 0;
    static final int DEFAULT_EVENT_QUEUE = 256;
    private int eventQueueCapacity = DEFAULT_EVENT_QUEUE;
    private boolean correlate = true;
    private String identity = "";
    private String correlatedEvent = "new_message";
    private boolean reconnect = false;
    private int reconnectBaseDelayMs = 1_000;
    private int reconnectMaxDelayMs = 30_000;
    private int reconnectMaxAttempts = 5;
    private String listeningRule = ListeningRule.FIRST_EVENT.label();
    /** This thread's streams, kept for {@link #threadFinished()} (see {@link ThreadStreams#held()}). */
    private transient Map<String, OpenStream> threadStreams;

    /** What a valid configuration opens, and through which connector. */
    record Opening(SseRequest request, SseConnector connector, ListeningRule listening) {
    }

    @Override
    protected void beforeValidation() {
        ThreadStreams.markFailed(streamName.trim()); // until it is open: later samplers on it then skip quietly
    }

    @Override
    protected Opening validate() throws ConfigurationException {
        SseRequest request = buildRequest();
        ListeningRule listening = ListeningRule.parse(listeningRule);
        try {
            return new Opening(request, connector(), listening); // a bad sse.transport property shows here
        } catch (IllegalArgumentException e) {
            throw ConfigurationException.of(e);
        }
    }

    @Override
    protected SampleResult sampleValid(SampleResult sampleResult, Opening opening) {
        HTTPSampleResult result = (HTTPSampleResult) sampleResult; // see newResult()
        String name = streamName.trim();
        SseRequest request = opening.request();
        OpenStream previous = ThreadStreams.remove(name);
        if (previous != null) {
            // Re-opening a name replaces the stream: the old one must not leak its socket and reader.
            previous.stream().close();
        }
        result.setURL(StreamSamples.toUrl(request.uri()));
        result.setHTTPMethod(request.method());
        if ("POST".equals(request.method())) {
            result.setQueryString(requestBody); // JMeter's HTTP result shows method and URL itself
        }

        DeliveryLedger ledger = DeliveryLedger.shared();
        StreamTicket ticket = correlate ? ledger.streamOpened(ledgerName(name), identity.trim()) : null;
        SseEventListener listener = ticket == null ? SseEventListener.NONE
                : new LedgerStreamListener(ledger, ticket, correlatedEvent.trim());

        long startEpoch = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        SseStream stream;
        try {
            stream = opening.connector().open(request, name, listener); // a test stop interrupts this thread
        } catch (SseHttpException e) {
            endFailed(result, startEpoch, startNanos);
            closeTicket(ledger, ticket, e.getMessage());
            return httpFailure(result, e);
        } catch (IOException e) {
            endFailed(result, startEpoch, startNanos);
            closeTicket(ledger, ticket, e.getMessage());
            return SampleFailures.failure(result, "Non HTTP response code: " + e.getClass().getName(),
                    "could not open stream '" + name + "': " + e.getMessage());
        } catch (InterruptedException e) {
            endFailed(result, startEpoch, startNanos);
            closeTicket(ledger, ticket, "interrupted");
            Thread.currentThread().interrupt();
            return SampleFailures.failure(result, "Interrupted", "stream '" + name + "' not opened: test stopping");
        }
        long headersNanos = System.nanoTime();
        OpenResult open = stream.openResult();
        // Times come from the connector's own marks, so they are the same whoever measures.
        result.setStampAndTime(open.startEpochMillis(), open.headersMillis());
        result.setConnectTime(open.connectMillis());
        result.setLatency(open.headersMillis());
        result.setResponseCode(Integer.toString(open.status()));
        result.setResponseMessage(opening.listening().openMessage());
        if (ticket != null && opening.listening() == ListeningRule.RESPONSE_HEADERS) {
            // no greeting to wait for: the stream counts as listening from its 200 (the race window is the settle)
            ledger.streamListening(ticket, headersNanos);
        }
        result.setResponseHeaders(StreamSamples.headerBlock(open.status(), open.headers()));
        result.setRequestHeaders(maskedRequestHeaders(request));
        result.setHeadersSize((int) open.headerBytes());
        result.setBodySize(0L);
        result.setResponseData("stream '" + name + "' open", StandardCharsets.UTF_8.name());
        result.setSuccessful(true);
        ThreadStreams.clearFailed(name);
        ThreadStreams.put(name, new OpenStream(stream, ticket, headersNanos,
                open.startEpochMillis() + open.headersMillis()));
        threadStreams = ThreadStreams.held();
        return result;
    }

    /** The client seam: tests replace the connector. */
    protected SseConnector connector() {
        return SseConnectors.shared();
    }

    private SseRequest buildRequest() throws ConfigurationException {
        if (streamName.isBlank()) {
            throw new ConfigurationException("Stream name is empty");
        }
        if (url.isBlank()) {
            throw new ConfigurationException("Stream URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new ConfigurationException("Stream URL is not a URL: '" + url + "' (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?")) {
            throw new ConfigurationException("Stream URL must be http:// or https://: '" + url + "'");
        }
        if (correlate && identity.isBlank()) {
            throw new ConfigurationException("Correlation is on but the identity is empty: set it to the "
                    + "account this thread logged in with (e.g. ${login_email}), or turn correlation off");
        }
        if (eventQueueCapacity < 0) {
            throw new ConfigurationException("Event queue capacity must not be negative: " + eventQueueCapacity);
        }
        try {
            return requestTo(uri);
        } catch (IllegalArgumentException e) {
            throw ConfigurationException.of(e); // a bad header, body or sse.max.event.bytes property
        }
    }

    private SseRequest requestTo(URI uri) throws ConfigurationException {
        SseRequest.Builder builder = SseRequest.builder(uri)
                // 0 (also what plans saved before this field existed hold) means the default.
                .queueCapacity(eventQueueCapacity == 0 ? DEFAULT_EVENT_QUEUE : eventQueueCapacity)
                .connectTimeout(Duration.ofMillis(connectTimeoutMs))
                .readTimeout(Duration.ofMillis(readTimeoutMs))
                // no headers by the thread group's scheduled end: the open fails then, not after the test
                .openTimeout(untilScheduledEnd(0))
                .maxEventBytes(SseConnectors.maxEventBytes()); // a bad sse.max.event.bytes: a configuration error
        if ("POST".equalsIgnoreCase(method.trim())) {
            builder.post(requestBody, contentType.trim());
        } else if ("GET".equalsIgnoreCase(method.trim())) {
            builder.get();
        } else {
            throw new ConfigurationException("Method must be GET or POST, not '" + method + "'");
        }
        managers().headersWithCookies(StreamSamples.toUrl(uri)).forEach(builder::setHeader);
        if (!bearerToken.isBlank()) {
            builder.bearerToken(bearerToken.trim());
        }
        if (!lastEventId.isBlank()) {
            builder.lastEventId(lastEventId.trim());
        }
        if (reconnect) {
            builder.reconnectPolicy(ReconnectPolicy.enabled(Duration.ofMillis(reconnectBaseDelayMs),
                    Duration.ofMillis(Math.max(reconnectMaxDelayMs, reconnectBaseDelayMs)),
                    reconnectMaxAttempts, true, true));
        }
        return builder.build();
    }

    private static String maskedRequestHeaders(SseRequest request) {
        StringBuilder text = new StringBuilder();
        request.headers().forEach(h -> text.append(SecretMasker.headerLine(h.getKey(), h.getValue())).append('\n'));
        return text.toString();
    }

    private static SampleResult httpFailure(SampleResult result, SseHttpException e) {
        result.setResponseCode(Integer.toString(e.status()));
        result.setResponseHeaders(StreamSamples.headerBlock(e.status(), e.headers()));
        result.setResponseData(e.bodyExcerpt() == null ? "" : e.bodyExcerpt(), StandardCharsets.UTF_8.name());
        result.setResponseMessage(e.getMessage());
        result.setSuccessful(false);
        return result;
    }

    private static void endFailed(SampleResult result, long startEpoch, long startNanos) {
        result.setStampAndTime(startEpoch, (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static void closeTicket(DeliveryLedger ledger, StreamTicket ticket, String why) {
        if (ticket != null) {
            ledger.streamClosed(ticket, CloseCause.ERROR,
                    "open failed: " + why, System.nanoTime());
        }
    }

    @Override
    public void threadStarted() {
        // Nothing to prepare: streams are opened by samples.
    }

    @Override
    public void threadFinished() {
        // Streams still open when the thread ends (test stopped mid-hold, no close sampler) are closed here:
        // otherwise their sockets and readers would outlive the test, and the ledger would never hear of it.
        Map<String, OpenStream> streams = threadStreams;
        threadStreams = null;
        if (streams != null) {
            ThreadStreams.closeAll(streams);
        }
    }

    public String getStreamName() { return streamName; }
    public void setStreamName(String streamName) { this.streamName = streamName; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getMethod() { return method; }
    public void setMethod(String method) { this.method = method; }
    public String getRequestBody() { return requestBody; }
    public void setRequestBody(String requestBody) { this.requestBody = requestBody; }
    public String getContentType() { return contentType; }
    public void setContentType(String contentType) { this.contentType = contentType; }
    public String getBearerToken() { return bearerToken; }
    public void setBearerToken(String bearerToken) { this.bearerToken = bearerToken; }
    public String getLastEventId() { return lastEventId; }
    public void setLastEventId(String lastEventId) { this.lastEventId = lastEventId; }
    public int getConnectTimeoutMs() { return connectTimeoutMs; }
    public void setConnectTimeoutMs(int connectTimeoutMs) { this.connectTimeoutMs = connectTimeoutMs; }
    public int getReadTimeoutMs() { return readTimeoutMs; }
    public void setReadTimeoutMs(int readTimeoutMs) { this.readTimeoutMs = readTimeoutMs; }
    public int getEventQueueCapacity() { return eventQueueCapacity; }
    public void setEventQueueCapacity(int eventQueueCapacity) { this.eventQueueCapacity = eventQueueCapacity; }
    public boolean isCorrelate() { return correlate; }
    public void setCorrelate(boolean correlate) { this.correlate = correlate; }
    public String getIdentity() { return identity; }
    public void setIdentity(String identity) { this.identity = identity; }
    public String getListeningRule() { return listeningRule; }
    public void setListeningRule(String listeningRule) { this.listeningRule = listeningRule; }
    public String getCorrelatedEvent() { return correlatedEvent; }
    public void setCorrelatedEvent(String correlatedEvent) { this.correlatedEvent = correlatedEvent; }
    public boolean isReconnect() { return reconnect; }
    public void setReconnect(boolean reconnect) { this.reconnect = reconnect; }
    public int getReconnectBaseDelayMs() { return reconnectBaseDelayMs; }
    public void setReconnectBaseDelayMs(int reconnectBaseDelayMs) { this.reconnectBaseDelayMs = reconnectBaseDelayMs; }
    public int getReconnectMaxDelayMs() { return reconnectMaxDelayMs; }
    public void setReconnectMaxDelayMs(int reconnectMaxDelayMs) { this.reconnectMaxDelayMs = reconnectMaxDelayMs; }
    public int getReconnectMaxAttempts() { return reconnectMaxAttempts; }
    public void setReconnectMaxAttempts(int reconnectMaxAttempts) { this.reconnectMaxAttempts = reconnectMaxAttempts; }

    /**
     * The stream as the ledger's records name it: its virtual user and its name ("users 1-7/messages"), since every
     * user's stream has the same name; in distributed mode the thread name carries the engine too.
     */
    private static String ledgerName(String name) {
        String thread = Thread.currentThread().getName();
        return thread == null || thread.isBlank() ? name : thread + "/" + name;
    }
}
