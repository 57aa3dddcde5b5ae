package com.instainstru.loadtest.refserver;

import java.util.concurrent.ConcurrentHashMap;

/** Fixed-window counter per key ("N requests per minute"). */
final class RateLimiter {
    private static final class Window {
        long startNanos;
        int count;
    }

    private final int limit;
    private final long windowNanos;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int limit, long windowNanos) {
        this.limit = limit;
        this.windowNanos = windowNanos;
    }

    /** 0 when allowed (and counted), else the whole seconds to wait (the Retry-After value). */
    long tryAcquire(String key, long nowNanos) {
        if (windows.size() > 50_000) {
            windows.values().removeIf(w -> nowNanos - w.startNanos >= windowNanos);
        }
        Window w = windows.computeIfAbsent(key, k -> {
            Window fresh = new Window();
            fresh.startNanos = nowNanos;
            return fresh;
        });
        synchronized (w) {
            if (nowNanos - w.startNanos >= windowNanos) {
                w.startNanos = nowNanos;
                w.count = 0;
            }
            if (w.count < limit) {
                w.count++;
                return 0;
            }
            long remaining = windowNanos - (nowNanos - w.startNanos);
            return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
        }
    }
}
