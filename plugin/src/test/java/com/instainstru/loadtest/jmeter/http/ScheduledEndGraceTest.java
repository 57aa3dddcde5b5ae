package com.instainstru.loadtest.jmeter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.testing.SamplingContext;

/**
 * A call sent just before the thread group's scheduled end keeps time to finish (a CI run failed on a send that
 * "timed out" after 6 ms at the end), and is still cut soon after the end.
 */
class ScheduledEndGraceTest {

    @Test
    void aCallStartedAtTheEndGetsTheGraceAndNoMore() {
        try (SamplingContext thread = SamplingContext.fresh().endingIn(Duration.ofMillis(1))) {
            Duration timeout = ManagedHttpSampler.untilScheduledEnd(30_000);
            assertThat(timeout).isGreaterThan(ManagedHttpSampler.SCHEDULED_END_GRACE.minusSeconds(1))
                    .isLessThanOrEqualTo(ManagedHttpSampler.SCHEDULED_END_GRACE.plusMillis(1));
            assertThat(ManagedHttpSampler.untilScheduledEnd(200)).as("a shorter timeout of its own still wins")
                    .isEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void withoutASchedulerTheTimeoutIsTheSamplers() {
        try (SamplingContext thread = SamplingContext.fresh()) {
            assertThat(ManagedHttpSampler.untilScheduledEnd(30_000)).isEqualTo(Duration.ofSeconds(30));
        }
    }
}
