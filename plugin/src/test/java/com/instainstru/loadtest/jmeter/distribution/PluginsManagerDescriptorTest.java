package com.instainstru.loadtest.jmeter.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.instainstru.loadtest.jmeter.auth.FormLoginSampler;
import com.instainstru.loadtest.jmeter.functions.LoadtestParam;
import com.instainstru.loadtest.jmeter.functions.WeightedChoice;
import com.instainstru.loadtest.jmeter.http.SecretMasking;
import com.instainstru.loadtest.jmeter.messaging.ConversationLookup;
import com.instainstru.loadtest.jmeter.messaging.CorrelatedSendSampler;
import com.instainstru.loadtest.jmeter.messaging.DeliveryLedgerCollector;
import com.instainstru.loadtest.jmeter.messaging.DeliveryLedgerConfig;
import com.instainstru.loadtest.jmeter.metrics.EngineMetrics;
import com.instainstru.loadtest.jmeter.metrics.OptionalInfluxdbBackendListenerClient;
import com.instainstru.loadtest.jmeter.stream.SseCloseSampler;
import com.instainstru.loadtest.jmeter.stream.SseHoldSampler;
import com.instainstru.loadtest.jmeter.stream.SseOpenSampler;
import com.instainstru.loadtest.jmeter.stream.SseReadSampler;

/**
 * The Plugins Manager entry, built as the package phase builds it (here from {@code target/classes}), meets
 * the repository's rules; and each rule catches what it is there for. The package phase runs the same rules
 * on the shaded jar and fails the build on a violation.
 */
class PluginsManagerDescriptorTest {

    private static final Path CLASSES = Path.of("target", "classes");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void entryFromTheCompiledClassesMeetsEveryRule() throws Exception {
        PluginsManagerDescriptor.BuildFacts facts = PluginsManagerDescriptor.BuildFacts.load();
        try (PluginClasses classes = PluginClasses.of(CLASSES)) {
            JsonNode entry = written(PluginsManagerDescriptor.entry(facts, classes));

            assertThat(PluginsManagerRules.entryViolations(entry, facts.version(), facts.jar(), classes)).isEmpty();
            assertThat(entry.path("versions").fieldNames()).toIterable().containsExactly(facts.version());
            assertThat(facts.jar()).isEqualTo("jmeter-sse-plugin-" + facts.version() + ".jar");
            assertThat(PluginsManagerRules.jarViolations(classes)).isEmpty();
        }
    }

    @Test
    void componentClassesAreEveryElementFunctionAndListenerClientAndNothingElse() throws Exception {
        try (PluginClasses classes = PluginClasses.of(CLASSES)) {
            assertThat(classes.components()).containsExactlyInAnyOrderElementsOf(names(List.of(
                    FormLoginSampler.class, SecretMasking.class, ConversationLookup.class, CorrelatedSendSampler.class,
                    DeliveryLedgerCollector.class, DeliveryLedgerConfig.class, SseOpenSampler.class,
                    SseReadSampler.class, SseHoldSampler.class, SseCloseSampler.class, LoadtestParam.class,
                    WeightedChoice.class, OptionalInfluxdbBackendListenerClient.class, EngineMetrics.class)));
        }
    }

    @Test
    void localRepositoryHoldsTheEntryAndTheJMeterModulesItDependsOn() throws Exception {
        PluginsManagerDescriptor.BuildFacts facts = PluginsManagerDescriptor.BuildFacts.load();
        try (PluginClasses classes = PluginClasses.of(CLASSES)) {
            PluginsManagerEntry entry = PluginsManagerDescriptor.entry(facts, classes).withDownloadUrl("../" + facts.jar());
            JsonNode repository = json.valueToTree(PluginsManagerDescriptor.localRepository(entry));

            assertThat(repository.findValuesAsText("id"))
                    .containsExactly(PluginsManagerEntry.ID, "jmeter-core", "jmeter-http", "jmeter-components");
            assertThat(repository.findValuesAsText("id")).containsAll(PluginsManagerEntry.DEPENDS);
            assertThat(repository.path(0).path("versions").path(facts.version()).path("downloadUrl").asText())
                    .isEqualTo("../" + facts.jar());
        }
    }

