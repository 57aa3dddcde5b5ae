package com.instainstru.loadtest.jmeter.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterThread;

import com.instainstru.loadtest.jmeter.ConfigurationException;
import com.instainstru.loadtest.jmeter.SampleFailures;
import com.instainstru.loadtest.jmeter.Seconds;
import com.instainstru.loadtest.sse.EventTally;
import com.instainstru.loadtest.sse.SseStream;
import com.instainstru.loadtest.sse.StreamState;

/**
 * Holds a stream open for exactly the configured time, counting its events without queueing them (deliveries
 * are measured by the reader as they arrive, not here), so the thread sleeps until the hold ends or the stream
 * drops instead of waking for every event. The old suite's hold overran to the next event after the hold time; this
 * one ends on time, so hold time and message rate mean what the scenario says.
 *
 * <p>A hold never runs past the thread group's scheduled end: it stops there, recording nothing.
 *
 * <p>A stream that ends during the hold (server closed it, error, read timeout) is a failed sample: in the
 * scenarios a dropped stream is an error. A clean hold records no sample by default, like the old suite
 * (choose "always" to see every hold).
 */
public class SseHoldSampler extends StreamSampler<Long> {

    private static final long serialVersionUID = 1L;
    static final String EMIT_ON_FAILURE = "on failure only";
    static final String EMIT_ALWAYS = "always";

    private String holdSeconds = "25";
    private String emitSample = EMIT_ON_FAILURE;

    /** The hold in nanoseconds. */
    @Override
    protected Long validate() throws ConfigurationException {
        try {
            return Seconds.toNanos(holdSeconds, "Hold (s)");
        } catch (IllegalArgumentException e) {
            throw ConfigurationException.of(e);
        }
    }

    @Override
    protected SampleResult sampleStream(String name, OpenStream open, SampleResult result, Long holdNanos) {
        long startEpoch = System.currentTimeMillis();
        long start = System.nanoTime();
        SseStream stream = open.stream();
        long deadline = start + holdNanos;
        long testEndsIn = millisUntilScheduledEnd(startEpoch);
        boolean cutByTestEnd = testEndsIn < holdNanos / 1_000_000;
        if (cutByTestEnd) {
            // The thread group's duration ends first: stop with it instead of overrunning the test.
            deadline = start + Math.max(0, testEndsIn) * 1_000_000L;
        }
        EventTally tally = new EventTally(0, 0, 0, false);
        String failure = null;
        boolean interrupted = false;
        try {
            // counted, not queued: this thread wakes when the stream ends or the hold is over, not per event
            tally = stream.countUntilEnd(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (tally.ended() && stream.state() == StreamState.CLOSED) {
                failure = "stream '" + name + "' dropped after " + seconds(System.nanoTime() - start)
                        + " of a " + seconds(holdNanos) + " hold: " + stream.closeReason();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted = true;
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        result.setStampAndTime(startEpoch, elapsedMs);
        result.setBodySize(tally.wireBytes());
        String summary = "held '" + name + "' " + seconds(elapsedMs * 1_000_000L) + ": " + tally.events() + " events, "
                + tally.comments() + " comments, " + stream.reconnectCount() + " reconnects"
                + (stream.reconnectCount() > 0 ? " (last gap " + stream.lastReconnectGapMillis() + " ms)" : "") + ", "
                + stream.droppedEvents() + " dropped from a full queue";
        result.setResponseData(summary, StandardCharsets.UTF_8.name());
        if (interrupted || (cutByTestEnd && failure == null)) {
            // A hold cut short by the test stopping or ending is not an error of the system under test.
            result.setIgnore();
            return result;
        }
        if (failure != null) {
            return SampleFailures.failure(result, "Stream dropped", failure);
        }
        result.setResponseCodeOK();
        result.setResponseMessage(summary);
        result.setSuccessful(true);
        if (!EMIT_ALWAYS.equalsIgnoreCase(emitSample.trim())) {
            result.setIgnore();
        }
        return result;
    }

    /** Time left before this thread's scheduled end (thread group duration), or Long.MAX_VALUE without one. */
    private static long millisUntilScheduledEnd(long nowEpochMillis) {
        JMeterThread thread = JMeterContextService.getContext().getThread();
        long end = thread == null ? 0 : thread.getEndTime();
        return end > 0 ? end - nowEpochMillis : Long.MAX_VALUE;
    }


    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    public String getHoldSeconds() { return holdSeconds; }
    public void setHoldSeconds(String holdSeconds) { this.holdSeconds = holdSeconds; }
    public String getEmitSample() { return emitSample; }
    public void setEmitSample(String emitSample) { this.emitSample = emitSample; }
}
