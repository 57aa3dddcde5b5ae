package com.instainstru.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactHistogramTest {

    /** Locust's rule on a sorted copy: index min(floor(n * p), n - 1). */
    static long bruteForce(long[] values, int basisPoints) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int index = (int) Math.min((long) n * basisPoints / 10_000, n - 1);
        return sorted[index];
    }

    @Test
    void percentilesMatchBruteForceOnRandomDataUpToMoreThanAnHour() {
        Random random = new Random(42);
        for (int round = 0; round < 40; round++) {
            int n = 1 + random.nextInt(round < 20 ? 50 : 20_000);
            long[] values = new long[n];
            ExactHistogram h = new ExactHistogram();
            for (int i = 0; i < n; i++) {
                // mix of small latencies, a long tail and values past one hour (beyond the dense range)
                long v = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(200);
                    case 1 -> random.nextInt(70_000);
                    case 2 -> 3_600_000L + random.nextInt(5_000);
                    default -> (long) Math.abs(random.nextGaussian() * 800);
                };
                values[i] = v;
                h.record(v);
            }
            long[] actual = h.valuesAtBasisPoints(Percentiles.BASIS_POINTS);
            for (int i = 0; i < Percentiles.BASIS_POINTS.length; i++) {
                assertThat(actual[i]).as("n=%d p=%d bp", n, Percentiles.BASIS_POINTS[i])
                        .isEqualTo(bruteForce(values, Percentiles.BASIS_POINTS[i]));
            }
            assertThat(h.min()).isEqualTo(Arrays.stream(values).min().orElseThrow());
            assertThat(h.max()).isEqualTo(Arrays.stream(values).max().orElseThrow());
            assertThat(h.sum()).isEqualTo(Arrays.stream(values).sum());
        }
    }

    @Test
    void smallDenseLimitAndMergingStayExact() {
        Random random = new Random(7);
        long[] values = new long[5_000];
        ExactHistogram a = new ExactHistogram(16);
        ExactHistogram b = new ExactHistogram(1024);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(3_000);
            (i % 2 == 0 ? a : b).record(values[i]);
        }
        ExactHistogram merged = new ExactHistogram(64);
        merged.add(a);
        merged.add(b);
        assertThat(merged.count()).isEqualTo(values.length);
        for (int bp : Percentiles.BASIS_POINTS) {
            assertThat(merged.valueAtBasisPoints(bp)).isEqualTo(bruteForce(values, bp));
        }
    }

    @Test
    void locustRuleOnTinyInputs() {
        ExactHistogram h = new ExactHistogram();
        h.record(10);
        h.record(20);
        // Locust's median of two values is the larger one; 100 % is the maximum
        assertThat(h.valueAtBasisPoints(5000)).isEqualTo(20);
        assertThat(h.valueAtBasisPoints(10_000)).isEqualTo(20);
        assertThat(h.valueAtBasisPoints(0)).isEqualTo(10);
    }

    @Test
    void emptyHistogramReportsZeroAndRejectsNegativeValues() {
        ExactHistogram h = new ExactHistogram();
        assertThat(h.valuesAtBasisPoints(5000, 9500)).containsExactly(0, 0);
        assertThat(h.mean()).isZero();
        assertThat(Arrays.stream(Percentiles.of(h)).allMatch(Double::isNaN)).isTrue();
        assertThatThrownBy(() -> h.record(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
