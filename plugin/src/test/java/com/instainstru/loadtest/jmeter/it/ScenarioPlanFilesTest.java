package com.instainstru.loadtest.jmeter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.jmeter.control.IncludeController;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerProxy;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jorphan.collections.HashTree;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.instainstru.loadtest.jmeter.auth.FormLoginSampler;
import com.instainstru.loadtest.jmeter.messaging.ConversationLookup;
import com.instainstru.loadtest.jmeter.messaging.CorrelatedSendSampler;
import com.instainstru.loadtest.jmeter.messaging.DeliveryLedgerCollector;
import com.instainstru.loadtest.jmeter.messaging.DeliveryLedgerConfig;
import com.instainstru.loadtest.jmeter.stream.SseCloseSampler;
import com.instainstru.loadtest.jmeter.stream.SseHoldSampler;
import com.instainstru.loadtest.jmeter.stream.SseOpenSampler;
import com.instainstru.loadtest.jmeter.stream.SseReadSampler;

/** Each scenario plan parses with JMeter's own loader and holds the workload the reports expect. */
class ScenarioPlanFilesTest {

    static final List<String> PLANS = ScenarioPlans.FILES;

    @ParameterizedTest
    @FieldSource("PLANS")
    void planParsesAndHoldsTheWholeWorkload(String file) throws Exception {
        HashTree tree = ScenarioPlans.load(file);
        List<TestElement> elements = ScenarioPlans.elements(tree);

        assertThat(elements).filteredOn(e -> e instanceof IncludeController)
                .as("include controllers are resolved, not left empty").allMatch(e -> hasChildren(tree, e));
        assertMessagingElements(elements, 1);
        assertThat(named(elements, HTTPSamplerProxy.class, "auth_check")).hasSize(1);
        assertThat(elements).filteredOn(e -> e instanceof ThreadGroup).extracting(TestElement::getName)
                .containsExactly("virtual users", "delivery ledger collector");
        // The stream samplers of one task work on one stream.
        assertThat(elements).filteredOn(e -> e instanceof SseOpenSampler || e instanceof SseReadSampler
                        || e instanceof SseHoldSampler || e instanceof SseCloseSampler)
                .extracting(e -> e.getPropertyAsString("streamName")).containsOnly("messages");
    }

    /** The open-model S2 has its own shape (holders and senders, no shared fragment): it must still parse whole. */
    @org.junit.jupiter.api.Test
    void openModelThroughputPlanParsesWithHoldersSendersAndTheCollector() throws Exception {
        HashTree tree = ScenarioPlans.load("s2_throughput_open.jmx");
        List<TestElement> elements = ScenarioPlans.elements(tree);

        assertMessagingElements(elements, 2);
        assertThat(elements).filteredOn(e -> e instanceof ThreadGroup).extracting(TestElement::getName)
                .containsExactly("holders", "senders", "delivery ledger collector");
    }

    @ParameterizedTest
    @FieldSource("PLANS")
    void everyPlanBoundsItsRunWithTheEndMargin(String file) throws Exception {
        assertThat(ScenarioPlans.elements(ScenarioPlans.load(file))).filteredOn(e -> e instanceof DeliveryLedgerConfig)
                .singleElement().satisfies(c -> assertThat(c.getPropertyAsString("endMarginSeconds"))
                        .isEqualTo("${__loadtestParam(LOADTEST_END_MARGIN_S,60)}"));
    }

    /** Login and lookup per thread group that logs in, one of each stream and send sampler, the ledger pair. */
    private static void assertMessagingElements(List<TestElement> elements, int loginGroups) {
        assertThat(named(elements, FormLoginSampler.class, "login")).hasSize(loginGroups);
        assertThat(named(elements, ConversationLookup.class, "conversation of this account")).hasSize(loginGroups);
        assertThat(named(elements, SseOpenSampler.class, "sse_stream")).hasSize(1);
        assertThat(named(elements, SseReadSampler.class, "ttfe")).hasSize(1);
        assertThat(named(elements, SseHoldSampler.class, "sse_stream")).hasSize(1);
        assertThat(named(elements, SseCloseSampler.class, "sse_close")).hasSize(1);
        assertThat(named(elements, CorrelatedSendSampler.class, "send_message")).hasSize(1);
        assertThat(named(elements, DeliveryLedgerCollector.class, "e2e collector")).hasSize(1);
        assertThat(elements).filteredOn(e -> e instanceof DeliveryLedgerConfig).hasSize(1);
    }

    private static List<TestElement> named(List<TestElement> elements, Class<?> type, String name) {
        return elements.stream().filter(type::isInstance).filter(e -> name.equals(e.getName())).toList();
    }

    private static boolean hasChildren(HashTree tree, TestElement element) {
        HashTree found = tree.search(element);
        return found != null && !found.isEmpty();
    }
}
