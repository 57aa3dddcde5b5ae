package com.instainstru.loadtest.refserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Shared state of one server instance, handed to the request handlers. */
final class ServerContext {
    final ReferenceServerConfig config;
    final SeedData seed;
    final FaultKnobs faults;
    final ServerStats stats;
    final SessionStore sessions = new SessionStore();
    final RateLimits rateLimits = new RateLimits();
    final MessageLog messageLog = new MessageLog();
    final Ulid ulids = new Ulid();
    /** The sequence of {@code --generic-sse} event ids ({@code <millis>:<seq>}). */
    final java.util.concurrent.atomic.AtomicLong sseSequence = new java.util.concurrent.atomic.AtomicLong();
    final PublishTimer publishTimer = new PublishTimer();
    final LoginGate loginGate;
    final StreamHub hub;
    Fanout fanout;

    ServerContext(ReferenceServerConfig config, FaultKnobs faults, ServerStats stats, StreamHub hub) {
        this.config = config;
        this.seed = config.seed();
        this.faults = faults;
        this.stats = stats;
        this.hub = hub;
        this.loginGate = new LoginGate(config.loginConcurrency(), config.loginQueueTimeout().toMillis());
    }

    /** True when rate limits apply to this request: enabled, and no valid X-Rate-Limit-Bypass. */
    boolean rateLimited(Exchange ex) {
        if (!config.rateLimitEnabled()) {
            return false;
        }
        String expected = config.bypassToken();
        String given = ex.headers.get("X-Rate-Limit-Bypass");
        if (expected == null || given == null) {
            return true;
        }
        // Constant-time comparison: the token is a secret.
        return !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Counts the request against {@code limiter} under {@code key} when limits apply ({@code limited});
     * answers 429 with Retry-After and returns false when the limit is used up.
     */
    boolean withinLimit(Exchange ex, boolean limited, RateLimiter limiter, String key, String limitDescription) {
        if (!limited) {
            return true;
        }
        long wait = limiter.tryAcquire(key, System.nanoTime());
        if (wait == 0) {
            return true;
        }
        stats.rateLimited.incrementAndGet();
        ex.tooManyRequests("RATE_LIMIT_EXCEEDED", "rate limit exceeded: " + limitDescription, wait);
        return false;
    }

    /** The caller by Bearer token, then session cookie. */
    Optional<SeedUser> authenticate(Exchange ex) {
        String token = ex.bearerToken();
        if (token == null) {
            token = ex.cookie(config.sessionCookieName());
        }
        return sessions.userForSession(token).flatMap(seed::userById);
    }
}
