package com.instainstru.loadtest.sse;

import static com.instainstru.loadtest.sse.StreamLifecycleTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EventQueueTest {

    private static SseEvent event(String data) {
        return new SseEvent(SseEvent.Kind.MESSAGE, "message", data, null, System.nanoTime(), 0, 0);
    }

    @Test
    void dropsOldestWhenFull() throws Exception {
        EventQueue q = new EventQueue(2);
        assertThat(q.offer(event("1"))).isFalse();
        assertThat(q.offer(event("2"))).isFalse();
        assertThat(q.offer(event("3"))).isTrue();
        assertThat(q.dropped()).isEqualTo(1);
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.poll(Duration.ZERO).data()).isEqualTo("2");
        assertThat(q.poll(Duration.ZERO).data()).isEqualTo("3");
        assertThat(q.poll(Duration.ZERO)).isNull();
    }

    @Test
    void pollTimesOutWithNull() throws Exception {
        EventQueue q = new EventQueue(1);
        long start = System.nanoTime();
        assertThat(q.poll(Duration.ofMillis(50))).isNull();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos());
        assertThat(q.poll(Duration.ofMillis(-5))).isNull();
    }

    @Test
    void endedQueueDrainsThenReturnsNullAtOnce() throws Exception {
        EventQueue q = new EventQueue(5);
        q.offer(event("last"));
        q.end();
        assertThat(q.poll(Duration.ofDays(1)).data()).isEqualTo("last");
        long start = System.nanoTime();
        assertThat(q.poll(Duration.ofDays(1))).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void interruptedPollerThrows() {
        EventQueue q = new EventQueue(1);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> q.poll(Duration.ofSeconds(10))).isInstanceOf(InterruptedException.class);
    }

    @Test
    void countingTalliesQueuedAndArrivingEventsKeepsNoneAndWakesOnlyForTheEnd() throws Exception {
        EventQueue q = new EventQueue(2);
        q.offer(event("queued before"));
        q.offer(new SseEvent(SseEvent.Kind.COMMENT, "", "ping", null, 0, 0, 8));
        CompletableFuture<EventTally> holder = CompletableFuture.supplyAsync(() -> {
            try {
                return q.countUntilEnd(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        waitUntil(() -> q.size() == 0);
        for (int i = 0; i < 5; i++) {
            assertThat(q.offer(new SseEvent(SseEvent.Kind.MESSAGE, "message", "d" + i, null, 0, 0, 10))).isFalse();
        }
        assertThat(q.size()).as("counted, not kept").isZero();
        assertThat(holder).as("events do not end the hold").isNotDone();

        q.end();

        assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo(new EventTally(6, 1, 58, true));
        assertThat(q.dropped()).as("nothing was dropped for want of room").isZero();
    }

    @Test
    void afterCountingEventsAreKeptAgain() throws Exception {
        EventQueue q = new EventQueue(3);
        q.offer(event("a"));

        EventTally tally = q.countUntilEnd(Duration.ofMillis(20));
        q.offer(event("b"));

        assertThat(tally).isEqualTo(new EventTally(1, 0, 0, false));
        assertThat(q.poll(Duration.ZERO).data()).isEqualTo("b");
    }

    @Test
    void interruptedCountingThrowsAndKeepsEventsAgain() throws Exception {
        EventQueue q = new EventQueue(3);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> q.countUntilEnd(Duration.ofSeconds(10))).isInstanceOf(InterruptedException.class);
        q.offer(event("kept"));
        assertThat(q.poll(Duration.ZERO).data()).isEqualTo("kept");
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new EventQueue(0)).hasMessage("capacity must be at least 1, got 0");
    }

    @Test
    void eventValidatesItsFields() {
        assertThatThrownBy(() -> new SseEvent(SseEvent.Kind.MESSAGE, "m", "d", null, 0, 0, -1))
                .hasMessage("wireBytes must not be negative: -1");
        assertThatThrownBy(() -> new SseEvent(null, "m", "d", null, 0, 0, 0)).isInstanceOf(NullPointerException.class);
        assertThat(event("x".repeat(200)).toString()).hasSizeLessThan(160);
        assertThat(new SseEvent(SseEvent.Kind.COMMENT, "", "ping", null, 0, 0, 8)).hasToString("SseEvent[: ping]");
    }
}
