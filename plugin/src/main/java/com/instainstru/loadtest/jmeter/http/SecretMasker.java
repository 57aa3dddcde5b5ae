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

    /** A block of {@code Name: value} lines (a sample's request headers) with every secret header masked. */
    public static String headerBlock(String block) {
        if (block == null || block.isEmpty()) {
            return block;
        }
        StringBuilder out = new StringBuilder(block.length());
        for (String line : block.split("\n", -1)) {
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon).trim() : "";
            out.append(colon > 0 && isSecretHeader(name)
                    ? headerLine(name, line.substring(colon + 1).trim()) : line).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** The text with every occurrence of each secret value replaced; values shorter than 4 are left alone. */
    public static String values(String text, Iterable<String> secrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }
}
