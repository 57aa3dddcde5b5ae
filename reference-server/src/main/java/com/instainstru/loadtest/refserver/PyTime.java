package com.instainstru.loadtest.refserver;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Timestamps as Python prints an aware UTC datetime: {@code isoformat()} and {@code str()}. */
final class PyTime {
    private PyTime() {
    }

    /** {@code 2026-11-27T09:20:05.123456+00:00} (fraction omitted when zero, like Python). */
    static String isoformat(Instant instant) {
        return format(instant, 'T');
    }

    /** {@code 2026-11-27 09:20:05.123456+00:00}, the form in the ping comment. */
    static String str(Instant instant) {
        return format(instant, ' ');
    }

    private static String format(Instant instant, char separator) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(32);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append(separator);
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            pad(b.append('.'), micros, 6);
        }
        return b.append("+00:00").toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
