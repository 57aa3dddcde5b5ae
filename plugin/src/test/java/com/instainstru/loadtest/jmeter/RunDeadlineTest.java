package com.instainstru.loadtest.jmeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.jmeter.samplers.AbstractSampler;
import org.apache.jmeter.samplers.Entry;
import org.apache.jmeter.samplers.Interruptible;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jmeter.util.JMeterUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.instainstru.loadtest.jmeter.messaging.DeliveryLedgerCollector;
import com.instainstru.loadtest.jmeter.messaging.DeliveryLedgerConfig;
import com.instainstru.loadtest.jmeter.testing.JMeterHarness;

/**
 * Issue 9: no plan may outlive its bound. A sampler that blocks far past its thread group's scheduled end (a
 * server that never answers, a client with no timeout) kept JMeter up; the run deadline ends it with a thread
 * dump and a failed run_overtime sample that names the thread.
 */
class RunDeadlineTest {

    @TempDir
    Path dumps;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSamplerBlockedPastTheScheduledEndIsStoppedWithAThreadDumpAndAFailedSample() throws Exception {
        JMeterHarness.init();
        JMeterUtils.setProperty(RunDeadline.DUMP_DIR_PROPERTY, dumps.toString());
        ThreadGroup users = JMeterHarness.threadGroup("stuck users", 1, -1);
        users.setScheduler(true);
        users.setDuration(2);
        ThreadGroup collector = JMeterHarness.threadGroup("delivery ledger collector", 1, -1);
        JMeterHarness.Plan plan = new JMeterHarness.Plan()
                .config(JMeterHarness.bean(DeliveryLedgerConfig.class, "delivery ledger", Map.of(
                        "pendingTimeoutSeconds", "1", "raceWindowMs", 1, "closeGraceMs", 0, "contentPrefix",
                        "jmeter-e2e", "mappingFile", "", "endMarginSeconds", "1")))
                .group(users, new BlockingForAMinute())
                .group(collector, JMeterHarness.bean(DeliveryLedgerCollector.class, "collector",
                        Map.of("pollTimeoutMs", 200)));

        long started = System.nanoTime();
        JMeterHarness.Running running = plan.start();
        boolean ended = running.endedByItselfWithin(Duration.ofSeconds(40));
        long tookS = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertThat(ended).as("the run deadline ended a test whose sampler blocks for 60 s (took %d s)", tookS).isTrue();
        List<SampleResult> overtime = plan.results().stream()
                .filter(r -> r.getSampleLabel().equals(RunDeadline.OVERTIME_LABEL)).toList();
        assertThat(overtime).singleElement().satisfies(r -> {
            assertThat(r.isSuccessful()).isFalse();
            assertThat(r.getResponseCode()).isEqualTo("Overtime");
            assertThat(r.getResponseMessage()).startsWith("the run did not end on time: ")
                    .contains("2 s after the latest scheduled end (e2e timeout 1000 ms + close grace 0 ms + "
                            + "LOADTEST_END_MARGIN_S 1 s)")
                    .contains("stuck users 1-1 (TIMED_WAITING, in " + BlockingForAMinute.class.getName())
                    .contains(RunDeadline.DUMP_FILE);
        });
        Path dump = dumps.resolve(RunDeadline.DUMP_FILE);
        assertThat(dump).exists();
        assertThat(Files.readString(dump)).contains("\"stuck users 1-1\"").contains("BlockingForAMinute.sample");
        assertThat(plan.results()).as("the blocked sample itself is recorded, failed")
                .anyMatch(r -> r.getSampleLabel().equals("blocking call") && !r.isSuccessful());
    }

    @Test
    void theEndMarginIsAWholeNumberOfSeconds() {
        assertThat(RunDeadline.endMarginSeconds("")).isEqualTo(60);
        assertThat(RunDeadline.endMarginSeconds(" 5 ")).isEqualTo(5);
        assertThatThrownBy(() -> RunDeadline.endMarginSeconds("1m")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LOADTEST_END_MARGIN_S must be a whole number of seconds >= 0, was '1m'");
        assertThatThrownBy(() -> RunDeadline.endMarginSeconds("-1")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A call that ignores the scheduled end (no timeout), but stops when JMeter interrupts it. */
    public static class BlockingForAMinute extends AbstractSampler implements Interruptible {
        private static final long serialVersionUID = 1L;
        private transient volatile Thread sampling;

        public BlockingForAMinute() {
            setName("blocking call");
        }

        @Override
        public SampleResult sample(Entry entry) {
            SampleResult result = new SampleResult();
            result.setSampleLabel("blocking call");
            return SampleFailures.guarded(result, () -> {
                result.sampleStart();
                sampling = Thread.currentThread();
                try {
                    Thread.sleep(60_000);
                    result.setSuccessful(true);
                } catch (InterruptedException e) {
                    result.setSuccessful(false);
                    result.setResponseMessage("interrupted");
                } finally {
                    sampling = null;
                }
                result.sampleEnd();
                return result;
            });
        }

        @Override
        public boolean interrupt() {
            Thread t = sampling;
            if (t != null) {
                t.interrupt();
            }
            return t != null;
        }
    }
}
