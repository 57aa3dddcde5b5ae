package com.instainstru.loadtest.refserver;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** All open streams, partitioned by event loop; fan-out hands each loop one task per recipient. */
final class StreamHub {
    private final Map<EventExecutor, LoopStreams> byLoop = new IdentityHashMap<>();
    private final List<LoopStreams> loops = new ArrayList<>();

    StreamHub(EventLoopGroup workers, ServerStats stats, FaultKnobs faults, long pingIntervalNanos,
              long heartbeatIdleNanos) {
        for (EventExecutor e : workers) {
            LoopStreams ls = new LoopStreams((EventLoop) e, stats, faults, pingIntervalNanos, heartbeatIdleNanos);
            byLoop.put(e, ls);
            loops.add(ls);
            ls.startTicking();
        }
    }

    LoopStreams forLoop(EventExecutor loop) {
        LoopStreams ls = byLoop.get(loop);
        if (ls == null) {
            throw new IllegalStateException("channel is not on a worker event loop");
        }
        return ls;
    }

    /** Delivers to every stream of {@code userId}; loops other than the caller's get it as a queued task. */
    void deliverToUser(String userId, MessageEvent event) {
        for (LoopStreams ls : loops) {
            if (ls.loop().inEventLoop()) {
                ls.deliver(userId, event);
            } else {
                ls.loop().execute(() -> ls.deliver(userId, event));
            }
        }
    }

    /** Stops the per-loop keep-alive ticks (the loops themselves belong to the server). */
    void stopTicking() {
        loops.forEach(LoopStreams::stopTicking);
    }

    void closeAll(long timeoutMillis) {
        List<Future<?>> done = new ArrayList<>();
        for (LoopStreams ls : loops) {
            done.add(ls.loop().submit(ls::closeAll));
        }
        for (Future<?> f : done) {
            f.awaitUninterruptibly(timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }
}
