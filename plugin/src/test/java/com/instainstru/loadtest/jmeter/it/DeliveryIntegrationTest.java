package com.instainstru.loadtest.jmeter.it;

import static com.instainstru.loadtest.jmeter.testing.Elements.close;
import static com.instainstru.loadtest.jmeter.testing.Elements.collector;
import static com.instainstru.loadtest.jmeter.testing.Elements.headers;
import static com.instainstru.loadtest.jmeter.testing.Elements.hold;
import static com.instainstru.loadtest.jmeter.testing.Elements.ledgerConfig;
import static com.instainstru.loadtest.jmeter.testing.Elements.login;
import static com.instainstru.loadtest.jmeter.testing.Elements.open;
import static com.instainstru.loadtest.jmeter.testing.Elements.pause;
import static com.instainstru.loadtest.jmeter.testing.Elements.send;
import static com.instainstru.loadtest.jmeter.testing.Elements.ttfe;
import static com.instainstru.loadtest.jmeter.testing.JMeterHarness.threadGroup;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jmeter.control.LoopController;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.ListedHashTree;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.instainstru.loadtest.correlation.DeliveryLedger;
import com.instainstru.loadtest.jmeter.testing.Elements;
import com.instainstru.loadtest.jmeter.testing.JMeterHarness;
import com.instainstru.loadtest.jmeter.testing.ReferenceTarget;
import com.instainstru.loadtest.jmeter.testing.Samples;

/**
 * Send + correlation end to end: Sarah and Emma hold streams, a third thread sends as Sarah, and the collector
 * thread group turns the ledger's records into e2e samples — also under injected drops, duplicates and the
 * subscription gap, and with a publish delay to check the latency the ledger measures.
 */
class DeliveryIntegrationTest {

    private static final Pattern LATENCY = Pattern.compile("latency_ms=([0-9.]+)");

    @TempDir
    static Path dir;
    private static ReferenceTarget target;
    private static String mapping;

