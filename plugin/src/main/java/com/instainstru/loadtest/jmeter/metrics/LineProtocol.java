package com.instainstru.loadtest.jmeter.metrics;

import java.util.Map;

/**
 * One InfluxDB line-protocol point: {@code measurement,tag=v,... field=1i,... timestampNanos}. Counters are
 * written as integers ({@code i} suffix) so a field keeps one type for the life of a database: InfluxDB refuses
 * a point whose field type differs from what the shard already holds.
 */
final class LineProtocol {

    private LineProtocol() {
    }

    static String point(String measurement, Map<String, String> tags, Map<String, Long> fields, long epochMillis) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a point needs at least one field: " + measurement);
        }
        StringBuilder line = new StringBuilder(64 + 24 * fields.size()).append(escape(measurement, false));
        tags.forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                line.append(',').append(escape(key, true)).append('=').append(escape(value, true));
            }
        });
        char separator = ' ';
        for (Map.Entry<String, Long> field : fields.entrySet()) {
            line.append(separator).append(escape(field.getKey(), true)).append('=').append(field.getValue()).append('i');
            separator = ',';
        }
        return line.append(' ').append(epochMillis * 1_000_000L).toString();
    }

    /** Measurements escape commas and spaces; tag keys, tag values and field keys also escape '='. */
    static String escape(String text, boolean equalsToo) {
        StringBuilder out = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ' ' || (equalsToo && c == '=')) {
                out.append('\\');
            }
            out.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return out.toString();
    }
}
