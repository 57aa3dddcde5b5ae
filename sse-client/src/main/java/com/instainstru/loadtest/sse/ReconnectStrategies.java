package com.instainstru.loadtest.sse;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

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

    /**
     * @param successfulConnects how many attempts of the stream got a 2xx event stream so far: a change since the
     *                           last delay means a reconnect succeeded, and the new outage starts at the base delay
     */
    static RetryDelayStrategy delayStrategy(ReconnectPolicy policy, LongSupplier successfulConnects) {
        return new Backoff(policy, 0, successfulConnects, -1);
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
            return !(exception instanceof StreamIOException)
                    || Failures.retryable(((StreamIOException) exception).getIOException());
        }
    }

    /**
     * {@code min(cap, base * 2^n)}, no jitter. {@code base} is the stream's current base delay (the policy's, or the
     * last {@code retry:} when honoured); {@code cap} is the policy's max delay, or the base itself when a
     * {@code retry:} asked for more. n restarts at 0 in every outage (after each successful reconnect, as on the
     * Netty transport; okhttp-eventsource alone would wait for a connection that lasted 60 s) and after a
     * {@code retry:} line.
     */
    private static final class Backoff extends RetryDelayStrategy {
        private final ReconnectPolicy policy;
        private final int exponent;
        private final LongSupplier successfulConnects;
        private final long connectsWhenMade;

        Backoff(ReconnectPolicy policy, int exponent, LongSupplier successfulConnects, long connectsWhenMade) {
            this.policy = policy;
            this.exponent = exponent;
            this.successfulConnects = successfulConnects;
            this.connectsWhenMade = connectsWhenMade;
        }

        @Override
        public Result apply(long baseDelayMillis) {
            long connects = successfulConnects.getAsLong();
            int n = connects == connectsWhenMade ? exponent : 0; // a reconnect succeeded since: a new outage
            return new Result(policy.delayMillis(baseDelayMillis, n),
                    new Backoff(policy, Math.min(n + 1, 62), successfulConnects, connects));
        }
    }
}
