package com.instainstru.loadtest.sse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import okhttp3.Headers;

/** Header helpers shared by the OkHttp glue and the exceptions. */
final class HeaderMaps {

    private static final String REDACTED = "<redacted>";

    private HeaderMaps() {
    }

    /** Response headers as an ordered map, names as first received, values in order. */
    static Map<String, List<String>> toMap(Headers headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String key = map.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(name);
            map.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(headers.value(i));
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
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            sb.append(headers.name(i)).append(": ").append(redact(headers.name(i), headers.value(i))).append('\n');
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
