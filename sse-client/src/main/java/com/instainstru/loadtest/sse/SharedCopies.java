package com.instainstru.loadtest.sse;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One kept copy of what many streams' opens have in common: the streams of a run get equal response headers (at
 * most the {@code Date} differs, once a second) and equal redacted request header lines, and each held stream
 * keeps its {@link OpenResult}. Without sharing, 10^4 streams keep 10^4 copies, about 1 KiB each.
 *
 * <p>A one-entry cache per kind: the last copy, reused when the next is equal. Values are immutable, so a racy
 * read by two event loops at once costs at most one more copy.
 */
final class SharedCopies {

    private static volatile Map<String, List<String>> lastHeaders = Map.of();
    private static volatile String lastText = "";

    private SharedCopies() {
    }

    /** An immutable copy of {@code headers} (values immutable lists), or the last one when equal. */
    static Map<String, List<String>> headers(Map<String, List<String>> headers) {
        Map<String, List<String>> last = lastHeaders;
        if (last.equals(headers)) {
            return last;
        }
        // List.copyOf returns an immutable list as it is: only mutable values are copied
        Map<String, List<String>> copy = headers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        lastHeaders = copy;
        return copy;
    }

    /** {@code text}, or the last text kept when equal. */
    static String text(String text) {
        if (text == null) {
            return null;
        }
        String last = lastText;
        if (last.equals(text)) {
            return last;
        }
        lastText = text;
        return text;
    }
}
