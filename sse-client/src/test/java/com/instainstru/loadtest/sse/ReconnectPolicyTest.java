package com.instainstru.loadtest.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.eventsource.RetryDelayStrategy;
import com.launchdarkly.eventsource.StreamClosedByCallerException;
import com.launchdarkly.eventsource.StreamClosedByServerException;
import com.launchdarkly.eventsource.StreamIOException;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    @Test
    void noneIsDisabled() {
        assertThat(ReconnectPolicy.NONE.isEnabled()).isFalse();
        assertThat(ReconnectPolicy.NONE).hasToString("ReconnectPolicy.NONE");
    }

    @Test
    void invalidPoliciesAreRejected() {
        assertThatThrownBy(() -> ReconnectPolicy.enabled(Duration.ofSeconds(-1), Duration.ofSeconds(1), 1, true, true))
                .hasMessage("reconnect baseDelay must not be negative: PT-1S");
        assertThatThrownBy(() -> ReconnectPolicy.enabled(Duration.ofSeconds(2), Duration.ofSeconds(1), 1, true, true))
                .hasMessage("reconnect maxDelay PT1S is below baseDelay PT2S");
        assertThatThrownBy(() -> ReconnectPolicy.enabled(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, true, true))
                .hasMessage("reconnect maxAttempts must be at least 1, got 0");
    }

    @Test
    void backoffDoublesUpToTheCap() {
        ReconnectPolicy p = ReconnectPolicy.enabled(Duration.ofMillis(100), Duration.ofMillis(700), 9, false, true);
        RetryDelayStrategy s = ReconnectStrategies.delayStrategy(p, () -> 1);
        StringBuilder delays = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            RetryDelayStrategy.Result r = s.apply(5_000); // the base passed in is ignored: honourRetry=false
            delays.append(r.getDelayMillis()).append(' ');
            s = r.getNext();
        }
        assertThat(delays.toString().trim()).isEqualTo("100 200 400 700 700 700");
    }

    @Test
    void honouredRetryValueBecomesTheBaseEvenAboveTheCap() {
        ReconnectPolicy p = ReconnectPolicy.enabled(Duration.ofMillis(100), Duration.ofMillis(700), 9, true, true);
        RetryDelayStrategy.Result first = ReconnectStrategies.delayStrategy(p, () -> 1).apply(3_000);
        assertThat(first.getDelayMillis()).isEqualTo(3_000);
        assertThat(first.getNext().apply(3_000).getDelayMillis()).isEqualTo(3_000);
        assertThat(ReconnectStrategies.delayStrategy(p, () -> 1).apply(100).getNext().apply(100).getDelayMillis()).isEqualTo(200);
    }

    @Test
    void backoffRestartsAfterASuccessfulReconnect() {
        ReconnectPolicy p = ReconnectPolicy.enabled(Duration.ofMillis(100), Duration.ofSeconds(10), 9, false, true);
        long[] connects = {1};
        RetryDelayStrategy s = ReconnectStrategies.delayStrategy(p, () -> connects[0]);
        RetryDelayStrategy.Result first = s.apply(100);
        RetryDelayStrategy.Result second = first.getNext().apply(100); // a failed attempt: same outage
        connects[0]++; // that attempt's successor got its 2xx: the next drop is a new outage
        RetryDelayStrategy.Result third = second.getNext().apply(100);
        assertThat(new long[] {first.getDelayMillis(), second.getDelayMillis(), third.getDelayMillis()})
                .containsExactly(100, 200, 100);
    }

    @Test
    void backoffNeverOverflows() {
        ReconnectPolicy p = ReconnectPolicy.enabled(Duration.ofMillis(1), Duration.ofDays(1), 9, false, true);
        RetryDelayStrategy s = ReconnectStrategies.delayStrategy(p, () -> 1);
        long last = 0;
        for (int i = 0; i < 100; i++) {
            RetryDelayStrategy.Result r = s.apply(1);
            assertThat(r.getDelayMillis()).isBetween(last, Duration.ofDays(1).toMillis());
            last = r.getDelayMillis();
            s = r.getNext();
        }
        assertThat(last).isEqualTo(Duration.ofDays(1).toMillis());
    }

    @Test
    void errorStrategyCountsAttemptsAndStopsOnCloseOrBadStatus() {
        ReconnectPolicy p = ReconnectPolicy.enabled(Duration.ofMillis(1), Duration.ofMillis(1), 2, true, true);
        ErrorStrategy s = ReconnectStrategies.errorStrategy(p, () -> true);
        ErrorStrategy.Result drop = s.apply(new StreamClosedByServerException());
        assertThat(drop.getAction()).isEqualTo(ErrorStrategy.Action.CONTINUE);
        ErrorStrategy.Result attempt1 = drop.getNext().apply(new StreamIOException(
                new SseHttpException(503, "", java.util.Map.of(), "")));
        assertThat(attempt1.getAction()).isEqualTo(ErrorStrategy.Action.CONTINUE);
        assertThat(attempt1.getNext().apply(new StreamClosedByServerException()).getAction())
                .isEqualTo(ErrorStrategy.Action.THROW);
        assertThat(s.apply(new StreamIOException(new SseHttpException(403, "", java.util.Map.of(), ""))).getAction())
                .isEqualTo(ErrorStrategy.Action.THROW);
        assertThat(s.apply(new StreamIOException(new SseContentTypeException(200, "text/html", ""))).getAction())
                .isEqualTo(ErrorStrategy.Action.THROW);
        assertThat(s.apply(new StreamClosedByCallerException()).getAction()).isEqualTo(ErrorStrategy.Action.THROW);
        assertThat(ReconnectStrategies.errorStrategy(p, () -> false).apply(new StreamClosedByServerException())
                .getAction()).isEqualTo(ErrorStrategy.Action.THROW);
        assertThat(ReconnectStrategies.errorStrategy(ReconnectPolicy.NONE, () -> true)
                .apply(new StreamClosedByServerException()).getAction()).isEqualTo(ErrorStrategy.Action.THROW);
    }

    @Test
    void retryableStatuses() {
        assertThat(ReconnectPolicy.retryableStatus(408)).isTrue();
        assertThat(ReconnectPolicy.retryableStatus(429)).isTrue();
        assertThat(ReconnectPolicy.retryableStatus(502)).isTrue();
        assertThat(ReconnectPolicy.retryableStatus(401)).isFalse();
        assertThat(ReconnectPolicy.retryableStatus(404)).isFalse();
    }
}
