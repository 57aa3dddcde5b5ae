package com.instainstru.loadtest.refserver;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Opaque session tokens (cookie or Bearer) and one-time SSE tokens with a 30 s lifetime. */
final class SessionStore {
    static final long SSE_TOKEN_TTL_MILLIS = 30_000;

    private record SseToken(String userId, long expiresAtNanos) {
    }

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, String> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SseToken> sseTokens = new ConcurrentHashMap<>();

    String newSession(String userId) {
        String token = randomToken();
        sessions.put(token, userId);
        return token;
    }

    Optional<String> userForSession(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(sessions.get(token));
    }

    String newSseToken(String userId) {
        purgeExpiredSseTokens();
        String token = randomToken();
        sseTokens.put(token, new SseToken(userId, System.nanoTime() + SSE_TOKEN_TTL_MILLIS * 1_000_000));
        return token;
    }

    /** Consumes the token: valid once, and only within its lifetime. */
    Optional<String> redeemSseToken(String token) {
        SseToken t = token == null ? null : sseTokens.remove(token);
        if (t == null || System.nanoTime() - t.expiresAtNanos() > 0) {
            return Optional.empty();
        }
        return Optional.of(t.userId());
    }

    String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void purgeExpiredSseTokens() {
        if (sseTokens.size() > 10_000) {
            long now = System.nanoTime();
            sseTokens.values().removeIf(t -> now - t.expiresAtNanos() > 0);
        }
    }
}
