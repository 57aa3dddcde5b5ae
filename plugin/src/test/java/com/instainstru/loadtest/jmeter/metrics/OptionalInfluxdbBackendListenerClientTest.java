package com.instainstru.loadtest.jmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.jmeter.config.Arguments;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.visualizers.backend.BackendListenerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.testing.JMeterHarness;
import com.sun.net.httpserver.HttpServer;

/** The client against a local HTTP endpoint that records what InfluxDB would receive. */
class OptionalInfluxdbBackendListenerClientTest {

    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer influx;

    @BeforeEach
    void startEndpoint() throws IOException {
        JMeterHarness.init();
        influx = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        influx.createContext("/write", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                writes.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        influx.start();
    }

    @AfterEach
    void stopEndpoint() {
        influx.stop(0);
    }

    @Test
    void withoutAUrlItDropsEverySampleAndStartsNothing() throws Exception {
        OptionalInfluxdbBackendListenerClient client = new OptionalInfluxdbBackendListenerClient();
        BackendListenerContext context = context("");

        client.setupTest(context);
        SampleResult sample = SampleResult.createTestSample(5);
        sample.setSampleLabel("e2e_full_latency");

        assertThat(client.createSampleResult(context, sample)).as("not even queued").isNull();
        client.handleSampleResults(List.of(sample), context);
        client.teardownTest(context);
        assertThat(writes).isEmpty();
    }

    @Test
    void withAUrlItIsJMetersClientWritingToThatUrl() throws Exception {
        OptionalInfluxdbBackendListenerClient client = new OptionalInfluxdbBackendListenerClient();
        BackendListenerContext context = context("http://127.0.0.1:" + influx.getAddress().getPort()
                + "/write?db=loadtest");

        client.setupTest(context);
        SampleResult sample = SampleResult.createTestSample(5);
        sample.setSampleLabel("e2e_full_latency");
        sample.setSuccessful(true);
        assertThat(client.createSampleResult(context, sample)).isSameAs(sample);
        client.handleSampleResults(List.of(sample), context);
        client.teardownTest(context); // JMeter's last send, waited for by its sender

        assertThat(String.join("\n", writes)).as("JMeter's own points")
                .contains("jmeter,application=unit,transaction=e2e_full_latency,statut=ok,engine=e1 count=1");
        assertThat(authorizations).isNotEmpty().allMatch("Token t0ken"::equals);
    }

    @Test
    void defaultsReadTheUrlFromTheEnvironmentVariable() {
        Arguments defaults = new OptionalInfluxdbBackendListenerClient().getDefaultParameters();

        assertThat(defaults.getArgumentsAsMap())
                .containsEntry("influxdbUrl", "${__loadtestParam(LOADTEST_INFLUX_URL,)}")
                .containsEntry("influxdbToken", "${__loadtestParam(LOADTEST_INFLUX_TOKEN,)}")
                .containsEntry("TAG_engine", "${__machineName()}")
                .containsKeys("influxdbMetricsSender", "percentiles", "samplersRegex", "measurement");
    }

    private static BackendListenerContext context(String url) {
        Map<String, String> parameters = new HashMap<>(new OptionalInfluxdbBackendListenerClient()
                .getDefaultParameters().getArgumentsAsMap());
        parameters.put("influxdbUrl", url);
        parameters.put("influxdbToken", "t0ken");
        parameters.put("application", "unit");
        parameters.put("TAG_engine", "e1");
        return new BackendListenerContext(parameters);
    }
}
