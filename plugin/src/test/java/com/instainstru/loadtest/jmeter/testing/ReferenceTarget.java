package com.instainstru.loadtest.jmeter.testing;

import java.util.UUID;
import java.util.function.UnaryOperator;

import com.instainstru.loadtest.refserver.ReferenceServer;
import com.instainstru.loadtest.refserver.ReferenceServerConfig;
import com.instainstru.loadtest.refserver.SeedData;

/**
 * The reference server on 127.0.0.1 and a free port, with rate limits on and a fresh random bypass token that
 * the tests hand to the samplers as a plain value (never a real secret).
 */
public final class ReferenceTarget implements AutoCloseable {

    public static final String SARAH = "sarah.chen@example.com";
    public static final String EMMA = "emma.johnson@example.com";
    public static final String TWO_FA = "twofa.user@example.com";
    public static final String PASSWORD = SeedData.DEFAULT_PASSWORD;
    public static final String CONVERSATION = SeedData.CONVERSATION_ID;

    private final ReferenceServer server;
    private final String bypassToken;

    private ReferenceTarget(ReferenceServer server, String bypassToken) {
        this.server = server;
        this.bypassToken = bypassToken;
    }

    public static ReferenceTarget start() {
        return start(UnaryOperator.identity());
    }

    /** Starts with the defaults changed by {@code adjust} (port and bypass token are set here). */
    public static ReferenceTarget start(UnaryOperator<ReferenceServerConfig> adjust) {
        String token = "test-bypass-" + UUID.randomUUID();
        ReferenceServerConfig config = adjust.apply(ReferenceServerConfig.defaults()
                .withHost("127.0.0.1").withPort(0).withBypassToken(token));
        return new ReferenceTarget(ReferenceServer.start(config), token);
    }

    public ReferenceServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public String bypassToken() {
        return bypassToken;
    }

    public String frontendOrigin() {
        return server.config().frontendOrigin();
    }

    @Override
    public void close() {
        server.close();
    }
}