    @BeforeAll
    static void start() throws IOException {
        target = ReferenceTarget.start();
        Path file = dir.resolve("conversations.json");
        Files.writeString(file, "{\"" + ReferenceTarget.SARAH + "\": {\"conversation_id\": \"" + ReferenceTarget.CONVERSATION
                + "\", \"booking_id\": null}, \"" + ReferenceTarget.EMMA + "\": {\"conversation_id\": \""
                + ReferenceTarget.CONVERSATION + "\"}}");
        mapping = file.toString();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @AfterEach
    void noFaults() {
        target.server().faults().reset();
    }

    @Test
    void aMessageToTwoHeldStreamsIsFullyDelivered() {
        List<SampleResult> results = twoListenersOneSender(4, 1).run();
        String all = Samples.describe(results);

        assertThat(Samples.only(results, "send_message").isSuccessful()).as(all).isTrue();
        assertThat(Samples.only(results, "send_message").getResponseMessage()).contains("expected on 2 stream(s)");
        SampleResult first = Samples.only(results, "e2e_full_latency");
        assertThat(first.isSuccessful()).as(all).isTrue();
        assertThat(first.getTime()).isLessThan(2_000);
        SampleResult fanout = Samples.only(results, "e2e_fanout_complete");
        assertThat(fanout.isSuccessful()).as(all).isTrue();
        assertThat(fanout.getResponseDataAsString()).contains("expected=2 delivered=2 duplicates=0")
                .contains("race_misses=0").contains("lost=0");
        assertThat(fanout.getResponseMessage()).isEqualTo("delivered to all 2 expected streams");
        assertThat(fanout.getTime()).isGreaterThanOrEqualTo(first.getTime());
        assertThat(Samples.labelled(results, "e2e_race_miss")).isEmpty();
        assertThat(results).as(all).allMatch(SampleResult::isSuccessful);
    }

    @Test
    void droppedDeliveriesAreLost() {
        target.server().faults().setDropFraction(1.0);

        List<SampleResult> results = twoListenersOneSender(4, 1).run();
        String all = Samples.describe(results);

        assertThat(Samples.only(results, "send_message").isSuccessful()).as(all).isTrue();
        SampleResult fanout = Samples.only(results, "e2e_fanout_complete");
        assertThat(fanout.isSuccessful()).as(all).isFalse();
        assertThat(fanout.getResponseCode()).isEqualTo("Lost");
        assertThat(fanout.getResponseMessage()).startsWith("lost 2 of 2 deliveries: stream ").contains("1-1/messages closed by client");
        assertThat(fanout.getResponseDataAsString()).contains("expected=2 delivered=0").contains("lost=2");
        SampleResult first = Samples.only(results, "e2e_full_latency");
        assertThat(first.isSuccessful()).isFalse();
        assertThat(first.getResponseMessage()).startsWith("not delivered to any of 2 expected streams");
    }

    @Test
    void duplicatedDeliveriesAreCountedAndTheMessageStillDelivered() {
        target.server().faults().setDuplicateFraction(1.0);

        List<SampleResult> results = twoListenersOneSender(4, 1).run();
        String all = Samples.describe(results);

        SampleResult fanout = Samples.only(results, "e2e_fanout_complete");
        assertThat(fanout.isSuccessful()).as(all).isTrue();
        assertThat(fanout.getResponseDataAsString()).contains("expected=2 delivered=2");
        // Each stream got the message twice. The record counts the copies that came before it was made (the
        // second copy to the last stream always comes after); the ledger's totals count them all.
        assertThat(DeliveryLedger.shared().snapshot().duplicates()).isEqualTo(2);
        assertThat(target.server().stats().duplicatedDeliveries()).isEqualTo(2);
        System.out.println("duplicates: fan-out record says " + field(fanout, "duplicates") + ", ledger total "
                + DeliveryLedger.shared().snapshot().duplicates());
        assertThat(Samples.only(results, "e2e_full_latency").isSuccessful()).isTrue();
    }

    @Test
    void aSendRightAfterConnectedOnAGappedStreamIsARaceMissNotALoss() {
        target.server().faults().setSubscribeGapMillis(800);

        // Emma's stream is long subscribed; Sarah opens hers and sends at once, inside the server's gap.
        HashTree sarah = new ListedHashTree();
        sarah.add(headers(target));
        sarah.add(login(target, ReferenceTarget.SARAH, ReferenceTarget.PASSWORD));
        sarah.add(pause(2_000));
        sarah.add(open(target));
        sarah.add(ttfe());
        sarah.add(send(target));
        sarah.add(hold("1.5", false));
        sarah.add(close(false));
        List<SampleResult> results = new JMeterHarness.Plan()
                .config(ledgerConfig(mapping, 5, 500))
                .group(threadGroup("emma", 1, 1), listener(ReferenceTarget.EMMA, 5))
                .group(threadGroup("sarah", 1, 1), sarah)
                .group(threadGroup("collector", 1, -1), collector())
                .run();
        String all = Samples.describe(results);

        SampleResult fanout = Samples.only(results, "e2e_fanout_complete");
        assertThat(fanout.isSuccessful()).as(all).isTrue();
        assertThat(fanout.getResponseDataAsString()).contains("expected=2 delivered=1").contains("race_misses=1")
                .contains("lost=0");
        assertThat(fanout.getResponseMessage()).contains("missed: subscription race 1: stream sarah 2-1/messages");
        SampleResult miss = Samples.only(results, "e2e_race_miss");
        assertThat(miss.isSuccessful()).isTrue();
        assertThat(miss.getTime()).isZero();
        assertThat(miss.getStartTime()).as("placed at the message's send time")
                .isCloseTo(fanout.getStartTime(), org.assertj.core.data.Offset.offset(50L));
        assertThat(miss.getResponseMessage()).startsWith("stream sarah 2-1/messages ").contains("subscription race");
        assertThat(results).as(all).allMatch(SampleResult::isSuccessful);
    }

    @Test
    void raceMissesOfAMessageNobodyReceivedStillBecomeSamples() {
        target.server().faults().setSubscribeGapMillis(800);

        // Only Sarah listens, and she sends inside her own stream's gap: the ledger makes no record at all.
        HashTree sarah = new ListedHashTree();
        sarah.add(headers(target));
        sarah.add(login(target, ReferenceTarget.SARAH, ReferenceTarget.PASSWORD));
        sarah.add(open(target));
        sarah.add(ttfe());
        sarah.add(send(target));
        sarah.add(hold("1.5", false));
        sarah.add(close(false));
        List<SampleResult> results = new JMeterHarness.Plan()
                .config(ledgerConfig(mapping, 5, 500))
                .group(threadGroup("sarah", 1, 1), sarah)
                .group(threadGroup("collector", 1, -1), collector())
                .run();
        String all = Samples.describe(results);

        assertThat(Samples.labelled(results, "e2e_fanout_complete")).as(all).isEmpty();
        assertThat(Samples.labelled(results, "e2e_full_latency")).as(all).isEmpty();
        assertThat(DeliveryLedger.shared().snapshot().raceMisses()).isEqualTo(1);
        SampleResult miss = Samples.only(results, "e2e_race_miss");
        assertThat(miss.isSuccessful()).isTrue();
        assertThat(miss.getResponseMessage()).contains("no stream received").contains("subscription race");
    }

    @Test
    void publishDelayOf200MsIsWhatTheLedgerMeasures() {
        target.server().faults().setPublishDelayMillis(200);
        int messages = 20;

        List<SampleResult> results = twoListenersOneSender(10, messages).run();
        String all = Samples.describe(results);

        List<SampleResult> first = Samples.labelled(results, "e2e_full_latency");
        assertThat(first).as(all).hasSize(messages).allMatch(SampleResult::isSuccessful);
        assertThat(Samples.labelled(results, "e2e_fanout_complete")).hasSize(messages).allMatch(SampleResult::isSuccessful);
        double[] latencies = first.stream().mapToDouble(DeliveryIntegrationTest::latencyMillis).sorted().toArray();
        double p50 = percentile(latencies, 50);
        double p99 = percentile(latencies, 99);
        System.out.printf(Locale.ROOT, "e2e_full_latency with a 200 ms publish delay over %d messages: "
                + "min %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                latencies.length, latencies[0], p50, p99, latencies[latencies.length - 1]);
        // The delay is a floor; the bound above is generous because the machine is shared.
        assertThat(latencies[0]).isGreaterThanOrEqualTo(199.0);
        assertThat(p50).isBetween(199.0, 260.0);
    }

    @Test
    void aCollectorWithNothingToDoStopsWhenTheOtherThreadsFinish() {
        long start = System.nanoTime();
        List<SampleResult> results = new JMeterHarness.Plan()
                .config(ledgerConfig(mapping, 3, 500))
                .group(threadGroup("users", 2, 1), headers(target),
                        login(target, ReferenceTarget.SARAH, ReferenceTarget.PASSWORD), pause(500))
                .group(threadGroup("collector", 1, -1), collector())
                .run();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(results).extracting(SampleResult::getSampleLabel).containsExactly("login", "login");
        assertThat(millis).as("the collector ends the test soon after the users finish").isLessThan(10_000);
    }

    @Test
    void badSendInputsFailWithClearMessages() {
        List<SampleResult> results = new JMeterHarness.Plan()
                .config(ledgerConfig(mapping, 3, 500))
                .group(threadGroup("users", 1, 1), headers(target),
                        login(target, ReferenceTarget.SARAH, ReferenceTarget.PASSWORD),
                        named(Elements.with(send(target), "conversationId", ""), "no conversation"),
                        named(Elements.with(send(target), "url", ""), "no url"),
                        named(Elements.with(send(target), "senderIdentity", ""), "no sender"),
                        named(Elements.with(send(target), "bodyTemplate", "{\"content\": \"hi\"}"), "no placeholder"),
                        named(Elements.with(send(target), "url", target.baseUrl()
                                + "/api/v1/conversations/01JCZ0C0NVERSAT10N00000009/messages"), "unknown conversation"))
                .run();

        assertThat(failure(results, "no conversation")).startsWith("Conversation id is empty");
        assertThat(failure(results, "no url")).isEqualTo("URL is empty");
        assertThat(failure(results, "no sender")).startsWith("Sender identity is empty");
        assertThat(failure(results, "no placeholder")).contains("must contain {{content}}");
        assertThat(failure(results, "unknown conversation")).startsWith("send failed: HTTP 404")
                .contains("CONVERSATION_NOT_FOUND").contains("check the mapping file");
        assertThat(DeliveryLedger.shared().snapshot().sendFailed()).as("the failed POST is withdrawn").isEqualTo(1);
    }

    private static String failure(List<SampleResult> results, String label) {
        SampleResult result = Samples.only(results, label);
        assertThat(result.isSuccessful()).as(label + " should fail").isFalse();
        return result.getResponseMessage();
    }

    private static <T extends org.apache.jmeter.testelement.TestElement> T named(T element, String name) {
        element.setName(name);
        return element;
    }

    /** Sarah and Emma hold streams for {@code holdSeconds}; a third thread (as Sarah) sends {@code messages}. */
    private JMeterHarness.Plan twoListenersOneSender(int holdSeconds, int messages) {
        LoopController loop = new LoopController();
        loop.setName("sends");
        loop.setLoops(messages);
        HashTree sender = new ListedHashTree();
        sender.add(headers(target));
        sender.add(login(target, ReferenceTarget.SARAH, ReferenceTarget.PASSWORD));
        sender.add(pause(1_500)); // both streams listening for longer than the race window
        sender.add(loop, send(target));
        return new JMeterHarness.Plan()
                .config(ledgerConfig(mapping, 3, 500))
                .group(threadGroup("sarah", 1, 1), listener(ReferenceTarget.SARAH, holdSeconds))
                .group(threadGroup("emma", 1, 1), listener(ReferenceTarget.EMMA, holdSeconds))
                .group(threadGroup("sender", 1, 1), sender)
                .group(threadGroup("collector", 1, -1), collector());
    }

    private static HashTree listener(String account, int holdSeconds) {
        HashTree tree = new ListedHashTree();
        tree.add(headers(target));
        tree.add(login(target, account, ReferenceTarget.PASSWORD));
        tree.add(open(target));
        tree.add(ttfe());
        tree.add(Elements.hold(Integer.toString(holdSeconds), false));
        tree.add(close(false));
        return tree;
    }

    private static double latencyMillis(SampleResult result) {
        Matcher m = LATENCY.matcher(result.getResponseDataAsString());
        if (!m.find()) {
            throw new AssertionError("no latency_ms in " + result.getResponseDataAsString());
        }
        return Double.parseDouble(m.group(1));
    }

    private static String field(SampleResult result, String name) {
        Matcher m = Pattern.compile(name + "=(\\S+)").matcher(result.getResponseDataAsString());
        return m.find() ? m.group(1) : "?";
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
