package com.instainstru.loadtest.correlation;

import java.util.Objects;
import java.util.Optional;

/**
 * The correlation token a sender puts into a message's {@code content}:
 * {@code e2e.<engineId>.<senderId>.<seq>.<epochMicros>}, e.g. {@code e2e.k3x9q2.t12.4711.1764235205123456}.
 *
 * <ul>
 *   <li>{@code engineId}: lower-case base36, 1..13 chars, random per JVM — tells which JMeter engine sent it;</li>
 *   <li>{@code senderId}: {@code [A-Za-z0-9_-]}, 1..32 chars — the sending virtual user (out-of-order detection
 *       is per sender, so one id per sending thread);</li>
 *   <li>{@code seq}: decimal, unique per engine — the ledger's lookup key;</li>
 *   <li>{@code epochMicros}: decimal wall-clock send time — lets another engine measure a wall-clock latency.</li>
 * </ul>
 * Every character is URL- and JSON-safe, so the token appears verbatim inside the event's JSON and can be found
 * with a plain {@code indexOf} — no JSON parsing on the SSE reader thread.
 */
public final class CorrelationToken {

    /** Literal start of every token. */
    public static final String PREFIX = "e2e.";
    /** Content prefix used by {@link #contentFor(String, CorrelationToken)} callers by default (the old suite used "locust-e2e"). */
    public static final String DEFAULT_CONTENT_PREFIX = "jmeter-e2e";
    static final int MAX_ENGINE_ID_LENGTH = 13;
    static final int MAX_SENDER_ID_LENGTH = 32;
    /** 18 digits always fit a long, so parsing can never overflow. */
    static final int MAX_NUMBER_DIGITS = 18;

    private final String engineId;
    private final String senderId;
    private final long seq;
    private final long epochMicros;

    private CorrelationToken(String engineId, String senderId, long seq, long epochMicros) {
        this.engineId = engineId;
        this.senderId = senderId;
        this.seq = seq;
        this.epochMicros = epochMicros;
    }

    /**
     * Builds a token, validating every part.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static CorrelationToken of(String engineId, String senderId, long seq, long epochMicros) {
        requireEngineId(engineId);
        requireSenderId(senderId);
        if (seq < 0 || Long.toString(seq).length() > MAX_NUMBER_DIGITS) {
            throw new IllegalArgumentException("seq must be 0.." + "9".repeat(MAX_NUMBER_DIGITS) + ", got " + seq);
        }
        if (epochMicros < 0 || Long.toString(epochMicros).length() > MAX_NUMBER_DIGITS) {
            throw new IllegalArgumentException("epochMicros must be 0.." + "9".repeat(MAX_NUMBER_DIGITS) + ", got " + epochMicros);
        }
        return new CorrelationToken(engineId, senderId, seq, epochMicros);
    }

    /** @throws IllegalArgumentException unless the id is 1..13 chars of lower-case base36 */
    static String requireEngineId(String engineId) {
        if (engineId == null || engineId.isEmpty() || engineId.length() > MAX_ENGINE_ID_LENGTH) {
            throw new IllegalArgumentException("engineId must be 1.." + MAX_ENGINE_ID_LENGTH
                    + " chars of [0-9a-z], got " + quote(engineId));
        }
        for (int i = 0; i < engineId.length(); i++) {
            if (!isEngineChar(engineId.charAt(i))) {
                throw new IllegalArgumentException("engineId must be 1.." + MAX_ENGINE_ID_LENGTH
                        + " chars of [0-9a-z], got " + quote(engineId));
            }
        }
        return engineId;
    }

    /** @throws IllegalArgumentException unless the id is 1..32 chars of {@code [A-Za-z0-9_-]} */
    static String requireSenderId(String senderId) {
        if (senderId == null || senderId.isEmpty() || senderId.length() > MAX_SENDER_ID_LENGTH) {
            throw new IllegalArgumentException("senderId must be 1.." + MAX_SENDER_ID_LENGTH
                    + " chars of [A-Za-z0-9_-], got " + quote(senderId));
        }
        for (int i = 0; i < senderId.length(); i++) {
            if (!isSenderChar(senderId.charAt(i))) {
                throw new IllegalArgumentException("senderId must be 1.." + MAX_SENDER_ID_LENGTH
                        + " chars of [A-Za-z0-9_-], got " + quote(senderId));
            }
        }
        return senderId;
    }

    private static String quote(String s) {
        return s == null ? "null" : '"' + s + '"';
    }

    /**
     * Parses a string that must be exactly one token.
     *
     * @throws IllegalArgumentException if it is not a well-formed token
     */
    public static CorrelationToken parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("token text must not be null");
        }
        TokenView view = new TokenView();
        if (!view.parseAt(text, 0) || view.end != text.length()) {
            throw new IllegalArgumentException("not a well-formed correlation token (" + PREFIX
                    + "<engineId>.<senderId>.<seq>.<epochMicros>): " + quote(text));
        }
        return view.toToken(text);
    }

    /**
     * Finds the first well-formed token in a text, e.g. the raw JSON {@code data} of a {@code new_message} event.
     * Copes with JSON escapes next to the token ({@code \"}, {@code \n}) and skips malformed candidates.
     *
     * @return the token, or empty if the text holds none (or is null)
     */
    public static Optional<CorrelationToken> findIn(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        TokenView view = new TokenView();
        return view.find(text) ? Optional.of(view.toToken(text)) : Optional.empty();
    }

    /**
     * Message content carrying a token: {@code prefix + ":" + token}, or the bare token for an empty prefix.
     *
     * @param prefix e.g. {@link #DEFAULT_CONTENT_PREFIX}; must not be null
     */
    public static String contentFor(String prefix, CorrelationToken token) {
        if (prefix == null) {
            throw new IllegalArgumentException("content prefix must not be null (use \"\" for none)");
        }
        if (token == null) {
            throw new IllegalArgumentException("token must not be null");
        }
        return prefix.isEmpty() ? token.render() : prefix + ':' + token.render();
    }

    /** The token's text, {@code e2e.<engineId>.<senderId>.<seq>.<epochMicros>}. */
    public String render() {
        return PREFIX + engineId + '.' + senderId + '.' + seq + '.' + epochMicros;
    }

    public String engineId() {
        return engineId;
    }

    public String senderId() {
        return senderId;
    }

    public long seq() {
        return seq;
    }

    /** Wall-clock send time in microseconds since the epoch. */
    public long epochMicros() {
        return epochMicros;
    }

    static boolean isEngineChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
    }

    static boolean isSenderChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CorrelationToken)) {
            return false;
        }
        CorrelationToken other = (CorrelationToken) o;
        return seq == other.seq && epochMicros == other.epochMicros
                && engineId.equals(other.engineId) && senderId.equals(other.senderId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(engineId, senderId, seq, epochMicros);
    }

    @Override
    public String toString() {
        return render();
    }
}
