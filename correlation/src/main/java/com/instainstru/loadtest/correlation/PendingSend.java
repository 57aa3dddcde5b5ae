package com.instainstru.loadtest.correlation;

import java.util.List;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A message between {@link DeliveryLedger#beginSend} and the decision on its fan-out. Put {@link #content()}
 * (or {@link #token()}) into the POST body, then report the outcome with {@code sendSucceeded}/{@code sendFailed}.
 *
 * <p>Internally it holds the expected streams (sorted by ticket id for a binary search from the reader thread)
 * and one atomic state per stream slot, so concurrent readers never take a lock to record a delivery; whoever
 * resolves the last slot completes the message.
 */
public final class PendingSend {

    static final int PENDING = 0;
    static final int DELIVERED = 1;
    static final int LOST_CLOSED = 2;
    static final int LOST_EXPIRED = 3;
    static final int LOST_TEST_END = 4;
    static final int RACE_MISS = 5;
    static final int CLOSED_BY_CLIENT = 6;
    static final int TEST_END_IN_FLIGHT = 7;
    /** Closed (per its close time) before the send: was not really open, so not expected at all. */
    static final int CLOSED_BEFORE_SEND = 8;
    /** The client closed the stream during a reconnect outage: the server would have replayed it, so unobserved. */
    static final int CLOSED_BY_CLIENT_RECONNECTING = 9;

    static final int OPEN = 0;
    static final int COMPLETED = 1;
    static final int WITHDRAWN = 2;

    final DeliveryLedger owner;
    final long generation;
    final CorrelationToken token;
    final String tokenText;
    final String contentPrefix;
    final String conversationId;
    final String senderIdentity;
    /** "engine.sender", the out-of-order key. */
    final String senderKey;
    /**
     * Monotonic send time: stamped at {@code beginSend}, moved later by {@code DeliveryLedger#requestStarted}
     * to when the request starts going out. Volatile: the reader threads that compute latency read it.
     */
    volatile long sendNanos;
    final long sendEpochMicros;
    final long deadlineNanos;

    final StreamTicket[] expected;
    final int[] expectedIds;
    final boolean[] raceCandidate;
    final AtomicIntegerArray slotState;
    final AtomicLongArray resolvedNanos;
    final AtomicInteger unresolved;
    final AtomicInteger lifecycle = new AtomicInteger(OPEN);
    /** Taken by whoever emits (or forgoes) the e2e_full_latency record; at most one per message. */
    final AtomicBoolean firstTaken = new AtomicBoolean();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger outOfOrder = new AtomicInteger();
    /** Set when the ledger stops tracking it, so stragglers become LATE. */
    volatile boolean removed;
    volatile String messageId;
    volatile String endReason;
    /** The conversation's declared participants at send (empty: none declared); for the sent fact. */
    List<String> declaredParticipants = List.of();
    /**
     * The sent fact waits for two things, in either order: the send's success and the decision on the own
     * fan-out. Whoever brings it to 0 emits it; a failed send closes the gate for good.
     */
    final AtomicInteger factGate = new AtomicInteger(2);
    volatile DeliveryFact.OwnFanout ownFanout = DeliveryFact.OwnFanout.NONE;

    PendingSend(DeliveryLedger owner, long generation, CorrelationToken token, String contentPrefix,
                String conversationId, String senderIdentity, long sendNanos, long sendEpochMicros, long deadlineNanos,
                StreamTicket[] expectedSorted, long raceWindowNanos) {
        this.owner = owner;
        this.generation = generation;
        this.token = token;
        this.tokenText = token.render();
        this.contentPrefix = contentPrefix;
        this.conversationId = conversationId;
        this.senderIdentity = senderIdentity;
        this.senderKey = owner.canonicalSenderKey(token.engineId() + '.' + token.senderId());
        this.sendNanos = sendNanos;
        this.sendEpochMicros = sendEpochMicros;
        this.deadlineNanos = deadlineNanos;
        this.expected = expectedSorted;
        this.expectedIds = new int[expectedSorted.length];
        for (int i = 0; i < expectedSorted.length; i++) {
            expectedIds[i] = expectedSorted[i].id;
        }
        // Saw connected within the race window and no message yet: the server may not have subscribed it.
        this.raceCandidate = new boolean[expectedSorted.length];
        for (int i = 0; i < expectedSorted.length; i++) {
            StreamTicket t = expectedSorted[i];
            raceCandidate[i] = !t.sawMessage() && sendNanos - t.listeningNanos() < raceWindowNanos;
        }
        this.slotState = new AtomicIntegerArray(expectedSorted.length);
        this.resolvedNanos = new AtomicLongArray(expectedSorted.length);
        this.unresolved = new AtomicInteger(expectedSorted.length);
    }

    /** The token text to put into the message content. */
    public String token() {
        return tokenText;
    }

    /** The parsed token. */
    public CorrelationToken correlationToken() {
        return token;
    }

    /** Ready-made content: {@code <prefix>:<token>} with the ledger's content prefix ("jmeter-e2e"). */
    public String content() {
        return CorrelationToken.contentFor(contentPrefix, token);
    }

    public String conversationId() {
        return conversationId;
    }

    public String senderIdentity() {
        return senderIdentity;
    }

    /** Wall-clock send time in epoch milliseconds (the sample start time). */
    public long sendEpochMillis() {
        return sendEpochMicros / 1000;
    }

    /** Streams expected to get the message (open for a participant at send time, race candidates included). */
    public int expectedStreams() {
        return expected.length;
    }

    /** How many of the expected streams were race candidates (not yet safely subscribed) at send time. */
    public int raceCandidates() {
        int n = 0;
        for (boolean candidate : raceCandidate) {
            if (candidate) {
                n++;
            }
        }
        return n;
    }

    /** What its records say about it; {@code messageId} is the best id known when the record is made. */
    LedgerRecord.Sent sent(String messageId) {
        return new LedgerRecord.Sent(tokenText, messageId, conversationId, sendEpochMicros / 1000);
    }

    /** How the slot of a stream that closed without the message ends. */
    int stateOnClose(int slot, StreamTicket t, long closeGraceNanos) {
        long sinceSend = t.closedNanos() - sendNanos;
        if (sinceSend <= 0) {
            return CLOSED_BEFORE_SEND;
        } else if (raceCandidate[slot]) {
            return RACE_MISS;
        } else if (t.closeCause() == CloseCause.CLIENT && t.closedWhileReconnecting()) {
            return CLOSED_BY_CLIENT_RECONNECTING;
        } else if (t.closeCause() == CloseCause.CLIENT && sinceSend <= closeGraceNanos) {
            return CLOSED_BY_CLIENT;
        }
        return LOST_CLOSED;
    }

    /** Slot of a ticket among the expected streams, or a negative number. */
    int slotOf(StreamTicket ticket) {
        int lo = 0;
        int hi = expectedIds.length - 1;
        int key = ticket.id;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = expectedIds[mid];
            if (v < key) {
                lo = mid + 1;
            } else if (v > key) {
                hi = mid - 1;
            } else {
                return expected[mid] == ticket ? mid : -1;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "PendingSend{" + tokenText + ", conversation=" + conversationId + ", expected=" + expected.length + '}';
    }
}
