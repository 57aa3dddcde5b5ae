package com.instainstru.loadtest.report.engines;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.instainstru.loadtest.correlation.DeliveryFact;

/**
 * One engine's stream spans by identity, sorted by listening time, so that the streams of an identity that were
 * open at a given instant are found without scanning the whole run.
 */
final class EngineStreams {

    private static final class OfIdentity {
        final List<DeliveryFact.StreamSpan> spans = new ArrayList<>();
        long longestMillis;
        boolean sorted = true;
    }

    private final Map<String, OfIdentity> byIdentity = new HashMap<>();

    void add(DeliveryFact.StreamSpan span) {
        OfIdentity of = byIdentity.computeIfAbsent(span.identity(), k -> new OfIdentity());
        if (!of.spans.isEmpty() && of.spans.get(of.spans.size() - 1).listeningEpochMillis() > span.listeningEpochMillis()) {
            of.sorted = false;
        }
        of.spans.add(span);
        of.longestMillis = Math.max(of.longestMillis, span.closedEpochMillis() - span.listeningEpochMillis());
    }

    /** The identity's streams that listened before {@code untilMillis} and had not closed before {@code fromMillis}. */
    List<DeliveryFact.StreamSpan> overlapping(String identity, double fromMillis, double untilMillis) {
        OfIdentity of = byIdentity.get(identity);
        if (of == null) {
            return List.of();
        }
        if (!of.sorted) {
            of.spans.sort(Comparator.comparingLong(DeliveryFact.StreamSpan::listeningEpochMillis));
            of.sorted = true;
        }
        List<DeliveryFact.StreamSpan> spans = of.spans;
        int lo = 0;
        int hi = spans.size(); // first index listening after untilMillis
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (spans.get(mid).listeningEpochMillis() <= untilMillis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<DeliveryFact.StreamSpan> out = new ArrayList<>();
        // a span listening earlier than this cannot still be open at fromMillis
        double earliest = fromMillis - of.longestMillis;
        for (int i = lo - 1; i >= 0 && spans.get(i).listeningEpochMillis() >= earliest; i--) {
            DeliveryFact.StreamSpan s = spans.get(i);
            if (s.closedEpochMillis() > fromMillis) {
                out.add(s);
            }
        }
        return out;
    }
}
