package com.instainstru.loadtest.report;

/**
 * One JTL row. Optional columns the file lacks hold "" (text), 0 (numbers) or -1 ({@code allThreads}).
 *
 * @param timeStamp   epoch millis of the sample start (JMeter's shipped
 *                    {@code sampleresult.timestamp.start=true})
 * @param elapsed     milliseconds
 */
public record JtlSample(
        long timeStamp,
        long elapsed,
        String label,
        String responseCode,
        String responseMessage,
        String threadName,
        boolean success,
        String failureMessage,
        long bytes,
        long sentBytes,
        int allThreads,
        String url,
        long latency,
        long connect) {

    public long endTime() {
        return timeStamp + elapsed;
    }

    /** The text Locust's failures CSV would show: the assertion/failure message, else code and message. */
    public String errorText() {
        if (!failureMessage.isBlank()) {
            return failureMessage;
        }
        String text = (responseCode + " " + responseMessage).trim();
        return text.isEmpty() ? "failed (no message)" : text;
    }
}
