package com.instainstru.loadtest.jmeter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterVariables;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.threads.ThreadGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.instainstru.loadtest.jmeter.EngineNotices;
import com.instainstru.loadtest.jmeter.FatalConfiguration;
import com.instainstru.loadtest.jmeter.SampleFailures;
import com.instainstru.loadtest.jmeter.testing.Elements;
import com.instainstru.loadtest.jmeter.testing.JMeterHarness;

/**
 * Issue 9, item 5, for a plan run by plain JMeter (no script checks the file first): a missing or invalid mapping
 * file used to be one ERROR line in jmeter.log while the users logged in and the run went on. Now the test stops
 * and no request reaches the target.
 */
class MissingMappingFileTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMissingMappingFileStopsTheTestBeforeAnyRequest() throws Exception {
        assertNothingSentAndTestStopped(dir.resolve("nonexistent.json").toString(), "conversation mapping file not found");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anInvalidMappingFileStopsTheTestBeforeAnyRequest() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{ not json");
        assertNothingSentAndTestStopped(bad.toString(), "bad.json");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBadEndMarginStopsTheTestBeforeAnyRequest() throws Exception {
        DeliveryLedgerConfig config = Elements.ledgerConfig("", "1", 0);
        config.setProperty("endMarginSeconds", "1m");
        assertNothingSentAndTestStopped(config, "Delivery Ledger Config: LOADTEST_END_MARGIN_S must be a whole "
                + "number of seconds >= 0, was '1m'");
    }

    private void assertNothingSentAndTestStopped(String mappingFile, String expected) throws Exception {
        assertNothingSentAndTestStopped(Elements.ledgerConfig(mappingFile, "1", 0), expected);
    }

    private void assertNothingSentAndTestStopped(DeliveryLedgerConfig config, String expected) throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!target.isClosed()) {
                    try (Socket s = target.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            ThreadGroup users = JMeterHarness.threadGroup("users", 2, 3);
            JMeterHarness.Plan plan = new JMeterHarness.Plan()
                    .config(config)
                    .group(users, Elements.loginAt("http://127.0.0.1:" + target.getLocalPort() + "/api/v1/auth/login",
                            2_000));
            JMeterHarness.Running running = plan.start();
            assertThat(running.awaitEnd(Duration.ofSeconds(30))).as("the test stopped by itself").isTrue();

            assertThat(connections.get()).as("connections that reached the target").isZero();
            assertThat(plan.results()).allSatisfy(r -> {
                assertThat(r.isSuccessful()).isFalse();
                assertThat(r.getResponseCode()).isEqualTo(SampleFailures.CONFIGURATION_ERROR);
                assertThat(r.getResponseMessage()).contains(expected)
                        .contains("the test was stopped before any request");
            });
            assertThat(FatalConfiguration.error()).as("cleared when the test ended").isNull();
        }
    }

    @Test
    void anAccountWithoutAMappingIsOneAccountUnmappedNoticeForTheCollector() throws IOException {
        Path mapping = Files.writeString(dir.resolve("conversations.json"),
                "{\"sarah.chen@example.com\": {\"conversation_id\": \"c1\"}}");
        ConversationLookup lookup = new ConversationLookup();
        lookup.setMappingFile(mapping.toString());
        lookup.setAccount("nobody@example.com");
        lookup.testStarted();
        EngineNotices.clear();
        JMeterHarness.init();
        JMeterContextService.getContext().setVariables(new JMeterVariables());
        for (int i = 0; i < 3; i++) {
            lookup.process();
        }
        SampleResult notice = new DeliveryLedgerCollector().sample(null);
        assertThat(notice.getSampleLabel()).isEqualTo(ConversationLookup.UNMAPPED_LABEL);
        assertThat(notice.getResponseMessage()).isEqualTo("nobody@example.com");
        assertThat(notice.isSuccessful()).isTrue();
        assertThat(EngineNotices.next()).as("reported once per test, not once per iteration").isNull();
        assertThat(JMeterContextService.getContext().getVariables().get("conversation_id")).isEmpty();
    }
}
