package com.instainstru.loadtest.jmeter.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import org.apache.jmeter.samplers.Entry;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.instainstru.loadtest.jmeter.BlockingSampler;
import com.instainstru.loadtest.jmeter.EngineNotices;
import com.instainstru.loadtest.jmeter.RunDeadline;
import com.instainstru.loadtest.jmeter.SampleFailures;
import com.instainstru.loadtest.correlation.DeliveryLedger;
import com.instainstru.loadtest.correlation.LedgerRecord;
import com.instainstru.loadtest.report.engines.DeliveryFactJson;

/**
 * Turns the delivery ledger's records into samples: one {@code e2e_full_latency} per message (first
 * delivery), one {@code e2e_fanout_complete} per message (last expected delivery, failed when a delivery was
 * lost), and {@code e2e_cross_engine_latency} for messages sent by another engine. Each sample starts at the
 * message's send time and lasts its latency, so the JTL and the dashboard place it where it happened.
 *
 * <p>Every expected stream that missed a message in the subscription race (sent before the stream was really
 * listening: a harness race, not a loss) also becomes one successful {@code e2e_race_miss} sample of 0 ms at the
 * send time, so the thresholds can count them. The ledger makes no record at all for a message that only
 * race-missing (or client-closed) streams expected; those race misses are found at the end of the test from
 * the ledger's totals and reported then.
 *
 * <p>Put it alone in its own thread group (one thread, loop forever). Each call first checks whether the
 * other (user) threads have started and all finished — on every call, not only when no record came, since
 * under a steady flow every poll finds one — then waits for the next record. Once the users are gone it
 * drains until the ledger is quiet (one empty poll) or until the drain deadline (pending timeout + close
 * grace) has passed, finishes what is left (undelivered messages count as lost) and stops its thread, so the
 * test ends by itself whether this group started before or after the users.
 *
 * <p>When the engine's {@link RunDeadline} fires, the next call returns the failed {@code run_overtime} sample
 * it owes, so the JTL says that the run did not end on time and which threads were still alive. It also returns
 * the {@link EngineNotices} other elements owe (an account without a conversation mapping).
 */
public class DeliveryLedgerCollector extends BlockingSampler implements TestBean {

    private static final long serialVersionUID = 1L;
    static final String E2E_RACE_MISS = "e2e_race_miss";
    /** How long the end-of-test drain waits for a record a reader thread may be emitting right then. */
    private static final Duration SETTLE = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(DeliveryLedgerCollector.class);

    private int pollTimeoutMs = 500;
    private transient boolean sawOtherThreads;
    // 0 while users run; once they are gone, when draining must end (System.nanoTime()).
    private transient long drainDeadlineNanos;
    private transient boolean registered;
    // Samples owed for records already taken from the ledger (race misses); one is returned per call.
    private transient Deque<SampleResult> owed;
    private transient long raceMissesReported;
    private transient boolean reconciled;

    @Override
    public SampleResult sample(Entry entry) {
        String overtime = RunDeadline.takeOwedOvertime();
        if (overtime != null) {
            return overtimeSample(overtime);
        }
        if (owed != null && !owed.isEmpty()) {
            return owed.poll();
        }
        SampleResult notice = EngineNotices.next();
        if (notice != null) {
            return notice;
        }
        return sampleInterruptibly(() -> next(DeliveryLedger.shared()));
    }

