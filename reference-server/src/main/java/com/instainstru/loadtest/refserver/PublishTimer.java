package com.instainstru.loadtest.refserver;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;

/**
 * Runs delayed publishes (the publish-delay fault) on time. Netty's event loop rounds a scheduled task's
 * wake-up up to the next whole millisecond (its selector waits in ms), so a 200 ms delay ran 200.5–201 ms
 * late; this thread parks with nanosecond deadlines instead and keeps delayed publishes in deadline order.
 * {@link #scheduleOn} then runs each on the request's event loop, exactly on time.
 */
final class PublishTimer implements AutoCloseable {
    /** How early {@link #scheduleOn} hands a task to its event loop. */
    static final long HAND_OFF_EARLY_NANOS = 1_000_000;

    private final ScheduledThreadPoolExecutor timer;

    PublishTimer() {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "refserver-publish-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Runs {@code task} after {@code delayNanos} (at once if not positive) on the timer thread.
     *
     * @throws RejectedExecutionException once the server is closing
     */
    void schedule(Runnable task, long delayNanos) {
        timer.schedule(() -> runReporting(task), delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code task} on {@code loop} at {@code deadlineNanos} ({@link System#nanoTime()} time), to the
     * microsecond: the timer hands it to the loop {@value #HAND_OFF_EARLY_NANOS} ns early and the loop spins out
     * the rest. So neither this thread's wake-up nor the loop's (each ~0.4 ms after an idle gap on a small VM)
     * makes the publish late, and writes to the streams of that loop go out at once. The spin holds the loop
     * for up to that much per delayed message: the delay is a knob for accuracy checks, not throughput runs.
     *
     * @throws RejectedExecutionException once the server is closing
     */
    void scheduleOn(EventExecutor loop, Runnable task, long deadlineNanos) {
        long handOffIn = deadlineNanos - HAND_OFF_EARLY_NANOS - System.nanoTime();
        schedule(() -> loop.execute(() -> {
            while (System.nanoTime() - deadlineNanos < 0) {
                Thread.onSpinWait();
            }
            runReporting(task);
        }), handOffIn);
    }

    /** A scheduled future or an event loop would swallow or bury a failure; say what went wrong as the handlers do. */
    private static void runReporting(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            System.err.println("reference server: delayed publish failed: " + e);
        }
    }

    /** Drops publishes not yet due (the server is going away) and stops the thread. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
