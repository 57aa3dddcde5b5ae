package com.instainstru.loadtest.sse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import okhttp3.Headers;

/** Header helpers shared by both transports and the exceptions. */
final class HeaderMaps {

    private static final String REDACTED = "<redacted>";

    private HeaderMaps() {
    }

    /** Response headers as an ordered map, names as first received, values in order. */
    static Map<String, List<String>> toMap(Headers headers) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            entries.add(Map.entry(headers.name(i), headers.value(i)));
        }
        return toMap(entries);
    }

    /** The same from name/value pairs in wire order (Netty's {@code HttpHeaders} iterate so). */
    static Map<String, List<String>> toMap(Iterable<Map.Entry<String, String>> headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            String key = map.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(name);
            map.computeIfAbsent(key, k -> new ArrayList<>()).add(header.getValue());
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return map;
    }

    static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** Request headers as {@code Name: value} lines with secret values replaced (see {@link OpenResult}). */
    static String redactedLines(Headers headers) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            entries.add(Map.entry(headers.name(i), headers.value(i)));
        }
        return redactedLines(entries);
    }

    static String redactedLines(Iterable<Map.Entry<String, String>> headers) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> header : headers) {
            sb.append(header.getKey()).append(": ").append(redact(header.getKey(), header.getValue())).append('\n');
        }
        return sb.toString();
    }

    static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization") || n.equals("cookie")
                || n.equals("x-rate-limit-bypass") || n.contains("token") || n.contains("secret");
    }

    static String redact(String name, String value) {
        if (!isSecret(name)) {
            return value;
        }
        if (name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("proxy-authorization")) {
            int space = value.indexOf(' ');
            return space > 0 ? value.substring(0, space) + " " + REDACTED : REDACTED;
        }
        return REDACTED;
    }
}
