package com.instainstru.loadtest.report;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a JTL label to the Locust request type shown in the {@code Type} column, so rows line up with
 * the old suite's: {@code login}/{@code send_message} were POST, {@code auth_check}/{@code sse_stream}
 * GET, and the SSE timings were fired with request type "SSE". Order of precedence: an explicit
 * override, the built-in names, an HTTP method at the start of the label ("GET /api/v1/health"),
 * then {@link #DEFAULT_TYPE}.
 */
public final class RequestTypes {

    public static final String DEFAULT_TYPE = "JMETER";

    private static final Map<String, String> BUILT_IN = Map.of(
            "login", "POST",
            "send_message", "POST",
            "auth_check", "GET",
            "sse_stream", "GET",
            "ttfe", "SSE",
            "e2e_full_latency", "SSE",
            "e2e_fanout_complete", "SSE",
            "e2e_cross_engine_latency", "SSE",
            "e2e_fanout_complete_all_engines", "SSE");

    private static final Set<String> HTTP_METHODS =
            Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final Map<String, String> overrides;

    public RequestTypes(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    public static RequestTypes defaults() {
        return new RequestTypes(Map.of());
    }

    /**
     * Parses {@code label=TYPE} pairs separated by commas (the CLI's {@code --type-map}).
     */
    public static Map<String, String> parseMapping(String spec) {
        Map<String, String> result = new HashMap<>();
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new ResultsInputException("--type-map entry must be label=TYPE, was '" + pair.trim() + "'");
            }
            result.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return result;
    }

    public String typeOf(String label) {
        String explicit = overrides.get(label);
        if (explicit != null) {
            return explicit;
        }
        String builtIn = BUILT_IN.get(label);
        if (builtIn != null) {
            return builtIn;
        }
        int space = label.indexOf(' ');
        if (space > 0) {
            String first = label.substring(0, space).toUpperCase(Locale.ROOT);
            if (HTTP_METHODS.contains(first)) {
                return first;
            }
        }
        return DEFAULT_TYPE;
    }
}
