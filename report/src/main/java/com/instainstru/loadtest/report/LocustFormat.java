package com.instainstru.loadtest.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Number formats and headers of Locust's CSV files, so old scripts read ours unchanged. */
public final class LocustFormat {

    public static final List<String> STATS_HEADER = List.of(
            "Type", "Name", "Request Count", "Failure Count", "Median Response Time", "Average Response Time",
            "Min Response Time", "Max Response Time", "Average Content Size", "Requests/s", "Failures/s",
            "50%", "66%", "75%", "80%", "90%", "95%", "98%", "99%", "99.9%", "99.99%", "100%");

    public static final List<String> HISTORY_HEADER = List.of(
            "Timestamp", "User Count", "Type", "Name", "Requests/s", "Failures/s",
            "50%", "66%", "75%", "80%", "90%", "95%", "98%", "99%", "99.9%", "99.99%", "100%",
            "Total Request Count", "Total Failure Count", "Total Median Response Time",
            "Total Average Response Time", "Total Min Response Time", "Total Max Response Time",
            "Total Average Content Size");

    public static final List<String> FAILURES_HEADER = List.of("Method", "Name", "Error", "Occurrences");

    public static final List<String> EXCEPTIONS_HEADER = List.of("Count", "Message", "Traceback");

    public static final String NOT_AVAILABLE = "N/A";

    private LocustFormat() {}

    /** A Python float as {@code repr} prints it: always a decimal point, never an exponent. */
    static String pythonFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return NOT_AVAILABLE;
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) d + ".0";
        }
        String plain = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** An int column (Locust's percentiles and median); fractional values from Locust files survive. */
    static String wholeOrFloat(double d) {
        if (Double.isNaN(d)) {
            return NOT_AVAILABLE;
        }
        return d == Math.rint(d) ? Long.toString((long) d) : pythonFloat(d);
    }

    /** Locust's {@code f"{value:2f}"}: six decimals. */
    static String sixDecimals(double d) {
        return String.format(Locale.ROOT, "%f", d);
    }

    static List<String> percentileFields(double[] percentiles) {
        List<String> out = new ArrayList<>(percentiles.length);
        for (double p : percentiles) {
            out.add(wholeOrFloat(p));
        }
        return out;
    }
}