    private SampleResult next(DeliveryLedger ledger) {
        if (!registered) {
            registered = true;
            DeliveryLedgerCollectorThreads.started();
        }
        boolean usersGone = usersGone();
        if (usersGone) {
            long now = System.nanoTime();
            if (drainDeadlineNanos == 0) {
                drainDeadlineNanos = now + drainBudget(ledger).toNanos();
            }
            if (now - drainDeadlineNanos > 0) {
                return drainOrStop(ledger, "all virtual users finished (drain deadline passed)");
            }
        } else {
            drainDeadlineNanos = 0;
        }
        LedgerRecord record;
        try {
            record = ledger.poll(Duration.ofMillis(Math.max(1, pollTimeoutMs)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return drainOrStop(ledger, "test stopped");
        }
        if (record != null) {
            return take(record);
        }
        if (usersGone) {
            return drainOrStop(ledger, "all virtual users finished");
        }
        return ignored();
    }

    /**
     * True once a non-collector thread has started (this test) and none is alive any more. Started counts
     * rather than live ones, so a collector that starts after the users (or after they finished) still
     * learns that they ran; a collector that starts first waits for them.
     */
    private boolean usersGone() {
        JMeterContextService.ThreadCounts counts = JMeterContextService.getThreadCounts();
        int othersStarted = counts.startedThreads - DeliveryLedgerCollectorThreads.startedCount();
        int othersActive = counts.activeThreads - DeliveryLedgerCollectorThreads.activeCount();
        sawOtherThreads |= othersStarted > 0;
        return sawOtherThreads && othersActive <= 0;
    }

    /** How long records may still come after the users: a pending message is decided within its timeout. */
    private static Duration drainBudget(DeliveryLedger ledger) {
        return ledger.settings().pendingTimeout().plus(ledger.settings().closeGrace());
    }

    /** Past the drain deadline by more than this, records still arriving are left: the test must end. */
    private static final Duration HARD_STOP_AFTER_DEADLINE = Duration.ofSeconds(5);

    private boolean pastHardStop() {
        return drainDeadlineNanos != 0 && System.nanoTime() - drainDeadlineNanos > HARD_STOP_AFTER_DEADLINE.toNanos();
    }

    /** At the end: settle everything still pending, report it, then stop this thread. */
    private SampleResult drainOrStop(DeliveryLedger ledger, String reason) {
        // Always, not only with messages pending: the test end also writes the delivery facts still held
        // (streams still open, other engines' messages whose window is open). Repeating it adds nothing.
        ledger.flushAll(reason);
        LedgerRecord record;
        if (pastHardStop()) {
            log.warn("Delivery ledger collector: records still arriving {} after the drain deadline; stopping "
                    + "with {} record(s) not reported", HARD_STOP_AFTER_DEADLINE, ledger.snapshot().pending());
            return stopThread();
        }
        try {
            // Not pollNow: a stream's reader thread may be completing the last message at this very moment
            // (its close raced the flush), and its record would come just after we stopped.
            record = ledger.poll(SETTLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record = ledger.pollNow();
        }
        if (record != null) {
            return take(record);
        }
        if (!reconciled) {
            reconciled = true;
            long unseen = ledger.snapshot().raceMisses() - raceMissesReported;
            for (long i = 0; i < unseen; i++) {
                owe(raceMiss(System.currentTimeMillis(), "a message that no stream received was missed in the "
                        + "subscription race (the ledger made no record of it; counted from its totals at the end)"));
            }
            if (unseen > 0) {
                raceMissesReported += unseen;
                return owed.poll();
            }
        }
        return stopThread();
    }

    private SampleResult stopThread() {
        if (registered) {
            registered = false;
            DeliveryLedgerCollectorThreads.stopped();
        }
        JMeterThread thread = JMeterContextService.getContext().getThread();
        if (thread != null) {
            thread.stop();
        }
        return ignored();
    }

    /** The record's sample; its race misses are owed as the next samples. */
    private SampleResult take(LedgerRecord record) {
        List<SampleResult> misses = raceMissSamples(record);
        misses.forEach(this::owe);
        raceMissesReported += misses.size();
        return toSample(record);
    }

    private void owe(SampleResult result) {
        if (owed == null) {
            owed = new ArrayDeque<>();
        }
        owed.add(result);
    }

    /**
     * One {@code e2e_race_miss} sample per stream that missed the message in the subscription race, naming the
     * stream when the record names it. Counted on the fan-out record only: a failed {@code e2e_full_latency} record
     * of the same message carries the same race misses.
     */
    static List<SampleResult> raceMissSamples(LedgerRecord record) {
        int count = record.raceMisses();
        List<SampleResult> samples = new ArrayList<>(Math.max(0, count));
        if (count <= 0 || !LedgerRecord.E2E_FANOUT_COMPLETE.equals(record.label())) {
            return samples;
        }
        List<String> named = record.raceMissedStreams();
        for (int i = 0; i < count; i++) {
            String who = i < named.size() ? named.get(i) : "an expected stream";
            samples.add(raceMiss(record.startEpochMillis(), who + " missed message " + record.token()
                    + " in the subscription race (sent before the stream was listening; not a loss)"));
        }
        return samples;
    }

    /** The run passed its bound ({@link RunDeadline}): a failed sample, so the verdict cannot be PASS. */
    static SampleResult overtimeSample(String message) {
        SampleResult result = new SampleResult();
        result.setSampleLabel(RunDeadline.OVERTIME_LABEL);
        result.setStampAndTime(System.currentTimeMillis(), 0);
        result.setDataType(SampleResult.TEXT);
        return SampleFailures.failure(result, "Overtime", message);
    }

    private static SampleResult raceMiss(long startEpochMillis, String message) {
        return EngineNotices.notice(E2E_RACE_MISS, startEpochMillis, message);
    }

    static SampleResult toSample(LedgerRecord record) {
        if (record.fact() != null) {
            return factSample(record);
        }
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

    /**
     * An {@code e2e_delivery_facts} sample: the fact as JSON in the response message (a column every JTL saves,
     * so it reaches the controller in distributed mode with no extra setting), the human text as response data.
     */
    static SampleResult factSample(LedgerRecord record) {
        SampleResult result = new SampleResult();
        result.setSampleLabel(record.label());
        result.setStampAndTime(record.startEpochMillis(), 0);
        result.setSuccessful(true);
        result.setResponseCode("200");
        result.setResponseMessage(DeliveryFactJson.write(record.fact()));
        result.setDataType(SampleResult.TEXT);
        result.setResponseData(record.message(), StandardCharsets.UTF_8.name());
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


    public int getPollTimeoutMs() { return pollTimeoutMs; }
    public void setPollTimeoutMs(int pollTimeoutMs) { this.pollTimeoutMs = pollTimeoutMs; }
}
