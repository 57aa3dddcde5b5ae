package com.instainstru.loadtest.refserver;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable server settings; every {@code withX} returns a changed copy. Fault knobs are not here: they
 * are live on {@link ReferenceServer#faults()}.
 */
public final class ReferenceServerConfig {
    private String host = "127.0.0.1";
    private int port = 8000;
    private String frontendOrigin = "https://preview.instainstru.com";
    private boolean csrfEnabled = true;
    private boolean rateLimitEnabled = true;
    private boolean tokenInBody;
    private boolean genericSse;
    private String redisUrl;
    private Duration pingInterval = Duration.ofSeconds(15);
    private Duration heartbeatIdle = Duration.ofSeconds(30);
    private Duration requestReadTimeout = Duration.ofSeconds(10);
    private SeedData seed = SeedData.defaults();
    private String bypassToken;
    private long randomSeed = 42L;
    private int loginConcurrency = 10;
    private Duration loginQueueTimeout = Duration.ofSeconds(5);
    private String sessionCookieName = "sid_preview";
    private String refreshCookieName = "rid_preview";
    private int ioThreads;
    private int warmupMessages;

    private ReferenceServerConfig() {
    }

    public static ReferenceServerConfig defaults() {
        return new ReferenceServerConfig();
    }

    private ReferenceServerConfig copy() {
        ReferenceServerConfig c = new ReferenceServerConfig();
        c.host = host;
        c.port = port;
        c.frontendOrigin = frontendOrigin;
        c.csrfEnabled = csrfEnabled;
        c.rateLimitEnabled = rateLimitEnabled;
        c.tokenInBody = tokenInBody;
        c.genericSse = genericSse;
        c.redisUrl = redisUrl;
        c.pingInterval = pingInterval;
        c.heartbeatIdle = heartbeatIdle;
        c.requestReadTimeout = requestReadTimeout;
        c.seed = seed;
        c.bypassToken = bypassToken;
        c.randomSeed = randomSeed;
        c.loginConcurrency = loginConcurrency;
        c.loginQueueTimeout = loginQueueTimeout;
        c.sessionCookieName = sessionCookieName;
        c.refreshCookieName = refreshCookieName;
        c.ioThreads = ioThreads;
        c.warmupMessages = warmupMessages;
        return c;
    }

    public ReferenceServerConfig withHost(String host) {
        ReferenceServerConfig c = copy();
        c.host = requireText(host, "host");
        return c;
    }

    /** 0 picks a free ephemeral port. */
    public ReferenceServerConfig withPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        ReferenceServerConfig c = copy();
        c.port = port;
        return c;
    }

    /** The origin whose host POST/PUT/PATCH/DELETE must carry in Origin or Referer. */
    public ReferenceServerConfig withFrontendOrigin(String origin) {
        URI uri;
        try {
            uri = URI.create(requireText(origin, "frontend origin"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("frontend origin is not a URL: " + origin, e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("frontend origin has no host: " + origin);
        }
        ReferenceServerConfig c = copy();
        c.frontendOrigin = origin;
        return c;
    }

    public ReferenceServerConfig withCsrf(boolean enabled) {
        ReferenceServerConfig c = copy();
        c.csrfEnabled = enabled;
        return c;
    }

    public ReferenceServerConfig withRateLimits(boolean enabled) {
        ReferenceServerConfig c = copy();
        c.rateLimitEnabled = enabled;
        return c;
    }

    /** Also return {@code access_token}/{@code token_type} in the login body, like older deployments. */
    public ReferenceServerConfig withTokenInBody(boolean enabled) {
        ReferenceServerConfig c = copy();
        c.tokenInBody = enabled;
        return c;
    }

    /**
     * A target that is not InstaInstru-shaped, for testing the plans' backend properties: it differs in five
     * ways a plain SSE API may: the token in the login body, send answers 201, event ids {@code <millis>:<seq>}
     * (not the message id), no {@code connected} greeting, and a stream body delimited by the connection's
     * close (no chunked encoding).
     */
    public ReferenceServerConfig withGenericSse(boolean enabled) {
        ReferenceServerConfig c = copy();
        c.genericSse = enabled;
        return c;
    }

    /** {@code redis://host:port}: fan out through Redis Pub/Sub; null = in-process fan-out. */
    public ReferenceServerConfig withRedisUrl(String redisUrl) {
        if (redisUrl != null) {
            URI uri = URI.create(redisUrl);
            if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("redis URL must look like redis://host:port, got " + redisUrl);
            }
        }
        ReferenceServerConfig c = copy();
        c.redisUrl = redisUrl;
        return c;
    }

    public ReferenceServerConfig withPingInterval(Duration interval) {
        ReferenceServerConfig c = copy();
        c.pingInterval = requirePositive(interval, "ping interval");
        return c;
    }

    public ReferenceServerConfig withHeartbeatIdle(Duration idle) {
        ReferenceServerConfig c = copy();
        c.heartbeatIdle = requirePositive(idle, "heartbeat idle");
        return c;
    }

    /** A connection that has not sent a whole request this long after it opened (or began one) is closed. */
    public ReferenceServerConfig withRequestReadTimeout(Duration timeout) {
        ReferenceServerConfig c = copy();
        c.requestReadTimeout = requirePositive(timeout, "request read timeout");
        return c;
    }

    public ReferenceServerConfig withSeed(SeedData seed) {
        ReferenceServerConfig c = copy();
        c.seed = Objects.requireNonNull(seed, "seed");
        return c;
    }

    /** The X-Rate-Limit-Bypass value that skips rate limits; null = no bypass possible. */
    public ReferenceServerConfig withBypassToken(String token) {
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("bypass token must not be blank");
        }
        ReferenceServerConfig c = copy();
        c.bypassToken = token;
        return c;
    }

    /** Seed of the fault-injection random source (reproducible faults). */
    public ReferenceServerConfig withRandomSeed(long seed) {
        ReferenceServerConfig c = copy();
        c.randomSeed = seed;
        return c;
    }

    public ReferenceServerConfig withLoginConcurrency(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("login concurrency must be >= 1, got " + slots);
        }
        ReferenceServerConfig c = copy();
        c.loginConcurrency = slots;
        return c;
    }

    public ReferenceServerConfig withLoginQueueTimeout(Duration timeout) {
        ReferenceServerConfig c = copy();
        c.loginQueueTimeout = requirePositive(timeout, "login queue timeout");
        return c;
    }

    /** Session/refresh cookie names: sid_preview/rid_preview (preview, default) or sid/rid (prod). */
    public ReferenceServerConfig withCookieNames(String session, String refresh) {
        ReferenceServerConfig c = copy();
        c.sessionCookieName = requireText(session, "session cookie name");
        c.refreshCookieName = requireText(refresh, "refresh cookie name");
        return c;
    }

    /** Netty worker threads; 0 = one per core. */
    public ReferenceServerConfig withIoThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("io threads must be >= 0, got " + threads);
        }
        ReferenceServerConfig c = copy();
        c.ioThreads = threads;
        return c;
    }

    /**
     * Messages sent through a private throwaway listener before the real port opens, so that the send,
     * publish and stream-write code is JIT-compiled before the first client's message (0 = none, the default).
     */
    public ReferenceServerConfig withWarmupMessages(int messages) {
        if (messages < 0 || messages > ServerWarmup.MAX_MESSAGES) {
            throw new IllegalArgumentException("warm-up messages must be 0.." + ServerWarmup.MAX_MESSAGES + ", got " + messages);
        }
        ReferenceServerConfig c = copy();
        c.warmupMessages = messages;
        return c;
    }

    public int warmupMessages() {
        return warmupMessages;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String frontendOrigin() {
        return frontendOrigin;
    }

    public String frontendHost() {
        return URI.create(frontendOrigin).getHost();
    }

    public boolean csrfEnabled() {
        return csrfEnabled;
    }

    public boolean rateLimitEnabled() {
        return rateLimitEnabled;
    }

    public boolean tokenInBody() {
        return tokenInBody || genericSse;
    }

    public boolean genericSse() {
        return genericSse;
    }

    public String redisUrl() {
        return redisUrl;
    }

    public Duration pingInterval() {
        return pingInterval;
    }

    public Duration heartbeatIdle() {
        return heartbeatIdle;
    }

    public Duration requestReadTimeout() {
        return requestReadTimeout;
    }

    public SeedData seed() {
        return seed;
    }

    String bypassToken() {
        return bypassToken;
    }

    public boolean hasBypassToken() {
        return bypassToken != null;
    }

    public long randomSeed() {
        return randomSeed;
    }

    public int loginConcurrency() {
        return loginConcurrency;
    }

    public Duration loginQueueTimeout() {
        return loginQueueTimeout;
    }

    public String sessionCookieName() {
        return sessionCookieName;
    }

    public String refreshCookieName() {
        return refreshCookieName;
    }

    public int ioThreads() {
        return ioThreads;
    }

    @Override
    public String toString() {
        // The bypass token is a secret: only say whether there is one.
        return "ReferenceServerConfig[host=" + host + ", port=" + port + ", frontendOrigin=" + frontendOrigin
                + ", csrf=" + csrfEnabled + ", rateLimits=" + rateLimitEnabled + ", tokenInBody=" + tokenInBody() + ", genericSse=" + genericSse
                + ", redis=" + (redisUrl != null) + ", bypassToken=" + (bypassToken != null ? "set" : "none") + "]";
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }

    private static Duration requirePositive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
        return d;
    }
}
