package com.instainstru.loadtest.refserver;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The backend's login concurrency cap: a few password verifications at a time, the rest wait in a queue
 * for a bounded time and then get 429. Nothing blocks: waiting work is parked and resumed on its own
 * event loop when a slot frees up.
 */
final class LoginGate {
    private static final class Waiter {
        final EventExecutor executor;
        final Runnable work;
        ScheduledFuture<?> timeout;

        Waiter(EventExecutor executor, Runnable work) {
            this.executor = executor;
            this.work = work;
        }
    }

    private final int slots;
    private final long queueTimeoutMillis;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int inUse;

    LoginGate(int slots, long queueTimeoutMillis) {
        this.slots = slots;
        this.queueTimeoutMillis = queueTimeoutMillis;
    }

    /** Runs {@code work} once a slot is free (work must call {@link #release()} exactly once);
     * runs {@code onTimeout} instead when no slot frees up within the queue timeout. */
    void enter(EventExecutor executor, Runnable work, Runnable onTimeout) {
        synchronized (this) {
            if (inUse >= slots) {
                Waiter w = new Waiter(executor, work);
                waiting.add(w);
                w.timeout = executor.schedule(() -> {
                    boolean stillWaiting;
                    synchronized (LoginGate.this) {
                        stillWaiting = waiting.remove(w);
                    }
                    if (stillWaiting) {
                        onTimeout.run();
                    }
                }, queueTimeoutMillis, TimeUnit.MILLISECONDS);
                return;
            }
            inUse++;
        }
        executor.execute(work);
    }

    void release() {
        Waiter next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inUse--;
                return;
            }
        }
        next.timeout.cancel(false);
        next.executor.execute(next.work);
    }
}
