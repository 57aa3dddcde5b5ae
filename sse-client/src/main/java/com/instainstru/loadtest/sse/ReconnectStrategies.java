package com.instainstru.loadtest.sse;

import java.util.function.BooleanSupplier;

import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.eventsource.RetryDelayStrategy;
import com.launchdarkly.eventsource.StreamClosedByCallerException;
import com.launchdarkly.eventsource.StreamException;
import com.launchdarkly.eventsource.StreamIOException;

/** okhttp-eventsource strategies implementing a {@link ReconnectPolicy}. */
final class ReconnectStrategies {

    private ReconnectStrategies() {
    }

    /**
     * @param mayContinue false before the first connection succeeded (open() must fail, not retry) and once the
     *                    client closes the stream
     */
    static ErrorStrategy errorStrategy(ReconnectPolicy policy, BooleanSupplier mayContinue) {
        if (!policy.isEnabled()) {
            return ErrorStrategy.alwaysThrow();
        }
        return new Attempts(policy, mayContinue, 0);
    }

    static RetryDelayStrategy delayStrategy(ReconnectPolicy policy) {
        return new Backoff(policy, 0);
    }

    /**
     * Counts failures of one outage: the drop is failure 0, failed reconnect attempt k is failure k. okhttp-eventsource
     * goes back to the initial instance after every successful connect, which restarts the count.
     */
    private static final class Attempts extends ErrorStrategy {
        private final ReconnectPolicy policy;
        private final BooleanSupplier mayContinue;
        private final int failures;

        Attempts(ReconnectPolicy policy, BooleanSupplier mayContinue, int failures) {
            this.policy = policy;
            this.mayContinue = mayContinue;
            this.failures = failures;
        }

        @Override
        public Result apply(StreamException exception) {
            if (!mayContinue.getAsBoolean() || exception instanceof StreamClosedByCallerException
                    || failures >= policy.maxAttempts() || !retryable(exception)) {
                return new Result(Action.THROW, null);
            }
            return new Result(Action.CONTINUE, new Attempts(policy, mayContinue, failures + 1));
        }

        private static boolean retryable(StreamException exception) {
            if (exception instanceof StreamIOException) {
                Throwable cause = ((StreamIOException) exception).getIOException();
                if (cause instanceof SseHttpException) {
                    return ReconnectPolicy.retryableStatus(((SseHttpException) cause).status());
                }
                return !(cause instanceof SseContentTypeException);
            }
            return true;
        }
    }

    /**
     * {@code min(cap, base * 2^n)}, no jitter. {@code base} is the stream's current base delay (the policy's, or the
     * last {@code retry:} when honoured); {@code cap} is the policy's max delay, or the base itself when a
     * {@code retry:} asked for more. okhttp-eventsource resets to n = 0 after a {@code retry:} line and after a
     * connection that lasted 60 s.
     */
    private static final class Backoff extends RetryDelayStrategy {
        private final ReconnectPolicy policy;
        private final int exponent;

        Backoff(ReconnectPolicy policy, int exponent) {
            this.policy = policy;
            this.exponent = exponent;
        }

        @Override
        public Result apply(long baseDelayMillis) {
            return new Result(policy.delayMillis(baseDelayMillis, exponent), new Backoff(policy, Math.min(exponent + 1, 62)));
        }
    }
}
