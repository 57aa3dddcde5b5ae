package com.instainstru.loadtest.jmeter.distribution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One plugin entry of the JMeter Plugins repository ({@code site/dat/repo/*.json} of jmeter-plugins.org): what
 * Plugins Manager reads to list, install, detect and upgrade a plugin. The descriptive texts live here; the
 * version, jar, URLs and class list come from the build.
 */
record PluginsManagerEntry(String version, String downloadUrl, String helpUrl, String screenshotUrl,
        List<String> componentClasses) {

    static final String ID = "instainstru-sse-loadtest";
    /** A class only this plugin has: Plugins Manager finds the installed jar (and its version) through it. */
    static final String MARKER_CLASS = "com.instainstru.loadtest.jmeter.stream.SseOpenSampler";
    /** Ids of JMeter's own modules in the same repository (jmeter.json); all ship with every JMeter. */
    static final List<String> DEPENDS = List.of("jmeter-core", "jmeter-http", "jmeter-components");

    static final String NAME = "SSE load testing: streams, delivery ledger, live metrics";
    static final String DESCRIPTION = "Samplers that open, read, hold and close Server-Sent Events streams from "
            + "JMeter threads (a few event-loop threads read every stream), form login, and a correlated send whose "
            + "delivery to every expected stream is followed by a <b>delivery ledger</b>: e2e_full_latency, "
            + "fan-out completeness and subscription-race misses as JTL samples. Functions __loadtestParam and "
            + "__weightedChoice; a Backend Listener client that adds the ledger's totals and the heap to JMeter's "
            + "InfluxDB series. One shaded jar, no extra libraries.";
    static final String VENDOR = "InstaInstru";
    static final String CHANGES = "SSE Open/Read/Hold/Close, Form Login and Correlated Send samplers; Delivery "
            + "Ledger Config and e2e collector; Mask Secrets post-processor; live metrics to InfluxDB.";

    /** The entry in the repository's key order, as JSON-ready maps. */
    Map<String, Object> toJson() {
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("changes", CHANGES);
        release.put("downloadUrl", downloadUrl);
        release.put("libs", Map.of()); // the jar is shaded: nothing goes to lib/
        release.put("depends", DEPENDS);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", ID);
        entry.put("name", NAME);
        entry.put("description", DESCRIPTION);
        entry.put("screenshotUrl", screenshotUrl);
        entry.put("helpUrl", helpUrl);
        entry.put("vendor", VENDOR);
        entry.put("markerClass", MARKER_CLASS);
        entry.put("componentClasses", componentClasses);
        entry.put("versions", Map.of(version, release));
        return entry;
    }

    PluginsManagerEntry withDownloadUrl(String url) {
        return new PluginsManagerEntry(version, url, helpUrl, screenshotUrl, componentClasses);
    }
}
