package com.instainstru.loadtest.jmeter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.jmeter.samplers.AbstractSampler;
import org.apache.jmeter.samplers.Entry;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.threads.ThreadGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.instainstru.loadtest.correlation.DeliveryLedger;
import com.instainstru.loadtest.correlation.LedgerSettings;
import com.instainstru.loadtest.correlation.StreamTicket;
import com.instainstru.loadtest.jmeter.testing.JMeterHarness;

/**
 * Issue 9, item 1: the collector's group started ~2 s after the users, under a flow of ledger records far
 * denser than one per poll timeout, never learned that the users had run, and the test never ended.
 */
class DeliveryLedgerCollectorEndTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aCollectorStartedAfterTheUsersUnderASteadyFlowStillEndsTheTest() throws Exception {
        DeliveryLedger ledger = DeliveryLedger.shared();
        ledger.reset();
        // each send's one expected stream never gets it: decided (lost) after 100 ms: a record every ~20 ms while the users send
        ledger.configure(LedgerSettings.defaults().toBuilder().pendingTimeout(Duration.ofMillis(100))
                .raceWindow(Duration.ofMillis(1)).closeGrace(Duration.ofMillis(200)).build());

        ThreadGroup users = JMeterHarness.threadGroup("users", 3, -1);
        users.setScheduler(true);
        users.setDuration(5);
        ThreadGroup collectorGroup = JMeterHarness.threadGroup("delivery ledger collector", 1, -1);
        collectorGroup.setScheduler(true);
        collectorGroup.setDelay(2);
        collectorGroup.setDuration(600); // far beyond the test's timeout: only the collector can end it soon
        JMeterHarness.Plan plan = new JMeterHarness.Plan()
                .group(users, new SteadySender())
                .group(collectorGroup, JMeterHarness.bean(DeliveryLedgerCollector.class, "collector",
                        Map.of("pollTimeoutMs", 500)));

        JMeterHarness.Running running = plan.start();
        boolean ended = running.endedByItselfWithin(Duration.ofSeconds(60));

        assertThat(ended).as("test ended by itself within 60 s of a 5 s user run (collector started 2 s late)")
                .isTrue();
        List<SampleResult> results = plan.results();
        assertThat(results).as("the collector reported the records").anyMatch(r -> r.getSampleLabel().startsWith("e2e_"));
    }

    /** A user with one listening stream that never receives, sending a message every 20 ms. */
    public static class SteadySender extends AbstractSampler {
        private static final long serialVersionUID = 1L;
        private transient StreamTicket stream;

        public SteadySender() {
            setName("steady sender");
        }

        @Override
        public SampleResult sample(Entry entry) {
            SampleResult result = new SampleResult();
            result.setSampleLabel("send");
            result.sampleStart();
            String identity = "u" + Thread.currentThread().getId() + "@example.com";
            if (stream == null) {
                stream = DeliveryLedger.shared().streamOpened("stream of " + identity, identity);
                DeliveryLedger.shared().streamListening(stream, System.nanoTime() - Duration.ofSeconds(10).toNanos());
            }
            DeliveryLedger.shared().beginSend("c-" + identity, identity, "u1");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            result.sampleEnd();
            result.setSuccessful(true);
            return result;
        }
    }
}
