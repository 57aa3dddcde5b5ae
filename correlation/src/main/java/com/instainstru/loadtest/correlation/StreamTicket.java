package com.instainstru.loadtest.correlation;

import java.util.HashMap;
import java.util.Map;

/**
 * One open SSE stream as the ledger sees it, from {@link DeliveryLedger#streamOpened} to
 * {@link DeliveryLedger#streamClosed}. Hand it back to the ledger with every event of that stream.
 */
public final class StreamTicket {

    final DeliveryLedger owner;
    final long generation;
    /** Unique and increasing per ledger: pending messages keep their expected streams sorted by it. */
    final int id;
    private final String name;
    private final String identity;

    private volatile long listeningNanos;
    private volatile boolean listening;
    /** Any {@code new_message} arrived: proves the server had subscribed this stream. */
    private volatile boolean sawMessage;
    private volatile long firstMessageNanos;
    /** Its {@link DeliveryFact.StreamSpan} was emitted (at close, or at test end while still open). */
    private final java.util.concurrent.atomic.AtomicBoolean spanRecorded = new java.util.concurrent.atomic.AtomicBoolean();

    /** In a reconnect outage: the connection dropped and the client is reconnecting (the server would replay). */
    private volatile boolean reconnecting;
    /** It was in a reconnect outage when it closed. */
    private volatile boolean closedWhileReconnecting;

    private volatile boolean closed;
    private volatile CloseCause closeCause;
    private volatile String closeDetail;
    private volatile long closedNanos;

    /** Last sequence seen per sender on this stream; guarded by {@code this} (normally only the reader thread). */
    private final Map<String, long[]> lastSeqBySender = new HashMap<>(4);

    StreamTicket(DeliveryLedger owner, long generation, int id, String name, String identity) {
        this.owner = owner;
        this.generation = generation;
        this.id = id;
        this.name = name;
        this.identity = identity;
    }

    /** The stream's display name, used in record messages (e.g. "emma#3"). */
    public String name() {
        return name;
    }

    /** The participant identity the stream belongs to (e.g. the account e-mail). */
    public String identity() {
        return identity;
    }

    /** True once its first event ({@code connected}) was seen. */
    public boolean isListening() {
        return listening;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Why it closed, or null while open. */
    public CloseCause closeCause() {
        return closeCause;
    }

    /** Close detail given by the caller, or null while open. */
    public String closeDetail() {
        return closeDetail;
    }

    /** True while in a reconnect outage ({@link DeliveryLedger#streamReconnecting}, until it reconnects or closes). */
    public boolean isReconnecting() {
        return reconnecting && !closed;
    }

    boolean closedWhileReconnecting() {
        return closedWhileReconnecting;
    }

    /** Synchronized with {@link #markClosed} so a close sees the outage state of the moment it happened. */
    synchronized void markReconnecting(boolean inOutage) {
        if (!closed) {
            reconnecting = inOutage;
        }
    }

    long listeningNanos() {
        return listeningNanos;
    }

    long closedNanos() {
        return closedNanos;
    }

    boolean sawMessage() {
        return sawMessage;
    }

    /** When its first message arrived; meaningful only when {@link #sawMessage()}. */
    long firstMessageNanos() {
        return firstMessageNanos;
    }

    void markSawMessage(long receivedNanos) {
        if (!sawMessage) {
            firstMessageNanos = receivedNanos; // written before the volatile flag its readers check
            sawMessage = true;
        }
    }

    /** True once, for whoever records its span. */
    boolean takeSpan() {
        return spanRecorded.compareAndSet(false, true);
    }

    /**
     * First call wins; later calls (a reconnect's second {@code connected}) keep the first time.
     * Synchronized with {@link #markClosed} so the ledger's listening count stays exact.
     *
     * @return true if this call made the stream listening
     */
    synchronized boolean markListening(long nanos) {
        if (listening || closed) {
            return false;
        }
        listeningNanos = nanos;
        listening = true;
        return true;
    }

    /**
     * Idempotent: only the first close is kept. Fields are written before the volatile flag that readers check.
     *
     * @return {@link #ALREADY_CLOSED}, {@link #CLOSED_WHILE_CONNECTING} or {@link #CLOSED_WHILE_LISTENING}
     */
    synchronized int markClosed(CloseCause cause, String detail, long nanos) {
        if (closed) {
            return ALREADY_CLOSED;
        }
        closeCause = cause;
        closeDetail = detail;
        closedNanos = nanos;
        closedWhileReconnecting = reconnecting;
        closed = true;
        return listening ? CLOSED_WHILE_LISTENING : CLOSED_WHILE_CONNECTING;
    }

    static final int ALREADY_CLOSED = -1;
    static final int CLOSED_WHILE_CONNECTING = 0;
    static final int CLOSED_WHILE_LISTENING = 1;

    /** Records a sender's sequence on this stream; true if it went backwards (out of order). */
    synchronized boolean sequenceWentBackwards(String senderKey, long seq) {
        long[] last = lastSeqBySender.get(senderKey);
        if (last == null) {
            lastSeqBySender.put(senderKey, new long[] {seq});
            return false;
        }
        if (seq < last[0]) {
            return true;
        }
        last[0] = seq;
        return false;
    }

    @Override
    public String toString() {
        return "StreamTicket{" + name + ", identity=" + identity + (closed ? ", " + closeCause : reconnecting ? ", reconnecting" : listening ? ", listening" : ", connecting") + '}';
    }
}
