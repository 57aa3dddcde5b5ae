package com.instainstru.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Pass/fail limits from {@code config/thresholds.json}: a {@code normal} and a {@code ci} profile
 * (the old suite's {@code RESPONSE_TIME_THRESHOLDS} and {@code CI_SMOKE_THRESHOLDS}). The file's
 * {@code _comment} explains every key.
 */
public final class Thresholds {

    public static final String DEFAULT_PATH = "config/thresholds.json";
    private static final String BUILT_IN = "default-thresholds.json";

    /** Limits for one sample name; empty means not checked. */
    public record EndpointLimits(OptionalDouble p95MaxMs, OptionalDouble p50MaxMs, OptionalDouble maxFailureRatePercent) {}

    /** Limit on race-miss samples (see the JSON comment). */
    public record RaceMissLimit(String label, String relativeTo, OptionalDouble maxCount,
                                OptionalDouble maxPercent, Violation.Severity severity) {}

    /**
     * One profile: overall failure rate, per-name limits, race misses, and the share of sends no stream was
     * listening for (a warning in the normal profile, an error in the ci one). That share is judged only over
     * at least {@code minSendsForUnobservedShare} successful sends: below that it is ramp-up noise (3 of 8 sends
     * in a 40 s smoke run) and only warns.
     */
    public record Profile(String name, double maxFailureRatePercent, Map<String, EndpointLimits> endpoints,
                          Optional<RaceMissLimit> raceMisses, double maxUnobservedSendSharePercent,
                          long minSendsForUnobservedShare) {
        /** Default of {@code max_unobserved_send_share} when the file has none. */
        public static final double DEFAULT_MAX_UNOBSERVED_SEND_SHARE = 5.0;
        /** Default of {@code min_sends_for_unobserved_share} when the file has none. */
        public static final long DEFAULT_MIN_SENDS_FOR_UNOBSERVED_SHARE = 50;

        public Profile {
            endpoints = Map.copyOf(endpoints);
        }

        public Profile(String name, double maxFailureRatePercent, Map<String, EndpointLimits> endpoints,
                       Optional<RaceMissLimit> raceMisses) {
            this(name, maxFailureRatePercent, endpoints, raceMisses, DEFAULT_MAX_UNOBSERVED_SEND_SHARE,
                    DEFAULT_MIN_SENDS_FOR_UNOBSERVED_SHARE);
        }

        /** Breaches that only warn in the normal profile fail a CI run. */
        public Violation.Severity ciStrict() {
            return name.equals("ci") ? Violation.Severity.ERROR : Violation.Severity.WARNING;
        }
    }

    private final Profile normal;
    private final Profile ci;
    private final String source;

    private Thresholds(Profile normal, Profile ci, String source) {
        this.normal = normal;
        this.ci = ci;
        this.source = source;
    }

    public Profile normal() {
        return normal;
    }

    public Profile ci() {
        return ci;
    }

    public Profile profile(boolean ciMode) {
        return ciMode ? ci : normal;
    }

    /** Where the limits came from (a path, or "built-in defaults"). */
    public String source() {
        return source;
    }

    public static Thresholds load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ResultsInputException("thresholds file not found: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new ResultsInputException("cannot read thresholds " + file + ": " + e.getMessage(), e);
        }
    }

    /** The values shipped in {@code config/thresholds.json}, for runs outside the repository. */
    public static Thresholds builtIn() {
        try (InputStream in = Thresholds.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " missing from the jar");
            }
            return parse(in, "built-in defaults");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Thresholds parse(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new ResultsInputException(source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ResultsInputException(source + " must hold a JSON object with 'normal' and 'ci'");
        }
        return new Thresholds(profile(root, "normal", source), profile(root, "ci", source), source);
    }

    private static Profile profile(JsonNode root, String name, String source) {
        JsonNode p = root.get(name);
        if (p == null || !p.isObject()) {
            throw new ResultsInputException(source + ": missing profile '" + name + "'");
        }
        String where = source + " " + name;
        double maxFailure = number(p, "max_failure_rate", where)
                .orElseThrow(() -> new ResultsInputException(where + ": missing max_failure_rate"));
        Map<String, EndpointLimits> endpoints = new LinkedHashMap<>();
        JsonNode eps = p.path("endpoints");
        for (Iterator<Map.Entry<String, JsonNode>> it = eps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String w = where + ".endpoints." + e.getKey();
            endpoints.put(e.getKey(), new EndpointLimits(number(e.getValue(), "p95_max", w),
                    number(e.getValue(), "p50_max", w), number(e.getValue(), "max_failure_rate", w)));
        }
        Optional<RaceMissLimit> race = Optional.empty();
        JsonNode r = p.get("race_misses");
        if (r != null && !r.isNull()) {
            String w = where + ".race_misses";
            String severity = r.path("severity").asText("error");
            Violation.Severity sev;
            try {
                sev = Violation.Severity.valueOf(severity.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ResultsInputException(w + ".severity must be error or warning, was '" + severity + "'");
            }
            if (!r.hasNonNull("label")) {
                throw new ResultsInputException(w + ": missing label");
            }
            race = Optional.of(new RaceMissLimit(r.get("label").asText(), r.path("relative_to").asText("send_message"),
                    number(r, "max_count", w), number(r, "max_percent", w), sev));
        }
        double unobserved = number(p, "max_unobserved_send_share", where)
                .orElse(Profile.DEFAULT_MAX_UNOBSERVED_SEND_SHARE);
        double minSends = number(p, "min_sends_for_unobserved_share", where)
                .orElse(Profile.DEFAULT_MIN_SENDS_FOR_UNOBSERVED_SHARE);
        if (minSends < 0 || minSends != Math.rint(minSends)) {
            throw new ResultsInputException(where + ".min_sends_for_unobserved_share must be a whole number >= 0, was "
                    + minSends);
        }
        return new Profile(name, maxFailure, endpoints, race, unobserved, (long) minSends);
    }

    private static OptionalDouble number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber()) {
            throw new ResultsInputException(where + "." + field + " must be a number, was " + v);
        }
        return OptionalDouble.of(v.asDouble());
    }
}
