package com.instainstru.loadtest.jmeter.distribution;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jmeter.testelement.TestElement;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the JMeter Plugins repository and Plugins Manager require of an entry and its jar (from the
 * repository's format and Plugins Manager's {@code Plugin}/{@code PluginManager} classes), as a list of
 * violations: empty means Plugins Manager can list, install, detect and upgrade the plugin.
 */
final class PluginsManagerRules {

    static final List<String> REQUIRED = List.of("id", "name", "description", "screenshotUrl", "helpUrl", "vendor",
            "markerClass", "componentClasses", "versions");
    /** Plugins Manager reads the installed version out of the jar's file name with this pattern. */
    static final Pattern VERSION_IN_JAR_NAME = Pattern.compile("-([\\.0-9]+(-[\\w]+)?).jar");
    /** And parses each "depends" item like this (an id, optionally a version bound). */
    static final Pattern DEPENDS_ITEM = Pattern.compile("([^=<>]+)([=<>]+[0-9.]+)?");
    static final Set<String> JMETER_MODULE_IDS = Set.of("jmeter-core", "jmeter-http", "jmeter-components",
            "jmeter-java", "jmeter-functions", "jmeter-tcp", "jmeter-jdbc", "jmeter-jms", "jmeter-mail",
            "jmeter-native", "jmeter-ftp", "jmeter-ldap", "jmeter-mongodb", "jmeter-junit");

    private PluginsManagerRules() {
    }

    /** The entry as written (one element of the repository file's array). */
    static List<String> entryViolations(JsonNode entry, String projectVersion, String jarName,
            PluginClasses classes) {
        List<String> violations = new ArrayList<>();
        for (String key : REQUIRED) {
            if (!entry.has(key) || entry.get(key).isNull()) {
                violations.add("missing key " + key);
            }
        }
        for (String key : List.of("id", "name", "description", "vendor", "markerClass")) {
            if (entry.path(key).asText().isBlank()) {
                violations.add(key + " is blank");
            }
        }
        if (!entry.path("id").asText().matches("[a-z0-9][a-z0-9-]*")) {
            violations.add("id must be lower case words joined by '-': " + entry.path("id").asText());
        }
        for (String key : List.of("helpUrl", "screenshotUrl")) {
            String url = entry.path(key).asText();
            if (!url.isEmpty() && !url.startsWith("https://")) {
                violations.add(key + " must be empty or https://: " + url);
            }
        }
        checkMarker(entry.path("markerClass").asText(), classes, violations);
        checkComponents(entry.path("componentClasses"), classes, violations);
        checkVersions(entry.path("versions"), projectVersion, jarName, violations);
        return violations;
    }

    private static void checkMarker(String marker, PluginClasses classes, List<String> violations) {
        if (!classes.containsClass(marker)) {
            violations.add("markerClass " + marker + " is not in the jar");
            return;
        }
        try {
            if (!TestElement.class.isAssignableFrom(classes.load(marker))) {
                violations.add("markerClass " + marker + " is not a TestElement");
            }
        } catch (ClassNotFoundException | LinkageError e) {
            violations.add("markerClass " + marker + " does not load: " + e);
        }
    }

    private static void checkComponents(JsonNode list, PluginClasses classes, List<String> violations) {
        if (!list.isArray() || list.isEmpty()) {
            violations.add("componentClasses must be a non-empty array");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode item : list) {
            String name = item.asText();
            if (!seen.add(name)) {
                violations.add("componentClasses lists " + name + " twice");
            }
            if (!classes.containsClass(name)) {
                violations.add("componentClass " + name + " is not in the jar");
                continue;
            }
            try {
                if (!PluginClasses.isComponent(classes.load(name))) {
                    violations.add("componentClass " + name + " is not a public concrete test element, function or "
                            + "backend listener client");
                }
            } catch (ClassNotFoundException | LinkageError e) {
                violations.add("componentClass " + name + " does not load: " + e);
            }
        }
    }

    private static void checkVersions(JsonNode versions, String projectVersion, String jarName,
            List<String> violations) {
        if (!versions.isObject() || versions.size() != 1 || !versions.has(projectVersion)) {
            violations.add("versions must have exactly one key, the project version " + projectVersion + ": "
                    + versions);
            return;
        }
        JsonNode release = versions.get(projectVersion);
        if (release.path("changes").asText().isBlank()) {
            violations.add("versions." + projectVersion + ".changes is blank");
        }
        String url = release.path("downloadUrl").asText();
        if (!url.equals("../" + jarName) && !url.matches("https://[^\\s?#]+/" + Pattern.quote(jarName))) {
            violations.add("downloadUrl must be https://.../" + jarName + " (or ../" + jarName
                    + " next to a local repository file): " + url);
        }
        JsonNode libs = release.path("libs");
        if (!libs.isObject() || !libs.isEmpty()) {
            violations.add("libs must be {} (the jar is shaded, nothing goes to lib/): " + libs);
        }
        JsonNode depends = release.path("depends");
        if (!depends.isArray()) {
            violations.add("depends must be an array");
        } else {
            for (JsonNode item : depends) {
                Matcher m = DEPENDS_ITEM.matcher(item.asText());
                if (!m.matches() || !JMETER_MODULE_IDS.contains(m.group(1))) {
                    violations.add("depends item is not a JMeter module id: " + item.asText());
                }
            }
        }
        String versionInName = versionInJarName(jarName);
        if (!versionInName.equals(projectVersion)) {
            violations.add("Plugins Manager reads version '" + versionInName + "' from the jar name " + jarName
                    + ", not " + projectVersion);
        }
    }

    /** As Plugins Manager's {@code Plugin.getVersionFromPath}: no match means a stock (unversioned) jar. */
    static String versionInJarName(String jarName) {
        Matcher m = VERSION_IN_JAR_NAME.matcher(jarName);
        return m.find() ? m.group(1) : "0.0.0-STOCK";
    }

    /**
     * One jar for lib/ext that cannot clash with JMeter's own libraries: every class is the plugin's own or
     * relocated under its shaded package, no jar inside, and service files name only such classes.
     */
    static List<String> jarViolations(PluginClasses jar) {
        List<String> violations = new ArrayList<>();
        for (String entry : jar.entries()) {
            if (entry.endsWith(".class") && !entry.startsWith(PluginClasses.OWN_PACKAGE)
                    && !entry.equals("module-info.class")) {
                violations.add("unrelocated class " + entry + " (could clash with JMeter's lib/)");
            }
            if (entry.endsWith(".jar")) {
                violations.add("nested jar " + entry);
            }
            if (entry.equals("module-info.class") || entry.startsWith("META-INF/versions/")) {
                violations.add("multi-release or module entry " + entry);
            }
        }
        for (String entry : jar.entries()) {
            if (entry.startsWith("META-INF/services/org.apache.jmeter.")) {
                // JMeter's extension points: each provider named there must be in this jar
                for (String line : jar.text(entry).lines().map(String::strip).toList()) {
                    if (!line.isEmpty() && !line.startsWith("#") && !jar.containsClass(line)) {
                        violations.add(entry + " names " + line + ", which is not in the jar");
                    }
                }
            }
        }
        return violations;
    }
}
