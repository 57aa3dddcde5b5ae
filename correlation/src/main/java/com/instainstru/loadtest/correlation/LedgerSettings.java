package com.instainstru.loadtest.correlation;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * Immutable settings of a {@link DeliveryLedger}. Build with {@link #builder()}; {@link #defaults()} gives
 * a 10 s pending timeout, a 1 s race window, a 2 s close grace and this JVM's engine id.
 */
public final class LedgerSettings {

    /** Default pending timeout, as the old suite's {@code LOADTEST_E2E_TIMEOUT_SECONDS} default. */
    public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RACE_WINDOW = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(2);
    /** Completed records waiting for {@link DeliveryLedger#poll}; beyond this they are dropped and counted. */
    public static final int DEFAULT_RECORD_QUEUE_CAPACITY = 1_000_000;

    private static final String JVM_ENGINE_ID = randomEngineId();

    private final Duration pendingTimeout;
    private final Duration raceWindow;
    private final Duration closeGrace;
    private final String engineId;
    private final int recordQueueCapacity;
    private final String contentPrefix;

    private LedgerSettings(Builder b) {
        this.pendingTimeout = b.pendingTimeout;
        this.raceWindow = b.raceWindow;
        this.closeGrace = b.closeGrace;
        this.engineId = b.engineId;
        this.recordQueueCapacity = b.recordQueueCapacity;
        this.contentPrefix = b.contentPrefix;
    }

    public static LedgerSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().pendingTimeout(pendingTimeout).raceWindow(raceWindow).closeGrace(closeGrace)
                .engineId(engineId).recordQueueCapacity(recordQueueCapacity).contentPrefix(contentPrefix);
    }

    /** The random engine id of this JVM: 8 chars of base36, fixed for the JVM's life. */
    public static String jvmEngineId() {
        return JVM_ENGINE_ID;
    }

    private static String randomEngineId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            id.append(Character.forDigit(random.nextInt(36), 36));
        }
        return id.toString();
    }

    /** How long a message is tracked after its send; then undelivered expected streams count as lost. */
    public Duration pendingTimeout() {
        return pendingTimeout;
    }

    /**
     * A stream whose {@code connected} event came less than this before a send and that had received no message
     * yet may not be subscribed yet (protocol §4); if it misses the message it is a race miss, not a loss.
     */
    public Duration raceWindow() {
        return raceWindow;
    }

    /**
     * A stream the client closed within this time after a send, without the message, was probably closed while the
     * message was in flight: "unobserved: closed by client", not a loss.
     */
    public Duration closeGrace() {
        return closeGrace;
    }

    /** Engine id written into tokens; tells this JVM's messages from other engines'. */
    public String engineId() {
        return engineId;
    }

    public int recordQueueCapacity() {
        return recordQueueCapacity;
    }

    /** Prefix of {@link PendingSend#content()}: {@code <prefix>:<token>}; default "jmeter-e2e". */
    public String contentPrefix() {
        return contentPrefix;
    }

    @Override
    public String toString() {
        return "LedgerSettings{pendingTimeout=" + pendingTimeout + ", raceWindow=" + raceWindow
                + ", closeGrace=" + closeGrace + ", engineId=" + engineId
                + ", recordQueueCapacity=" + recordQueueCapacity + ", contentPrefix=" + contentPrefix + '}';
    }

    /** Builder; every setter validates at once and throws {@link IllegalArgumentException} with the reason. */
    public static final class Builder {
        private Duration pendingTimeout = DEFAULT_PENDING_TIMEOUT;
        private Duration raceWindow = DEFAULT_RACE_WINDOW;
        private Duration closeGrace = DEFAULT_CLOSE_GRACE;
        private String engineId = JVM_ENGINE_ID;
        private int recordQueueCapacity = DEFAULT_RECORD_QUEUE_CAPACITY;
        private String contentPrefix = CorrelationToken.DEFAULT_CONTENT_PREFIX;

        private Builder() {
        }

        /** Must be positive. */
        public Builder pendingTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("pendingTimeout must be positive, got " + timeout);
            }
            this.pendingTimeout = timeout;
            return this;
        }

        /** Convenience for {@code LOADTEST_E2E_TIMEOUT_SECONDS}; must be positive. */
        public Builder pendingTimeoutSeconds(double seconds) {
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("pendingTimeout seconds must be positive and finite, got " + seconds);
            }
            return pendingTimeout(Duration.ofNanos(Math.round(seconds * 1e9)));
        }

        /** Zero or positive; with zero only streams still waiting for their {@code connected} event are race candidates. */
        public Builder raceWindow(Duration window) {
            if (window == null || window.isNegative()) {
                throw new IllegalArgumentException("raceWindow must be zero or positive, got " + window);
            }
            this.raceWindow = window;
            return this;
        }

        /** Zero or positive; zero makes every client close without the message a loss. */
        public Builder closeGrace(Duration grace) {
            if (grace == null || grace.isNegative()) {
                throw new IllegalArgumentException("closeGrace must be zero or positive, got " + grace);
            }
            this.closeGrace = grace;
            return this;
        }

        /** 1..13 chars of lower-case base36. */
        public Builder engineId(String id) {
            this.engineId = CorrelationToken.requireEngineId(id);
            return this;
        }

        /** At least 1. */
        public Builder recordQueueCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("recordQueueCapacity must be at least 1, got " + capacity);
            }
            this.recordQueueCapacity = capacity;
            return this;
        }

        /** Up to 100 printable characters, may be empty (then the content is the bare token). */
        public Builder contentPrefix(String prefix) {
            if (prefix == null || prefix.length() > 100 || prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("contentPrefix must be 0..100 printable characters, got "
                        + (prefix == null ? "null" : '"' + prefix + '"'));
            }
            this.contentPrefix = prefix;
            return this;
        }

        public LedgerSettings build() {
            return new LedgerSettings(this);
        }
    }
}
