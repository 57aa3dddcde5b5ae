package com.instainstru.loadtest.jmeter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jmeter.config.Arguments;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.visualizers.backend.BackendListener;
import org.apache.jorphan.collections.HashTree;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.instainstru.loadtest.jmeter.messaging.DeliveryLedgerConfig;
import com.instainstru.loadtest.jmeter.metrics.EngineMetrics;
import com.instainstru.loadtest.jmeter.metrics.EngineMetricsBeanInfo;
import com.instainstru.loadtest.jmeter.metrics.OptionalInfluxdbBackendListenerClient;

/**
 * Every shipped plan can stream to InfluxDB, switched by LOADTEST_INFLUX_URL alone: JMeter's Backend Listener
 * for the samples (the controller, in distributed mode) and Engine Metrics for each engine's ledger and heap.
 */
class LiveMetricsPlanTest {

    static Stream<String> plans() throws IOException {
        try (Stream<Path> files = Files.list(ScenarioPlans.directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jmx")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("plans")
    void planHasTheLiveMetricsListenerAtItsTopLevel(String file) throws Exception {
        HashTree tree = ScenarioPlans.load(file);
        HashTree top = tree.getTree(tree.getArray()[0]);
        List<Object> topLevel = List.copyOf(top.list());

        List<BackendListener> listeners = ScenarioPlans.elements(tree).stream()
                .filter(BackendListener.class::isInstance).map(BackendListener.class::cast).toList();
        assertThat(listeners).as("one Backend Listener in %s", file).hasSize(1);
        BackendListener listener = listeners.get(0);
        assertThat(topLevel).as("at the plan's top level, so it hears every thread group (e2e collector included)")
                .contains(listener);
        int ledgerConfig = indexOf(topLevel, DeliveryLedgerConfig.class);
        assertThat(topLevel.indexOf(listener)).as("after the ledger config: the ledger is reset before the first point")
                .isGreaterThan(ledgerConfig);

        assertThat(listener.getClassname()).isEqualTo(OptionalInfluxdbBackendListenerClient.class.getName());
        Map<String, String> arguments = ((Arguments) listener.getArguments()).getArgumentsAsMap();
        assertThat(arguments)
                .containsEntry(OptionalInfluxdbBackendListenerClient.URL, OptionalInfluxdbBackendListenerClient.URL_FROM_ENVIRONMENT)
                .containsEntry(OptionalInfluxdbBackendListenerClient.TOKEN, OptionalInfluxdbBackendListenerClient.TOKEN_FROM_ENVIRONMENT)
                .containsEntry(OptionalInfluxdbBackendListenerClient.APPLICATION, file.replace(".jmx", ""))
                .containsEntry("samplersRegex", ".*")
                .containsEntry("percentiles", "50;95;99")
                .containsEntry("summaryOnly", "false")
                .containsEntry("TAG_engine", "${__machineName()}")
                .containsEntry("measurement", "jmeter");
        assertThat(new OptionalInfluxdbBackendListenerClient().getDefaultParameters().getArgumentsAsMap().keySet())
                .as("the plan sets every parameter the client knows").isSubsetOf(arguments.keySet());

        List<EngineMetrics> engineMetrics = ScenarioPlans.elements(tree).stream()
                .filter(EngineMetrics.class::isInstance).map(EngineMetrics.class::cast).toList();
        assertThat(engineMetrics).as("one Engine Metrics in %s", file).hasSize(1);
        EngineMetrics engine = engineMetrics.get(0);
        assertThat(topLevel.indexOf(engine)).as("at the top level, after the ledger config").isGreaterThan(ledgerConfig);
        assertThat(engine.getPropertyAsString(EngineMetricsBeanInfo.INFLUXDB_URL))
                .as("the same one switch").isEqualTo(OptionalInfluxdbBackendListenerClient.URL_FROM_ENVIRONMENT);
        assertThat(engine.getPropertyAsString(EngineMetricsBeanInfo.INFLUXDB_TOKEN))
                .isEqualTo(OptionalInfluxdbBackendListenerClient.TOKEN_FROM_ENVIRONMENT);
        assertThat(engine.getPropertyAsString(EngineMetricsBeanInfo.APPLICATION))
                .as("tagged like the listener's points").isEqualTo(arguments.get("application"));
        assertThat(engine.getPropertyAsString(EngineMetricsBeanInfo.ENGINE)).isEqualTo(arguments.get("TAG_engine"));
    }

    private static int indexOf(List<Object> elements, Class<? extends TestElement> type) {
        for (int i = 0; i < elements.size(); i++) {
            if (type.isInstance(elements.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName());
    }
}
