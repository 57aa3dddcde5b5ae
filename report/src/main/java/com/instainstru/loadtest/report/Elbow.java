package com.instainstru.loadtest.report;

import java.util.List;
import java.util.OptionalInt;

/**
 * Finds the elbow of a latency-vs-rate curve (the S2 "sustainable throughput limit").
 *
 * <p>Rule (the Kneedle idea): sort points by x, scale x and y to [0, 1], draw the chord from the first
 * to the last point, and take the interior point furthest below the chord — where the curve stops
 * being flat and starts to climb. There is no elbow with fewer than three points, when latency does
 * not rise from the first to the last point, or when no point lies at least {@link #MIN_DISTANCE}
 * (10 % of the scaled range) below the chord, i.e. latency grows about linearly.
 */
public final class Elbow {

    public static final double MIN_DISTANCE = 0.10;

    private Elbow() {}

    /** @param xy points sorted by x ascending; returns the index of the elbow point */
    public static OptionalInt find(List<double[]> xy) {
        int n = xy.size();
        if (n < 3) {
            return OptionalInt.empty();
        }
        double x0 = xy.get(0)[0];
        double x1 = xy.get(n - 1)[0];
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : xy) {
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        if (x1 <= x0 || maxY <= minY || xy.get(n - 1)[1] <= xy.get(0)[1]) {
            return OptionalInt.empty();
        }
        double y0 = (xy.get(0)[1] - minY) / (maxY - minY);
        double yn = (xy.get(n - 1)[1] - minY) / (maxY - minY);
        int best = -1;
        double bestDistance = MIN_DISTANCE;
        for (int i = 1; i < n - 1; i++) {
            double x = (xy.get(i)[0] - x0) / (x1 - x0);
            double y = (xy.get(i)[1] - minY) / (maxY - minY);
            double chord = y0 + (yn - y0) * x;
            double below = chord - y;
            if (below >= bestDistance) {
                bestDistance = below;
                best = i;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }
}
