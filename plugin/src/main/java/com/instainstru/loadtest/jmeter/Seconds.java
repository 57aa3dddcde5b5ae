package com.instainstru.loadtest.jmeter;

import java.math.BigDecimal;

/** A field holding seconds (decimals allowed), as plans write them: "25", "0.5", "${hold_seconds}". */
public final class Seconds {

    private Seconds() {
    }

    /** The value in nanoseconds; a clear IllegalArgumentException naming the field when it is not a number ≥ 0. */
    public static long toNanos(String value, String field) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number of seconds, not '" + value + "'");
        }
        if (seconds.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
        return seconds.movePointRight(9).longValue();
    }
}
