package com.instainstru.loadtest.jmeter.http;

import java.util.Locale;
import java.util.Set;

/**
 * Keeps secrets out of what a sample records (request headers, sampler data): results files, JTLs and
 * logs are shared, the bypass token and bearer tokens must not be.
 */
public final class SecretMasker {

    static final String MASK = "***";
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "cookie", "x-rate-limit-bypass");

    private SecretMasker() {
    }

    public static boolean isSecretHeader(String name) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The header line as a sample may show it. Bearer tokens keep their scheme so the view still explains itself. */
    public static String headerLine(String name, String value) {
        if (!isSecretHeader(name)) {
            return name + ": " + value;
        }
        if (name.equalsIgnoreCase("authorization") && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return name + ": Bearer " + MASK;
        }
        return name + ": " + MASK;
    }
}
