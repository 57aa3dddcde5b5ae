package com.instainstru.loadtest.refserver;

import java.util.concurrent.TimeUnit;

/** The backend's limits (protocol.md §2), per minute. */
final class RateLimits {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    final RateLimiter overallPerIp = new RateLimiter(150, MINUTE);
    final RateLimiter loginPerIp = new RateLimiter(20, MINUTE);
    final RateLimiter sseConnectsPerUser = new RateLimiter(5, MINUTE);
    final RateLimiter writesPerIp = new RateLimiter(30, MINUTE);
    final RateLimiter messagesPerUserConversation = new RateLimiter(60, MINUTE);
}