    @Test
    void eachRuleCatchesItsMistake() throws Exception {
        try (PluginClasses classes = PluginClasses.of(CLASSES)) {
            PluginsManagerEntry good = new PluginsManagerEntry("1.2.0", "https://example.org/dl/jmeter-sse-plugin-1.2.0.jar",
                    "", "", classes.components());
            assertThat(violations(good, "1.2.0", "jmeter-sse-plugin-1.2.0.jar", classes)).isEmpty();

            assertThat(violations(good, "1.3.0", "jmeter-sse-plugin-1.3.0.jar", classes))
                    .anyMatch(v -> v.startsWith("versions must have exactly one key"));
            assertThat(violations(good.withDownloadUrl("http://example.org/jmeter-sse-plugin-1.2.0.jar"), "1.2.0",
                    "jmeter-sse-plugin-1.2.0.jar", classes)).anyMatch(v -> v.startsWith("downloadUrl must be"));
            assertThat(violations(good.withDownloadUrl("https://example.org/plugin.jar"), "1.2.0",
                    "jmeter-sse-plugin-1.2.0.jar", classes)).anyMatch(v -> v.startsWith("downloadUrl must be"));
            assertThat(violations(good.withDownloadUrl("https://example.org/jmeter-sse-plugin.jar"), "1.2.0",
                    "jmeter-sse-plugin.jar", classes))
                    .anyMatch(v -> v.contains("reads version '0.0.0-STOCK' from the jar name"));

            ObjectNode libs = (ObjectNode) written(good);
            ((ObjectNode) libs.path("versions").path("1.2.0")).putObject("libs").put("okhttp", "https://x/okhttp.jar");
            assertThat(PluginsManagerRules.entryViolations(libs, "1.2.0", "jmeter-sse-plugin-1.2.0.jar", classes))
                    .anyMatch(v -> v.startsWith("libs must be {}"));

            ObjectNode marker = (ObjectNode) written(good);
            marker.put("markerClass", LoadtestParam.class.getName());
            assertThat(PluginsManagerRules.entryViolations(marker, "1.2.0", "jmeter-sse-plugin-1.2.0.jar", classes))
                    .contains("markerClass " + LoadtestParam.class.getName() + " is not a TestElement");

            PluginsManagerEntry strangers = new PluginsManagerEntry("1.2.0", good.downloadUrl(), "", "",
                    List.of("com.example.Missing", "com.instainstru.loadtest.jmeter.stream.SseOpenSamplerBeanInfo"));
            assertThat(violations(strangers, "1.2.0", "jmeter-sse-plugin-1.2.0.jar", classes))
                    .anyMatch(v -> v.equals("componentClass com.example.Missing is not in the jar"))
                    .anyMatch(v -> v.contains("SseOpenSamplerBeanInfo is not a public concrete test element"));

            ObjectNode nameless = (ObjectNode) written(good);
            nameless.remove("vendor");
            nameless.put("id", "Not An Id");
            assertThat(PluginsManagerRules.entryViolations(nameless, "1.2.0", "jmeter-sse-plugin-1.2.0.jar", classes))
                    .contains("missing key vendor").anyMatch(v -> v.startsWith("id must be"));
        }
    }

    @Test
    void aJarWithUnrelocatedLibrariesOrAMissingProviderIsRefused(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("jmeter-sse-plugin-1.2.0.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "com/instainstru/loadtest/jmeter/Own.class", "x");
            put(out, "okhttp3/OkHttpClient.class", "x");
            put(out, "lib/jackson-databind-2.17.jar", "x");
            put(out, "META-INF/services/org.apache.jmeter.functions.Function", "com.instainstru.loadtest.jmeter.Gone\n");
        }
        try (PluginClasses classes = PluginClasses.of(jar)) {
            assertThat(PluginsManagerRules.jarViolations(classes)).containsExactlyInAnyOrder(
                    "unrelocated class okhttp3/OkHttpClient.class (could clash with JMeter's lib/)",
                    "nested jar lib/jackson-databind-2.17.jar",
                    "META-INF/services/org.apache.jmeter.functions.Function names com.instainstru.loadtest.jmeter.Gone, "
                            + "which is not in the jar");
        }
    }

    private List<String> violations(PluginsManagerEntry entry, String version, String jar, PluginClasses classes)
            throws IOException {
        return PluginsManagerRules.entryViolations(written(entry), version, jar, classes);
    }

    /** Through JSON text and back, as Plugins Manager reads it. */
    private JsonNode written(PluginsManagerEntry entry) throws IOException {
        Map<String, Object> map = entry.toJson();
        return json.readTree(json.writeValueAsString(map));
    }

    private static List<String> names(List<Class<?>> types) {
        return types.stream().map(Class::getName).toList();
    }

    private static void put(JarOutputStream jar, String name, String content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        OutputStream out = jar;
        out.write(content.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }
}
