package com.instainstru.loadtest.refserver;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublishTimerTest {

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    @Test
    void runsTasksInDeadlineOrderOnItsOwnThread() throws InterruptedException {
        try (PublishTimer timer = new PublishTimer()) {
            List<String> ran = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(3);
            timer.schedule(() -> { ran.add("late:" + Thread.currentThread().getName()); done.countDown(); }, millis(120));
            timer.schedule(() -> { ran.add("early"); done.countDown(); }, millis(10));
            timer.schedule(() -> { ran.add("middle"); done.countDown(); }, millis(60));
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("early", "middle", "late:refserver-publish-timer");
        }
    }

    @Test
    void scheduleOnRunsOnTheGivenLoopAndNeverBeforeTheDeadline() throws Exception {
        io.netty.util.concurrent.DefaultEventExecutor loop = new io.netty.util.concurrent.DefaultEventExecutor();
        try (PublishTimer timer = new PublishTimer()) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30);
            java.util.concurrent.CompletableFuture<Long> ranAt = new java.util.concurrent.CompletableFuture<>();
            timer.scheduleOn(loop, () -> {
                assertThat(loop.inEventLoop()).isTrue();
                ranAt.complete(System.nanoTime());
            }, deadline);
            assertThat(ranAt.get(10, TimeUnit.SECONDS) - deadline).as("ns after the deadline").isNotNegative();
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFailingTaskDoesNotStopLaterOnes() throws InterruptedException {
        try (PublishTimer timer = new PublishTimer()) {
            CountDownLatch after = new CountDownLatch(1);
            timer.schedule(() -> { throw new IllegalStateException("boom (expected by the test)"); }, millis(1));
            timer.schedule(after::countDown, millis(20));
            assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closeDropsWhatIsNotDueAndRefusesMore() throws InterruptedException {
        PublishTimer timer = new PublishTimer();
        CountDownLatch never = new CountDownLatch(1);
        timer.schedule(never::countDown, millis(200));
        timer.close();
        assertThat(never.await(400, TimeUnit.MILLISECONDS)).isFalse();
        assertThatThrownBy(() -> timer.schedule(() -> { }, 1)).isInstanceOf(RejectedExecutionException.class);
    }
}
