package com.instainstru.loadtest.jmeter.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.apache.jmeter.samplers.AbstractSampler;
import org.apache.jmeter.samplers.Entry;
import org.apache.jmeter.samplers.Interruptible;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterThread;

import com.instainstru.loadtest.correlation.DeliveryLedger;
import com.instainstru.loadtest.correlation.LedgerRecord;

/**
 * Turns the delivery ledger's records into samples: one {@code e2e_full_latency} per message (first
 * delivery), one {@code e2e_fanout_complete} per message (last expected delivery, failed when a delivery was
 * lost), and {@code e2e_cross_engine_latency} for messages sent by another engine. Each sample starts at the
 * message's send time and lasts its latency, so the JTL and the dashboard place it where it happened.
 *
 * <p>Put it alone in its own thread group (one thread, loop forever). Each call waits for the next record;
 * when every other thread of the test has finished and nothing is pending, it finishes what is left
 * (undelivered messages count as lost) and stops its thread, so the test ends by itself.
 */
public class DeliveryLedgerCollector extends AbstractSampler implements TestBean, Interruptible {

    private static final long serialVersionUID = 1L;

    private int pollTimeoutMs = 500;
    private transient volatile Thread sampling;
    private transient boolean sawOtherThreads;

    @Override
    public SampleResult sample(Entry entry) {
        sampling = Thread.currentThread();
        try {
            return next(DeliveryLedger.shared());
        } finally {
            sampling = null;
        }
    }

    private SampleResult next(DeliveryLedger ledger) {
        LedgerRecord record;
        try {
            record = ledger.poll(Duration.ofMillis(Math.max(1, pollTimeoutMs)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return drainOrStop(ledger, "test stopped");
        }
        if (record != null) {
            return toSample(record);
        }
        boolean othersRunning = JMeterContextService.getNumberOfThreads() > 1;
        sawOtherThreads |= othersRunning;
        if (sawOtherThreads && !othersRunning) {
            return drainOrStop(ledger, "all virtual users finished");
        }
        return ignored();
    }

    /** At the end: settle everything still pending, report it, then stop this thread. */
    private SampleResult drainOrStop(DeliveryLedger ledger, String reason) {
        if (ledger.snapshot().pending() > 0) {
            ledger.flushAll(reason);
        }
        LedgerRecord record = ledger.pollNow();
        if (record != null) {
            return toSample(record);
        }
        JMeterThread thread = JMeterContextService.getContext().getThread();
        if (thread != null) {
            thread.stop();
        }
        return ignored();
    }

    static SampleResult toSample(LedgerRecord record) {
        SampleResult result = new SampleResult();
        result.setSampleLabel(record.label());
        long elapsed = Math.round(record.latencyMillis());
        result.setStampAndTime(record.startEpochMillis(), Math.max(0, elapsed));
        result.setLatency(Math.max(0, elapsed));
        result.setSuccessful(record.success());
        result.setResponseCode(record.success() ? "200" : "Lost");
        result.setResponseMessage(record.message());
        result.setDataType(SampleResult.TEXT);
        result.setResponseData(details(record), StandardCharsets.UTF_8.name());
        return result;
    }

    private static String details(LedgerRecord r) {
        return String.format(Locale.ROOT,
                "label=%s%nsuccess=%s%nlatency_ms=%.3f%nclock=%s%ntoken=%s%nmessage_id=%s%nconversation=%s%n"
                        + "stream=%s%nexpected=%d delivered=%d duplicates=%d out_of_order=%d race_misses=%d "
                        + "closed_by_client=%d lost=%d%n%s%n",
                r.label(), r.success(), r.latencyMillis(), r.clockBasis(), r.token(), r.messageId(),
                r.conversationId(), r.streamName(), r.expected(), r.delivered(), r.duplicates(), r.outOfOrder(),
                r.raceMisses(), r.closedByClient(), r.lost(), r.message());
    }

    private static SampleResult ignored() {
        SampleResult result = new SampleResult();
        result.setIgnore();
        return result;
    }

    @Override
    public boolean interrupt() {
        Thread thread = sampling;
        if (thread != null) {
            thread.interrupt();
            return true;
        }
        return false;
    }

    public int getPollTimeoutMs() { return pollTimeoutMs; }
    public void setPollTimeoutMs(int pollTimeoutMs) { this.pollTimeoutMs = pollTimeoutMs; }
}
