package com.instainstru.loadtest.report;

import java.util.List;

/**
 * Least-squares line through (x, y) points and the S4 drift rule.
 *
 * <p>Drift rule: a series drifts upward when (1) the slope is significant — its t statistic
 * (slope / standard error) is at least {@link #MIN_T} with at least {@link #MIN_POINTS} points — and
 * (2) it matters — the fitted rise over the whole run is at least {@link #MIN_RELATIVE_RISE} of the
 * series' mean and at least the series' absolute floor (e.g. 10 ms for latency). Both are needed: a
 * long soak makes tiny slopes significant, and a short noisy one makes big slopes unreliable.
 */
public record Trend(double slope, double intercept, double tStatistic, double rise, double mean, int points) {

    public static final double MIN_T = 3.0;
    public static final int MIN_POINTS = 6;
    public static final double MIN_RELATIVE_RISE = 0.10;

    public static Trend fit(List<double[]> xy) {
        int n = xy.size();
        if (n < 2) {
            double mean = n == 1 ? xy.get(0)[1] : 0;
            return new Trend(0, mean, 0, 0, mean, n);
        }
        double mx = 0;
        double my = 0;
        for (double[] p : xy) {
            mx += p[0];
            my += p[1];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : xy) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
        }
        if (sxx == 0) {
            return new Trend(0, my, 0, 0, my, n);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double ssr = 0;
        for (double[] p : xy) {
            double r = p[1] - (intercept + slope * p[0]);
            ssr += r * r;
        }
        double t;
        if (n <= 2) {
            t = 0;
        } else {
            double se = Math.sqrt(ssr / (n - 2) / sxx);
            t = se == 0 ? (slope == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, slope)) : slope / se;
        }
        double span = xy.get(n - 1)[0] - xy.get(0)[0];
        return new Trend(slope, intercept, t, slope * span, my, n);
    }

    /** True when the series drifts upward by the rule in the class comment. */
    public boolean driftsUp(double absoluteFloor) {
        return points >= MIN_POINTS && tStatistic >= MIN_T && rise > 0
                && rise >= MIN_RELATIVE_RISE * Math.abs(mean) && rise >= absoluteFloor;
    }
}
