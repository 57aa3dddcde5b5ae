package com.instainstru.loadtest.jmeter.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes the plugin's JMeter Plugins repository entry from the built jar, and fails the build if it breaks a
 * rule of {@link PluginsManagerRules}. Run by Maven at {@code package}, after the shade (plugin/pom.xml), so
 * the class list is read from the jar that ships and the version from the build; nothing is hand-kept.
 * <ul>
 * <li>{@code <out>/instainstru-sse-loadtest.json}: the entry to add to jmeter-plugins' {@code site/dat/repo/},
 * with {@code -Dplugin.downloadUrl} (default: the jar next to it, {@code ../<jar>}, since there is no public
 * download yet).</li>
 * <li>{@code <out>/local-repo.json}: the same entry with that relative URL plus JMeter's own modules it
 * depends on, a complete repository for {@code -Djpgc.repo.address=<that file>} (Plugins Manager reads a local
 * file and takes download paths relative to it).</li>
 * </ul>
 */
public final class PluginsManagerDescriptor {

    static final String SUBMISSION_FILE = PluginsManagerEntry.ID + ".json";
    static final String LOCAL_REPO_FILE = "local-repo.json";

    private PluginsManagerDescriptor() {
    }

    /** Arguments: the plugin jar (or classes folder), the output folder. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: PluginsManagerDescriptor <plugin jar> <output folder>");
        }
        Path jar = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        BuildFacts facts = BuildFacts.load();
        try (PluginClasses classes = PluginClasses.of(jar)) {
            List<String> problems = new ArrayList<>(PluginsManagerRules.jarViolations(classes));
            PluginsManagerEntry entry = entry(facts, classes);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Path submission = out.resolve(SUBMISSION_FILE);
            json.writeValue(submission.toFile(), List.of(entry.toJson()));
            Path local = out.resolve(LOCAL_REPO_FILE);
            json.writeValue(local.toFile(), localRepository(entry.withDownloadUrl("../" + facts.jar())));
            for (Path file : List.of(submission, local)) {
                JsonNode written = json.readTree(file.toFile()).path(0);
                PluginsManagerRules.entryViolations(written, facts.version(), facts.jar(), classes)
                        .forEach(v -> problems.add(file.getFileName() + ": " + v));
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Plugins Manager descriptor breaks the repository's rules:\n  "
                        + String.join("\n  ", problems));
            }
            System.out.println("[INFO] Plugins Manager entry " + PluginsManagerEntry.ID + " " + facts.version() + " ("
                    + entry.componentClasses().size() + " component classes): " + submission + ", " + local);
        }
    }

    static PluginsManagerEntry entry(BuildFacts facts, PluginClasses classes) {
        return new PluginsManagerEntry(facts.version(), facts.downloadUrl(), facts.helpUrl(), facts.screenshotUrl(),
                classes.components());
    }

    /** Our entry first, then JMeter's modules it depends on (already installed with JMeter: never downloaded). */
    static List<Map<String, Object>> localRepository(PluginsManagerEntry entry) {
        List<Map<String, Object>> repository = new ArrayList<>();
        repository.add(entry.toJson());
        repository.add(jmeterModule("jmeter-core", "JMeter Core", "org.apache.jmeter.engine.JMeterEngine", "core",
                false));
        repository.add(jmeterModule("jmeter-http", "HTTP Protocol Support",
                "org.apache.jmeter.protocol.http.sampler.HTTPSampler", "http", true));
        repository.add(jmeterModule("jmeter-components", "Various Core Components",
                "org.apache.jmeter.sampler.DebugSampler", "components", true));
        return repository;
    }

    private static Map<String, Object> jmeterModule(String id, String name, String marker, String module,
            boolean canUninstall) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("description", "Apache JMeter's own " + module + " module");
        m.put("screenshotUrl", "");
        m.put("helpUrl", "https://jmeter.apache.org/usermanual/component_reference.html");
        m.put("vendor", "JMeter Core Team");
        m.put("markerClass", marker);
        m.put("canUninstall", canUninstall);
        // "" = frozen to the running JMeter's version, which fills %1$s
        m.put("versions", Map.of("", Map.of("downloadUrl", "https://repo1.maven.org/maven2/org/apache/jmeter/"
                + "ApacheJMeter_" + module + "/%1$s/ApacheJMeter_" + module + "-%1$s.jar")));
        return m;
    }

    /** The build's facts, from the Maven-filtered plugins-manager.properties on the test classpath. */
    record BuildFacts(String version, String jar, String downloadUrl, String helpUrl, String screenshotUrl) {
        static BuildFacts load() throws IOException {
            Properties p = new Properties();
            try (InputStream in = PluginsManagerDescriptor.class.getResourceAsStream("/plugins-manager.properties")) {
                if (in == null) {
                    throw new IOException("plugins-manager.properties not on the classpath (test resources not built?)");
                }
                p.load(in);
            }
            String version = p.getProperty("version");
            if (version == null || version.contains("${")) {
                throw new IOException("plugins-manager.properties was not filtered by Maven: " + p);
            }
            return new BuildFacts(version, p.getProperty("jar"), p.getProperty("downloadUrl"),
                    p.getProperty("helpUrl", ""), p.getProperty("screenshotUrl", ""));
        }
    }
}
