package com.instainstru.loadtest.report;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact counts of integer millisecond values: a dense array for small values plus a sorted map for
 * the rare large ones.
 *
 * <p>Why not HdrHistogram: its maximum precision (5 significant digits) is unit-exact only up to
 * 262 143 ms and has 16 ms buckets at one hour. Counting every distinct millisecond is exact for any
 * value and its memory depends on the number of distinct values, never on the number of samples.
 */
public final class ExactHistogram {

    /** Cumulative histograms keep up to 65.5 s dense (at most 512 KiB, usually far less). */
    public static final int DEFAULT_DENSE_LIMIT = 1 << 16;

    private final int denseLimit;
    private long[] dense;
    private final TreeMap<Long, Long> sparse = new TreeMap<>();
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    public ExactHistogram() {
        this(DEFAULT_DENSE_LIMIT);
    }

    /** @param denseLimit values below it are counted in an array that grows on demand up to this size */
    public ExactHistogram(int denseLimit) {
        if (denseLimit < 1) {
            throw new IllegalArgumentException("denseLimit must be positive: " + denseLimit);
        }
        this.denseLimit = denseLimit;
        this.dense = new long[Math.min(denseLimit, 128)];
    }

    public void record(long valueMs) {
        recordCount(valueMs, 1);
    }

    private void recordCount(long value, long times) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value: " + value);
        }
        if (value < denseLimit) {
            ensureDense((int) value);
            dense[(int) value] += times;
        } else {
            sparse.merge(value, times, Long::sum);
        }
        count += times;
        sum += value * times;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    private void ensureDense(int value) {
        if (value >= dense.length) {
            int size = dense.length;
            while (size <= value) {
                size = Math.min(denseLimit, size * 2);
            }
            dense = Arrays.copyOf(dense, size);
        }
    }

    /** Adds every count of {@code other} to this histogram. */
    public void add(ExactHistogram other) {
        for (int v = 0; v < other.dense.length; v++) {
            if (other.dense[v] != 0) {
                recordCount(v, other.dense[v]);
            }
        }
        for (Map.Entry<Long, Long> e : other.sparse.entrySet()) {
            recordCount(e.getKey(), e.getValue());
        }
    }

    public long count() {
        return count;
    }

    public long sum() {
        return sum;
    }

    /** Smallest value, 0 when empty. */
    public long min() {
        return count == 0 ? 0 : min;
    }

    /** Largest value, 0 when empty. */
    public long max() {
        return count == 0 ? 0 : max;
    }

    public double mean() {
        return count == 0 ? 0.0 : (double) sum / count;
    }

    /**
     * Values at the given percentiles, Locust's rule: the value at 0-based rank
     * {@code min(floor(count * p), count - 1)} of the sorted values (so 100 % is the maximum and the
     * median of two values is the larger). Percentiles are given in basis points (95 % = 9500) so the
     * rank is computed in exact integer arithmetic.
     *
     * @return one value per requested percentile; all zero when the histogram is empty
     */
    public long[] valuesAtBasisPoints(int... basisPoints) {
        long[] result = new long[basisPoints.length];
        if (count == 0) {
            return result;
        }
        long[] ranks = new long[basisPoints.length];
        for (int i = 0; i < basisPoints.length; i++) {
            int bp = basisPoints[i];
            if (bp < 0 || bp > 10_000) {
                throw new IllegalArgumentException("percentile out of range: " + bp / 100.0 + " %");
            }
            // count < 2^63 / 10^4 for any real run, so count * bp cannot overflow
            ranks[i] = Math.min(count * bp / 10_000, count - 1);
        }
        boolean[] done = new boolean[basisPoints.length];
        int remaining = basisPoints.length;
        long seen = 0;
        for (int v = 0; v < dense.length && remaining > 0; v++) {
            if (dense[v] != 0) {
                seen += dense[v];
                remaining -= fill(v, seen, ranks, done, result);
            }
        }
        for (Map.Entry<Long, Long> e : sparse.entrySet()) {
            if (remaining == 0) {
                break;
            }
            seen += e.getValue();
            remaining -= fill(e.getKey(), seen, ranks, done, result);
        }
        return result;
    }

    /** Sets every still-open percentile whose rank falls below {@code seen}; returns how many it set. */
    private static int fill(long value, long seen, long[] ranks, boolean[] done, long[] result) {
        int filled = 0;
        for (int i = 0; i < ranks.length; i++) {
            if (!done[i] && ranks[i] < seen) {
                result[i] = value;
                done[i] = true;
                filled++;
            }
        }
        return filled;
    }

    public long valueAtBasisPoints(int basisPoints) {
        return valuesAtBasisPoints(basisPoints)[0];
    }
}
