package com.instainstru.loadtest.jmeter.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterVariables;

import com.instainstru.loadtest.jmeter.ConfigurationException;
import com.instainstru.loadtest.jmeter.SampleFailures;
import com.instainstru.loadtest.sse.SseEvent;
import com.instainstru.loadtest.sse.SseStream;
import com.instainstru.loadtest.sse.StreamState;

/**
 * Reads a held stream until a condition holds (event name, data regex, JSON path; a number of matching
 * events) or a timeout passes. The sample's time runs from the sampler's start, or from the stream's response
 * headers — which gives the old suite's {@code ttfe} (time to first event) when the condition is "any event".
 * The end is the moment the last matching event came off the socket, not when this sampler looked at it.
 *
 * <p>Events that do not match are consumed and counted. Optionally a timeout is a success (e.g. "no error
 * event within 5 s"). The last matching event is left in variables {@code <prefix>_event}, {@code _data},
 * {@code _id} and the match count in {@code <prefix>_count}.
 */
public class SseReadSampler extends StreamSampler<EventCondition> {

    private static final long serialVersionUID = 1L;
    static final String FROM_SAMPLER = "sampler start";
    static final String FROM_OPEN = "stream open";
    private static final int SHOWN_EVENTS = 50;

    private String eventName = "";
    private String dataRegex = "";
    private String jsonPath = "";
    private String jsonValue = "";
    private boolean includeComments = false;
    private int count = 1;
    private int timeoutMs = 10_000;
    private boolean successOnTimeout = false;
    private String measureFrom = FROM_SAMPLER;
    private String variablePrefix = "sse";

    /** The condition events must meet; count, timeout and "measure from" checked with it. */
    @Override
    protected EventCondition validate() throws ConfigurationException {
        EventCondition condition;
        try {
            condition = new EventCondition(eventName, dataRegex, jsonPath, jsonValue, includeComments);
        } catch (IllegalArgumentException e) {
            throw ConfigurationException.of(e);
        }
        if (count < 1) {
            throw new ConfigurationException("Count must be at least 1, not " + count);
        }
        if (timeoutMs < 0) {
            throw new ConfigurationException("Timeout must not be negative: " + timeoutMs);
        }
        String from = measureFrom.trim();
        if (!FROM_SAMPLER.equalsIgnoreCase(from) && !FROM_OPEN.equalsIgnoreCase(from)) {
            throw new ConfigurationException("Measure from must be '" + FROM_SAMPLER + "' or '" + FROM_OPEN
                    + "', not '" + measureFrom + "'");
        }
        return condition;
    }

    @Override
    protected SampleResult sampleStream(String name, OpenStream open, SampleResult result, EventCondition condition) {
        long startNanos = System.nanoTime();
        long startEpoch = System.currentTimeMillis();
        boolean fromOpen = FROM_OPEN.equalsIgnoreCase(measureFrom.trim());
        long originNanos = fromOpen ? open.headersNanos() : startNanos;
        long originEpoch = fromOpen ? open.headersEpochMillis() : startEpoch;

        SseStream stream = open.stream();
        long deadline = startNanos + Duration.ofMillis(timeoutMs).toNanos();
        StringBuilder shown = new StringBuilder();
        int matched = 0;
        int seen = 0;
        long bytes = 0;
        SseEvent last = null;
        long endNanos;
        String failure = null;
        try {
            while (true) {
                long remaining = deadline - System.nanoTime();
                SseEvent event = remaining > 0 ? stream.poll(Duration.ofNanos(remaining)) : null;
                if (event == null) {
                    endNanos = System.nanoTime();
                    if (endNanos < deadline && stream.state() != StreamState.CLOSED) {
                        continue; // woken early (e.g. reconnecting): keep waiting until the deadline
                    }
                    if (stream.state() == StreamState.CLOSED && endNanos < deadline) {
                        failure = "stream '" + name + "' ended before " + condition.describe() + ": "
                                + stream.closeReason();
                    } else if (!successOnTimeout) {
                        failure = "timed out after " + timeoutMs + " ms waiting for " + count + " x "
                                + condition.describe() + " (got " + matched + ", saw " + seen + " other events)";
                    }
                    break;
                }
                seen++;
                bytes += event.wireBytes();
                if (condition.matches(event)) {
                    matched++;
                    last = event;
                    if (matched <= SHOWN_EVENTS) {
                        shown.append(event).append('\n');
                    }
                    if (matched >= count) {
                        endNanos = event.receivedNanos();
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endNanos = System.nanoTime();
            failure = "interrupted: test stopping";
        }
        long elapsedMs = Math.max(0, (endNanos - originNanos) / 1_000_000);
        result.setStampAndTime(originEpoch, elapsedMs);
        result.setLatency(elapsedMs);
        result.setBodySize(bytes);
        result.setResponseData(shown.toString(), StandardCharsets.UTF_8.name());
        publish(last, matched);
        if (failure != null) {
            return SampleFailures.failure(result, matched > 0 ? "Partial" : "Timeout", failure);
        }
        result.setResponseCodeOK();
        result.setResponseMessage(matched + " x " + condition.describe());
        result.setSuccessful(true);
        return result;
    }

    private void publish(SseEvent last, int matched) {
        String prefix = variablePrefix.trim();
        if (prefix.isEmpty()) {
            return;
        }
        JMeterVariables vars = JMeterContextService.getContext().getVariables();
        vars.put(prefix + "_count", Integer.toString(matched));
        vars.put(prefix + "_event", last == null ? "" : last.eventName());
        vars.put(prefix + "_data", last == null ? "" : last.data());
        vars.put(prefix + "_id", last == null || last.lastEventId() == null ? "" : last.lastEventId());
    }

    public String getEventName() { return eventName; }
    public void setEventName(String eventName) { this.eventName = eventName; }
    public String getDataRegex() { return dataRegex; }
    public void setDataRegex(String dataRegex) { this.dataRegex = dataRegex; }
    public String getJsonPath() { return jsonPath; }
    public void setJsonPath(String jsonPath) { this.jsonPath = jsonPath; }
    public String getJsonValue() { return jsonValue; }
    public void setJsonValue(String jsonValue) { this.jsonValue = jsonValue; }
    public boolean isIncludeComments() { return includeComments; }
    public void setIncludeComments(boolean includeComments) { this.includeComments = includeComments; }
    public int getCount() { return count; }
    public void setCount(int count) { this.count = count; }
    public int getTimeoutMs() { return timeoutMs; }
    public void setTimeoutMs(int timeoutMs) { this.timeoutMs = timeoutMs; }
    public boolean isSuccessOnTimeout() { return successOnTimeout; }
    public void setSuccessOnTimeout(boolean successOnTimeout) { this.successOnTimeout = successOnTimeout; }
    public String getMeasureFrom() { return measureFrom; }
    public void setMeasureFrom(String measureFrom) { this.measureFrom = measureFrom; }
    public String getVariablePrefix() { return variablePrefix; }
    public void setVariablePrefix(String variablePrefix) { this.variablePrefix = variablePrefix; }
}
