package com.instainstru.loadtest.refserver;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs delayed publishes (the publish-delay fault) on time. Netty's event loop rounds a scheduled task's
 * wake-up up to the next whole millisecond (its selector waits in ms), so a 200 ms delay ran 200.5–201 ms
 * late; this thread parks with nanosecond deadlines instead. One thread keeps delayed publishes in
 * deadline order; the task runs here and the hub and the channel hand their writes to the event loops.
 */
final class PublishTimer implements AutoCloseable {
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
        timer.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // A scheduled future would swallow this silently; say what went wrong as the handlers do.
                System.err.println("reference server: delayed publish failed: " + e);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Drops publishes not yet due (the server is going away) and stops the thread. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
