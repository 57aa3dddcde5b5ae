package com.instainstru.loadtest.jmeter.testing;

import java.util.List;

import org.apache.jmeter.samplers.SampleResult;

/** Picks samples out of a run's results. */
public final class Samples {

    private Samples() {
    }

    public static List<SampleResult> labelled(List<SampleResult> results, String label) {
        return results.stream().filter(r -> label.equals(r.getSampleLabel())).toList();
    }

    public static SampleResult only(List<SampleResult> results, String label) {
        List<SampleResult> matching = labelled(results, label);
        if (matching.size() != 1) {
            throw new AssertionError("expected one '" + label + "' sample, got " + matching.size() + ": "
                    + describe(results));
        }
        return matching.get(0);
    }

    /** One line per sample, for assertion messages. */
    public static String describe(List<SampleResult> results) {
        StringBuilder text = new StringBuilder();
        for (SampleResult r : results) {
            text.append("\n  ").append(r.getSampleLabel()).append(r.isSuccessful() ? " ok " : " FAILED ")
                    .append(r.getResponseCode()).append(' ').append(r.getTime()).append(" ms: ")
                    .append(r.getResponseMessage());
        }
        return text.toString();
    }
}
