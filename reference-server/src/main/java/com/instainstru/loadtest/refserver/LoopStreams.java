package com.instainstru.loadtest.refserver;

import io.netty.channel.EventLoop;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The streams owned by one event loop. Only that loop's thread touches this object, so it needs no locks;
 * one periodic task per loop sends pings and heartbeats and applies close-after-seconds for all of them
 * (no per-stream timers, which keeps 20 000 streams cheap).
 */
final class LoopStreams {
    static final long TICK_MILLIS = 100;

    private final EventLoop loop;
    private final ServerStats stats;
    private final FaultKnobs faults;
    private final long pingIntervalNanos;
    private final long heartbeatIdleNanos;
    private final Map<String, Set<SseConnection>> byUser = new HashMap<>();
    private volatile ScheduledFuture<?> ticking;

    LoopStreams(EventLoop loop, ServerStats stats, FaultKnobs faults, long pingIntervalNanos, long heartbeatIdleNanos) {
        this.loop = loop;
        this.stats = stats;
        this.faults = faults;
        this.pingIntervalNanos = pingIntervalNanos;
        this.heartbeatIdleNanos = heartbeatIdleNanos;
    }

    EventLoop loop() {
        return loop;
    }

    long pingIntervalNanos() {
        return pingIntervalNanos;
    }

    void startTicking() {
        ticking = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** For a hub that goes away while its event loops live on (the start-up warm-up's). */
    void stopTicking() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    void add(SseConnection c) {
        byUser.computeIfAbsent(c.userId, k -> new LinkedHashSet<>()).add(c);
        stats.openStreams.incrementAndGet();
        stats.streamsOpened.incrementAndGet();
        // Removal is a separate task so that closing a stream while iterating a user's set is safe.
        c.channel.closeFuture().addListener(f -> loop.execute(() -> remove(c)));
    }

    private void remove(SseConnection c) {
        c.closed = true;
        Set<SseConnection> set = byUser.get(c.userId);
        if (set != null && set.remove(c)) {
            stats.openStreams.decrementAndGet();
            if (set.isEmpty()) {
                byUser.remove(c.userId);
            }
        }
    }

    /** Writes a new_message to every open stream of {@code userId} on this loop, applying the delivery faults. */
    void deliver(String userId, MessageEvent event) {
        Set<SseConnection> set = byUser.get(userId);
        if (set == null) {
            return;
        }
        long now = System.nanoTime();
        boolean mine = event.senderId.equals(userId);
        for (SseConnection c : set) {
            if (c.closed || c.stalled) {
                continue;
            }
            if (now - c.subscribedAtNanos < 0) {
                stats.gapMissedDeliveries.incrementAndGet();
                continue;
            }
            if (faults.roll(faults.dropFraction())) {
                stats.droppedDeliveries.incrementAndGet();
                continue;
            }
            if (faults.roll(faults.malformedFraction())) {
                stats.malformedFrames.incrementAndGet();
                c.writeEvent(SseFrames.malformed(event.id), now);
                continue;
            }
            // Counters move before the bytes go out, so a client that has read a frame sees it counted.
            boolean duplicate = faults.roll(faults.duplicateFraction());
            stats.deliveries.addAndGet(duplicate ? 2 : 1);
            if (duplicate) {
                stats.duplicatedDeliveries.incrementAndGet();
            }
            c.writeEvent(event.liveFrame(mine), now);
            if (duplicate) {
                c.writeEvent(event.liveFrame(mine), now);
            }
        }
    }

    private void tick() {
        long now = System.nanoTime();
        List<SseConnection> toClose = null;
        byte[] ping = null;
        byte[] heartbeat = null;
        for (Set<SseConnection> set : byUser.values()) {
            for (SseConnection c : set) {
                if (c.closed) {
                    continue;
                }
                if (c.closeAtNanos != 0 && now - c.closeAtNanos >= 0) {
                    if (toClose == null) {
                        toClose = new ArrayList<>();
                    }
                    toClose.add(c);
                    continue;
                }
                if (c.stalled) {
                    continue;
                }
                if (now - c.lastEventNanos >= heartbeatIdleNanos) {
                    if (heartbeat == null) {
                        heartbeat = SseFrames.heartbeat(Instant.now());
                    }
                    if (!c.channel.isWritable()) {
                        continue; // a client that does not read gets no more keep-alive traffic piled up
                    }
                    c.writeEvent(heartbeat, now);
                    if (c.closed) {
                        continue;
                    }
                }
                if (now - c.nextPingNanos >= 0) {
                    if (ping == null) {
                        ping = SseFrames.ping(Instant.now());
                    }
                    c.nextPingNanos = now + pingIntervalNanos;
                    if (c.channel.isWritable()) {
                        c.writeRaw(ping);
                    }
                }
            }
        }
        if (toClose != null) {
            toClose.forEach(SseConnection::close);
        }
    }

    /** Closes every stream (server shutdown). */
    void closeAll() {
        List<SseConnection> all = new ArrayList<>();
        byUser.values().forEach(all::addAll);
        all.forEach(SseConnection::close);
    }
}
