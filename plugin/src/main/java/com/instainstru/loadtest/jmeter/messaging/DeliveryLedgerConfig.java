package com.instainstru.loadtest.jmeter.messaging;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.apache.jmeter.config.ConfigTestElement;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.testbeans.TestBeanHelper;
import org.apache.jmeter.testelement.TestStateListener;
import org.apache.jmeter.util.JMeterUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.instainstru.loadtest.correlation.DeliveryLedger;
import com.instainstru.loadtest.correlation.LedgerSettings;
import com.instainstru.loadtest.jmeter.EngineNotices;
import com.instainstru.loadtest.jmeter.FatalConfiguration;
import com.instainstru.loadtest.jmeter.RunDeadline;
import com.instainstru.loadtest.jmeter.Seconds;

/**
 * Sets up this engine's delivery ledger when a test starts: how long a message may stay undelivered before it
 * counts as lost, the subscription-race window, the grace for streams the client closes, the content prefix,
 * and which accounts take part in which conversation (from the conversation mapping file). It also starts the
 * engine's {@link RunDeadline}: JMeter threads still alive the e2e timeout + close grace + end margin after the
 * latest scheduled end stop the test with a failed {@code run_overtime} sample. Each engine of a distributed test
 * runs this for itself.
 */
public class DeliveryLedgerConfig extends ConfigTestElement implements TestBean, TestStateListener {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(DeliveryLedgerConfig.class);

    private String pendingTimeoutSeconds = "10";
    private int raceWindowMs = 1_000;
    private int closeGraceMs = 2_000;
    private String contentPrefix = "jmeter-e2e";
    private String mappingFile = "";
    private String endMarginSeconds = "60";

    @Override
    public void testStarted() {
        TestBeanHelper.prepare(this);
        FatalConfiguration.clear();
        EngineNotices.clear();
        DeliveryLedger ledger = DeliveryLedger.shared();
        ledger.reset();
        LedgerSettings settings;
        long margin;
        try {
            settings = settings();
            margin = RunDeadline.endMarginSeconds(endMarginSeconds);
        } catch (IllegalArgumentException e) {
            // a bad timeout or margin would leave the run unbounded or its losses undecided: no run at all
            FatalConfiguration.stopTheTest("Delivery Ledger Config: " + e.getMessage());
            return;
        }
        ledger.configure(settings);
        if (!mappingFile.isBlank()) {
            try {
                Map<String, Set<String>> conversations =
                        ConversationLookup.directory(mappingFile).participantsByConversation();
                conversations.forEach(ledger::setParticipants);
                log.info("Delivery ledger: {} conversation(s) from {}", conversations.size(), mappingFile);
            } catch (UncheckedIOException e) {
                FatalConfiguration.stopTheTest(e.getCause().getMessage());
            }
        }
        log.info("Delivery ledger configured: {}", ledger.settings());
        startRunDeadline(ledger.settings(), margin);
    }

    private void startRunDeadline(LedgerSettings settings, long margin) {
        Duration bound = settings.pendingTimeout().plus(settings.closeGrace()).plusSeconds(margin);
        String explained = "e2e timeout " + settings.pendingTimeout().toMillis() + " ms + close grace "
                + settings.closeGrace().toMillis() + " ms + " + RunDeadline.END_MARGIN_PROPERTY + " " + margin + " s";
        Path dumpDir = Path.of(JMeterUtils.getPropDefault(RunDeadline.DUMP_DIR_PROPERTY, System.getProperty("user.dir")));
        RunDeadline.start(bound, explained, dumpDir);
    }

    LedgerSettings settings() {
        return LedgerSettings.defaults().toBuilder()
                .pendingTimeout(Duration.ofNanos(Seconds.toNanos(pendingTimeoutSeconds, "Pending timeout")))
                .raceWindow(Duration.ofMillis(raceWindowMs))
                .closeGrace(Duration.ofMillis(closeGraceMs))
                .contentPrefix(contentPrefix.trim())
                .build();
    }

    @Override
    public void testStarted(String host) {
        testStarted();
    }

    @Override
    public void testEnded() {
        // Records still pending are finished by the collector; nothing is kept between tests.
        RunDeadline.stop();
        FatalConfiguration.clear();
    }

    @Override
    public void testEnded(String host) {
        testEnded();
    }

    public String getPendingTimeoutSeconds() { return pendingTimeoutSeconds; }
    public void setPendingTimeoutSeconds(String pendingTimeoutSeconds) { this.pendingTimeoutSeconds = pendingTimeoutSeconds; }
    public int getRaceWindowMs() { return raceWindowMs; }
    public void setRaceWindowMs(int raceWindowMs) { this.raceWindowMs = raceWindowMs; }
    public int getCloseGraceMs() { return closeGraceMs; }
    public void setCloseGraceMs(int closeGraceMs) { this.closeGraceMs = closeGraceMs; }
    public String getContentPrefix() { return contentPrefix; }
    public void setContentPrefix(String contentPrefix) { this.contentPrefix = contentPrefix; }
    public String getMappingFile() { return mappingFile; }
    public void setMappingFile(String mappingFile) { this.mappingFile = mappingFile; }
    public String getEndMarginSeconds() { return endMarginSeconds; }
    public void setEndMarginSeconds(String endMarginSeconds) { this.endMarginSeconds = endMarginSeconds; }
}
