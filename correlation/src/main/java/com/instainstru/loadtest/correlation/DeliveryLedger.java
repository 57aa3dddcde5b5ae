package com.instainstru.loadtest.correlation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * End-to-end message correlation and delivery accounting for one JVM (one JMeter engine).
 *
 * <h2>Flow</h2>
 * <ol>
 *   <li>Streams register with {@link #streamOpened}, become listening at their first event ({@link #streamListening}),
 *       report every {@code new_message} with {@link #delivered} from their reader thread, and end with
 *       {@link #streamClosed}.</li>
 *   <li>A sender calls {@link #beginSend} <em>before</em> the POST (the server publishes before it answers, so the
 *       event can arrive before the response): it stamps the send time, snapshots the expected streams and returns
 *       the token to put into the content. Then {@link #sendSucceeded} or {@link #sendFailed}.</li>
 *   <li>Records come out of {@link #poll}: one {@code e2e_full_latency} per message at its first delivery in this
 *       JVM, one {@code e2e_fanout_complete} per message when every expected stream is accounted for, one
 *       {@code e2e_cross_engine_latency} per message of another engine.</li>
 * </ol>
 *
 * <h2>Expected streams and their classification</h2>
 * The expected streams of a message are all streams open at send time whose identity is a participant of the
 * conversation ({@link #setParticipants}; without participants, the sender alone), the sender's own streams
 * included (the backend fans out to the sender too). Each expected stream ends in exactly one class:
 * <ul>
 *   <li><b>delivered</b> — it got the message;</li>
 *   <li><b>missed: subscription race</b> (not an error) — it was a <em>race candidate</em> at send time and never got
 *       the message. The backend sends {@code connected} before it subscribes to Redis (protocol §4), so a stream is
 *       a race candidate if it saw {@code connected} less than {@code raceWindow} before the send and had not
 *       received any message yet (a received message proves the subscription). Streams that had not seen
 *       {@code connected} at all are not expected;</li>
 *   <li><b>unobserved: closed by client</b> (not an error) — the client closed it at most {@code closeGrace} after
 *       the send (the hold time ended while the message was in flight), or the test ended ({@link #flushAll}) at
 *       most {@code closeGrace} after the send, or the client closed it during a reconnect outage
 *       ({@link #streamReconnecting}: the server would have replayed it from {@code Last-Event-ID});</li>
 *   <li><b>lost</b> (the fan-out record fails) — it closed by server EOF, error or timeout without the message, the
 *       client closed it later than the grace, it was still open without the message after {@code pendingTimeout},
 *       or the test ended later than the grace after the send.</li>
 * </ul>
 * A stream whose close time is at or before the send was not really open and is not expected. Deliveries to streams
 * that opened after the send are counted (unexpected) but never make a record fail.
 *
 * <h2>Memory and expiry</h2>
 * Messages are tracked in a concurrent map keyed by sequence number until {@code pendingTimeout} after the send
 * (completed ones too, so duplicates and stragglers are still recognised), then removed. Expiry runs inside calls
 * ({@link #poll}, {@link #delivered}, {@link #beginSend}, {@link #expireOverdue}) against the injected monotonic
 * clock; there is no background thread. Deliveries of this engine's messages after removal count as late.
 *
 * <h2>Threading</h2>
 * Every method is thread-safe. {@link #delivered} takes no lock shared between streams: a token lookup in a
 * {@link ConcurrentHashMap}, a binary search over the message's expected streams and one CAS on that stream's slot.
 */
public final class DeliveryLedger {

    /** How often the hot path looks at the expiry queue. */
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Streams named per class in a record message before "and N more". */
    private static final int MAX_NAMED_STREAMS = 5;

    private static volatile DeliveryLedger shared;

    private final NanoClock clock;
    private final WallClock wall;
    private volatile LedgerSettings settings;

    private final AtomicLong seqCounter = new AtomicLong();
    /** Own-engine tokens below this were issued before the last {@link #reset()}. */
    private volatile long seqFloor = 1;
    private volatile long generation;
    private final AtomicInteger ticketIds = new AtomicInteger();

    private final ConcurrentHashMap<String, Set<StreamTicket>> streamsByIdentity = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> participantsByConversation = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, PendingSend> tracked = new ConcurrentHashMap<>();
    /** Insertion (send) order, so the head is always the next to expire. */
    private final ConcurrentLinkedQueue<PendingSend> expiryQueue = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, Boolean> foreignSeen = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<ForeignToken> foreignExpiry = new ConcurrentLinkedQueue<>();
    private final LinkedBlockingQueue<LedgerRecord> records = new LinkedBlockingQueue<>();

    private final ReentrantLock sweepLock = new ReentrantLock();
    private volatile long nextSweepNanos;

    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicInteger streamsOpen = new AtomicInteger();
    private final AtomicInteger streamsListening = new AtomicInteger();
    private final LongAdder sent = new LongAdder();
    private final LongAdder sendFailedCount = new LongAdder();
    private final LongAdder firstDeliveries = new LongAdder();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder expectedDeliveries = new LongAdder();
    private final LongAdder unexpectedStreamDeliveries = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder raceMisses = new LongAdder();
    private final LongAdder closedByClient = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder unobserved = new LongAdder();
    /** Messages that had no expected stream at send time (nobody listening); also counted in {@link #unobserved}. */
    private final LongAdder sentWithNoStreamListening = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder unknownTokens = new LongAdder();
    private final LongAdder noToken = new LongAdder();
    private final LongAdder crossEngine = new LongAdder();
    private final LongAdder crossEngineDeliveries = new LongAdder();
    private final LongAdder droppedRecords = new LongAdder();

    private record ForeignToken(String token, long deadlineNanos) {
    }

    /**
     * A ledger with its own clocks, for tests and benchmarks.
     *
     * @throws IllegalArgumentException if any argument is null
     */
    public DeliveryLedger(LedgerSettings settings, NanoClock clock, WallClock wall) {
        this.settings = requireNonNull(settings, "settings");
        this.clock = requireNonNull(clock, "clock");
        this.wall = requireNonNull(wall, "wall clock");
        this.nextSweepNanos = clock.nanoTime();
    }

    /** The JVM-wide ledger (one per JMeter engine), created on first use with {@link LedgerSettings#defaults()}. */
    public static DeliveryLedger shared() {
        DeliveryLedger ledger = shared;
        if (ledger == null) {
            synchronized (DeliveryLedger.class) {
                ledger = shared;
                if (ledger == null) {
                    ledger = new DeliveryLedger(LedgerSettings.defaults(), NanoClock.SYSTEM, WallClock.SYSTEM);
                    shared = ledger;
                }
            }
        }
        return ledger;
    }

    /**
     * Applies new settings; call before a test starts. Messages already sent keep the deadline they got at send.
     * Changing the engine id mid-test would make this engine's in-flight tokens look foreign; don't.
     */
    public void configure(LedgerSettings newSettings) {
        this.settings = requireNonNull(newSettings, "settings");
    }

    public LedgerSettings settings() {
        return settings;
    }

    /**
     * Declares who takes part in a conversation (identities are opaque, e.g. account e-mails). A message in that
     * conversation then expects every open stream of each of them, and the sender's own streams.
     *
     * @throws IllegalArgumentException for a null/blank conversation id, a null/empty collection or a null/blank identity
     */
    public void setParticipants(String conversationId, Collection<String> identities) {
        requireText(conversationId, "conversationId");
        if (identities == null || identities.isEmpty()) {
            throw new IllegalArgumentException("participants of conversation " + conversationId + " must not be null or empty");
        }
        Set<String> copy = new LinkedHashSet<>();
        for (String identity : identities) {
            copy.add(requireText(identity, "participant identity of conversation " + conversationId));
        }
        participantsByConversation.put(conversationId, Set.copyOf(copy));
    }

    /**
     * Registers a stream that is being opened (before its response or first event).
     *
     * @param streamName shown in record messages, e.g. "emma#3"
     * @param identity the participant the stream authenticates as
     */
    public StreamTicket streamOpened(String streamName, String identity) {
        requireText(streamName, "streamName");
        requireText(identity, "identity");
        StreamTicket ticket = new StreamTicket(this, generation, ticketIds.incrementAndGet(), streamName, identity);
        streamsByIdentity.computeIfAbsent(identity, k -> ConcurrentHashMap.newKeySet()).add(ticket);
        streamsOpen.incrementAndGet();
        return ticket;
    }

    /** The stream's first event ({@code connected}) arrived at {@code nanos}; later calls are ignored. */
    public void streamListening(StreamTicket ticket, long nanos) {
        checkTicket(ticket);
        if (ticket.markListening(nanos)) {
            streamsListening.incrementAndGet();
        }
    }

    /**
     * The stream's connection dropped at {@code nanos} and the client is reconnecting (with {@code Last-Event-ID},
     * so the server replays what it missed). Messages owed to it stay pending; if the client closes it before it
     * reconnects, they are unobserved rather than lost, whatever the close grace. Ignored once closed.
     */
    public void streamReconnecting(StreamTicket ticket, long nanos) {
        checkTicket(ticket);
        ticket.markReconnecting(true);
    }

    /** The stream reconnected at {@code nanos}, ending the outage begun by {@link #streamReconnecting}. */
    public void streamReconnected(StreamTicket ticket, long nanos) {
        checkTicket(ticket);
        ticket.markReconnecting(false);
    }

    /**
     * The stream ended at {@code nanos}. Every message still waiting for it is decided for it now: race miss,
     * unobserved (client close within the grace) or lost. Idempotent; a ticket from before {@link #reset()} is ignored.
     *
     * @param detail free text for record messages (e.g. the I/O error); may be null
     */
    public void streamClosed(StreamTicket ticket, CloseCause cause, String detail, long nanos) {
        checkOwner(ticket);
        requireNonNull(cause, "close cause");
        if (ticket.generation != generation) {
            return;
        }
        int previous = ticket.markClosed(cause, detail == null ? "" : detail.strip(), nanos);
        if (previous == StreamTicket.ALREADY_CLOSED) {
            return;
        }
        Set<StreamTicket> streams = streamsByIdentity.get(ticket.identity());
        if (streams != null) {
            streams.remove(ticket);
        }
        streamsOpen.decrementAndGet();
        if (previous == StreamTicket.CLOSED_WHILE_LISTENING) {
            streamsListening.decrementAndGet();
        }
        for (PendingSend p : tracked.values()) {
            if (p.lifecycle.get() == PendingSend.OPEN) {
                int slot = p.slotOf(ticket);
                if (slot >= 0 && p.slotState.get(slot) == PendingSend.PENDING) {
                    resolveClosed(p, slot, ticket);
                }
            }
        }
        maybeSweep(clock.nanoTime());
    }

    /**
     * Starts a send: stamps the monotonic and wall-clock send time, snapshots the expected streams and issues the
     * token. Call it immediately before the POST goes out.
     *
     * @param senderIdentity the participant sending (its own streams are expected too)
     * @param senderId short token-safe id of the sending virtual user ({@code [A-Za-z0-9_-]{1,32}}, e.g. "t12");
     *        out-of-order detection is per sender, so use one per sending thread
     * @throws IllegalArgumentException for null/blank ids or a senderId with other characters
     */
    public PendingSend beginSend(String conversationId, String senderIdentity, String senderId) {
        requireText(conversationId, "conversationId");
        requireText(senderIdentity, "senderIdentity");
        CorrelationToken.requireSenderId(senderId);
        LedgerSettings s = settings;
        maybeSweep(clock.nanoTime());

        long seq = seqCounter.incrementAndGet();
        long sendNanos = clock.nanoTime();
        long sendEpochMicros = wall.epochMicros();
        CorrelationToken token = CorrelationToken.of(s.engineId(), senderId, seq, sendEpochMicros);

        StreamTicket[] expected = snapshotOpenStreams(participantsOf(conversationId, senderIdentity));
        boolean[] raceCandidate = new boolean[expected.length];
        long raceWindowNanos = s.raceWindow().toNanos();
        for (int i = 0; i < expected.length; i++) {
            StreamTicket t = expected[i];
            raceCandidate[i] = !t.sawMessage() && sendNanos - t.listeningNanos() < raceWindowNanos;
        }
        PendingSend p = new PendingSend(this, generation, token, s.contentPrefix(), conversationId, senderIdentity,
                sendNanos, sendEpochMicros, sendNanos + s.pendingTimeout().toNanos(), expected, raceCandidate);
        pendingCount.incrementAndGet();
        sent.increment();
        tracked.put(seq, p);
        expiryQueue.add(p);
        // A stream may have closed between the snapshot and the put; its close scan could not see p yet.
        for (int i = 0; i < expected.length; i++) {
            if (expected[i].isClosed()) {
                resolveClosed(p, i, expected[i]);
            }
        }
        return p;
    }

    /** Open streams of the identities, sorted by ticket id (a primitive sort: this runs per send over up to 10^4 streams). */
    private StreamTicket[] snapshotOpenStreams(Set<String> identities) {
        List<StreamTicket> streams = new ArrayList<>();
        for (String identity : identities) {
            Set<StreamTicket> ofIdentity = streamsByIdentity.get(identity);
            if (ofIdentity != null) {
                for (StreamTicket t : ofIdentity) {
                    // Only streams already listening are expected: one still waiting for its response cannot
                    // be subscribed yet, and a delivery to it is a bonus, not a miss.
                    if (!t.isClosed() && t.isListening()) {
                        streams.add(t);
                    }
                }
            }
        }
        long[] idAndIndex = new long[streams.size()];
        for (int i = 0; i < idAndIndex.length; i++) {
            idAndIndex[i] = ((long) streams.get(i).id << 32) | i;
        }
        Arrays.sort(idAndIndex);
        StreamTicket[] sorted = new StreamTicket[idAndIndex.length];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = streams.get((int) idAndIndex[i]);
        }
        return sorted;
    }

    private Set<String> participantsOf(String conversationId, String senderIdentity) {
        Set<String> declared = participantsByConversation.get(conversationId);
        if (declared == null) {
            return Set.of(senderIdentity);
        }
        if (declared.contains(senderIdentity)) {
            return declared;
        }
        Set<String> withSender = new LinkedHashSet<>(declared);
        withSender.add(senderIdentity);
        return withSender;
    }

    /**
     * The request carrying the token starts going out now: the send time moves from {@link #beginSend} to this
     * moment, so that building the request on the client (body, headers, HTTP client call setup, a few hundred
     * microseconds when that code is still cold) is not counted as delivery latency. Call it from the HTTP
     * client's "request headers start" hook, before any byte is written, so no delivery can precede it. Only
     * moves the time later, and not once a delivery of the message has been recorded; the token's wall-clock
     * time (cross-engine latency) and the pending deadline stay as stamped at {@code beginSend}.
     *
     * @throws IllegalArgumentException for a null send or one of another ledger
     */
    public void requestStarted(PendingSend p) {
        checkSend(p);
        long now = clock.nanoTime();
        if (!p.firstTaken.get() && now - p.sendNanos > 0) {
            p.sendNanos = now;
        }
    }

    /**
     * The POST succeeded; the server's message id, when it gave one, is attached to later records. Without one
     * (a 2xx whose body has no id) the message is still expected and matched by its token, which is how every
     * delivery is found; its records then carry the SSE event id of the first delivery, or none.
     *
     * @param messageId the server's id; null or blank when the answer had none
     * @throws IllegalArgumentException for a null send or one of another ledger
     */
    public void sendSucceeded(PendingSend p, String messageId) {
        checkSend(p);
        if (messageId != null && !messageId.isBlank()) {
            p.messageId = messageId;
        }
    }

    /**
     * The POST failed: the message is withdrawn, no further records are made for it, and later deliveries of it
     * count as late. (If the event already arrived before the failure, its {@code e2e_full_latency} is already out.)
     *
     * @param reason free text, may be null
     */
    public void sendFailed(PendingSend p, String reason) {
        checkSend(p);
        if (p.generation != generation) {
            return; // sent before reset(): already forgotten
        }
        p.endReason = reason;
        p.firstTaken.set(true);
        if (p.lifecycle.compareAndSet(PendingSend.OPEN, PendingSend.WITHDRAWN)) {
            pendingCount.decrementAndGet();
        }
        sendFailedCount.increment();
        untrack(p);
    }

    /** Same as {@link #delivered(StreamTicket, String, CharSequence, long, long)} without the SSE event id. */
    public DeliveryOutcome delivered(StreamTicket ticket, CharSequence eventData, long receivedNanos, long receivedEpochMillis) {
        return delivered(ticket, null, eventData, receivedNanos, receivedEpochMillis);
    }

    /**
     * A stream received a {@code new_message}. Call on the stream's reader thread with the receive time stamped
     * when the event came off the socket. Finds the token in the raw data with {@code indexOf} (no JSON parsing).
     *
     * @param eventId the SSE {@code id:} (the message id), used as the records' message id until
     *        {@link #sendSucceeded} supplies one; may be null
     * @throws IllegalArgumentException for a null ticket or data, a ticket of another ledger or from before {@link #reset()}
     */
    public DeliveryOutcome delivered(StreamTicket ticket, String eventId, CharSequence eventData,
                                     long receivedNanos, long receivedEpochMillis) {
        checkTicket(ticket);
        if (eventData == null) {
            throw new IllegalArgumentException("eventData must not be null (stream " + ticket.name() + ")");
        }
        ticket.markSawMessage();
        maybeSweep(clock.nanoTime());

        TokenView v = new TokenView();
        if (!v.find(eventData)) {
            noToken.increment();
            return DeliveryOutcome.NO_TOKEN;
        }
        LedgerSettings s = settings;
        if (!v.engineIs(eventData, s.engineId())) {
            return foreignDelivery(ticket, v, eventData, receivedEpochMillis, s);
        }
        PendingSend p = tracked.get(v.seq);
        if (p == null || p.token.epochMicros() != v.epochMicros || !v.senderIs(eventData, p.token.senderId())) {
            if (p == null && v.seq >= seqFloor && v.seq <= seqCounter.get()) {
                late.increment();
                return DeliveryOutcome.LATE;
            }
            unknownTokens.increment();
            return DeliveryOutcome.UNKNOWN_TOKEN;
        }
        if (p.removed || p.lifecycle.get() == PendingSend.WITHDRAWN) {
            late.increment();
            return DeliveryOutcome.LATE;
        }
        if (ticket.sequenceWentBackwards(p.senderKey, v.seq)) {
            p.outOfOrder.incrementAndGet();
            outOfOrder.increment();
        }
        int slot = p.slotOf(ticket);
        if (slot < 0) {
            deliveries.increment();
            unexpectedStreamDeliveries.increment();
            return emitFirstIfNone(p, ticket, eventId, receivedNanos) ? DeliveryOutcome.FIRST : DeliveryOutcome.UNEXPECTED_STREAM;
        }
        if (p.slotState.compareAndSet(slot, PendingSend.PENDING, PendingSend.DELIVERED)) {
            deliveries.increment();
            p.resolvedNanos.set(slot, receivedNanos);
            boolean first = emitFirstIfNone(p, ticket, eventId, receivedNanos);
            if (p.unresolved.decrementAndGet() == 0) {
                complete(p);
            }
            return first ? DeliveryOutcome.FIRST : DeliveryOutcome.REPEAT_STREAM;
        }
        if (p.slotState.get(slot) == PendingSend.DELIVERED) {
            deliveries.increment();
            p.duplicates.incrementAndGet();
            duplicates.increment();
            return DeliveryOutcome.DUPLICATE;
        }
        // The stream was already written off (closed or expired) for this message.
        late.increment();
        return DeliveryOutcome.LATE;
    }

    private boolean emitFirstIfNone(PendingSend p, StreamTicket ticket, String eventId, long receivedNanos) {
        if (!p.firstTaken.compareAndSet(false, true)) {
            return false;
        }
        firstDeliveries.increment();
        String messageId = p.messageId != null ? p.messageId : eventId;
        emit(LedgerRecord.firstDelivery(p.sent(messageId), ticket.name(), p.expected.length,
                (receivedNanos - p.sendNanos) / 1e6));
        return true;
    }

    private DeliveryOutcome foreignDelivery(StreamTicket ticket, TokenView v, CharSequence data,
                                            long receivedEpochMillis, LedgerSettings s) {
        crossEngineDeliveries.increment();
        if (ticket.sequenceWentBackwards(v.senderKey(data), v.seq)) {
            outOfOrder.increment();
        }
        String token = v.tokenText(data);
        if (foreignSeen.putIfAbsent(token, Boolean.TRUE) != null) {
            return DeliveryOutcome.CROSS_ENGINE_REPEAT;
        }
        foreignExpiry.add(new ForeignToken(token, clock.nanoTime() + s.pendingTimeout().toNanos()));
        crossEngine.increment();
        String engine = v.engineId(data);
        double latency = receivedEpochMillis - v.epochMicros / 1000.0;
        boolean plausible = latency >= 0;
        String message = "wall-clock, sent by engine " + engine + "; clocks must be in sync"
                + (plausible ? "" : String.format(Locale.ROOT,
                "; negative latency %.3f ms: this engine's clock is behind the sender's", latency));
        emit(LedgerRecord.crossEngine(token, ticket.name(), v.epochMicros / 1000, latency, message));
        return DeliveryOutcome.CROSS_ENGINE;
    }

    /**
     * Next completed record, waiting up to {@code timeout} (real time) for one; runs expiry first.
     *
     * @return the record, or null if none came in time
     */
    public LedgerRecord poll(Duration timeout) throws InterruptedException {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("poll timeout must be zero or positive, got " + timeout);
        }
        long waitUntil = System.nanoTime() + timeout.toNanos();
        while (true) {
            expireOverdue();
            LedgerRecord r = records.poll();
            if (r != null) {
                return r;
            }
            long left = waitUntil - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            // Wake up regularly so expiry keeps running while nobody delivers or sends.
            r = records.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            if (r != null) {
                return r;
            }
        }
    }

    /** Next completed record without waiting, or null; runs expiry first. */
    public LedgerRecord pollNow() {
        expireOverdue();
        return records.poll();
    }

    /** Decides every message whose pending timeout has passed and stops tracking it. */
    public void expireOverdue() {
        sweepLock.lock();
        try {
            sweepLocked(clock.nanoTime());
        } finally {
            sweepLock.unlock();
        }
    }

    private void maybeSweep(long now) {
        if (now - nextSweepNanos < 0 || !sweepLock.tryLock()) {
            return;
        }
        try {
            sweepLocked(now);
        } finally {
            sweepLock.unlock();
        }
    }

    private void sweepLocked(long now) {
        nextSweepNanos = now + SWEEP_INTERVAL_NANOS;
        PendingSend head;
        while ((head = expiryQueue.peek()) != null && now - head.deadlineNanos >= 0) {
            expiryQueue.poll();
            expire(head);
        }
        ForeignToken foreign;
        while ((foreign = foreignExpiry.peek()) != null && now - foreign.deadlineNanos() >= 0) {
            foreignExpiry.poll();
            foreignSeen.remove(foreign.token());
        }
    }

    private void expire(PendingSend p) {
        if (p.lifecycle.get() == PendingSend.OPEN) {
            boolean anyLost = false;
            for (int i = 0; i < p.expected.length; i++) {
                if (p.slotState.get(i) == PendingSend.PENDING) {
                    int state = p.raceCandidate[i] ? PendingSend.RACE_MISS : PendingSend.LOST_EXPIRED;
                    anyLost |= resolve(p, i, state, p.deadlineNanos) && state == PendingSend.LOST_EXPIRED;
                }
            }
            if (anyLost) {
                expired.increment();
            }
            if (p.expected.length == 0) {
                completeWithoutExpectedStreams(p);
            }
        }
        untrack(p);
    }

    /**
     * Test end: decides every tracked message now, as if every stream were closed by the client at this moment
     * (race candidates → race miss; sent within {@code closeGrace} → unobserved; older → lost), and stops tracking.
     */
    public void flushAll(String reason) {
        String why = reason == null || reason.isBlank() ? "test ended" : reason.strip();
        sweepLock.lock();
        try {
            long now = clock.nanoTime();
            sweepLocked(now);
            long grace = settings.closeGrace().toNanos();
            for (PendingSend p : tracked.values()) {
                p.endReason = why;
                if (p.lifecycle.get() == PendingSend.OPEN) {
                    boolean inFlight = now - p.sendNanos <= grace;
                    for (int i = 0; i < p.expected.length; i++) {
                        if (p.slotState.get(i) == PendingSend.PENDING) {
                            int state = p.raceCandidate[i] ? PendingSend.RACE_MISS
                                    // a stream in a reconnect outage would get it replayed: unobserved, not lost
                                    : inFlight || p.expected[i].isReconnecting() ? PendingSend.TEST_END_IN_FLIGHT
                                    : PendingSend.LOST_TEST_END;
                            resolve(p, i, state, now);
                        }
                    }
                    if (p.expected.length == 0) {
                        completeWithoutExpectedStreams(p);
                    }
                }
                untrack(p);
            }
            expiryQueue.clear();
            foreignSeen.clear();
            foreignExpiry.clear();
        } finally {
            sweepLock.unlock();
        }
    }

    /** Forgets everything (streams, participants, messages, records, counters) between tests. Old tickets become invalid. */
    public void reset() {
        sweepLock.lock();
        try {
            generation++;
            seqFloor = seqCounter.get() + 1;
            for (PendingSend p : tracked.values()) {
                p.removed = true;
            }
            tracked.clear();
            expiryQueue.clear();
            foreignSeen.clear();
            foreignExpiry.clear();
            streamsByIdentity.clear();
            participantsByConversation.clear();
            records.clear();
            pendingCount.set(0);
            streamsOpen.set(0);
            streamsListening.set(0);
            for (LongAdder a : new LongAdder[] {sent, sendFailedCount, firstDeliveries, deliveries, expectedDeliveries,
                    unexpectedStreamDeliveries, duplicates, outOfOrder, lost, raceMisses, closedByClient, expired,
                    unobserved, late, unknownTokens, noToken, crossEngine, crossEngineDeliveries, droppedRecords,
                    sentWithNoStreamListening}) {
                a.reset();
            }
        } finally {
            sweepLock.unlock();
        }
    }

    /** Current counters. */
    public LedgerSnapshot snapshot() {
        return new LedgerSnapshot(sent.sum(), sendFailedCount.sum(), pendingCount.get(), tracked.size(),
                firstDeliveries.sum(), deliveries.sum(), expectedDeliveries.sum(), unexpectedStreamDeliveries.sum(),
                duplicates.sum(), outOfOrder.sum(), lost.sum(), raceMisses.sum(), closedByClient.sum(), expired.sum(),
                unobserved.sum(), late.sum(), unknownTokens.sum(), noToken.sum(), crossEngine.sum(),
                crossEngineDeliveries.sum(), droppedRecords.sum(), streamsOpen.get(), streamsListening.get(),
                sentWithNoStreamListening.sum());
    }

    // ---------------------------------------------------------------- slot resolution and completion

    private void resolveClosed(PendingSend p, int slot, StreamTicket t) {
        long closedAt = t.closedNanos();
        long sinceSend = closedAt - p.sendNanos;
        int state;
        if (sinceSend <= 0) {
            state = PendingSend.CLOSED_BEFORE_SEND;
        } else if (p.raceCandidate[slot]) {
            state = PendingSend.RACE_MISS;
        } else if (t.closeCause() == CloseCause.CLIENT && t.closedWhileReconnecting()) {
            state = PendingSend.CLOSED_BY_CLIENT_RECONNECTING;
        } else if (t.closeCause() == CloseCause.CLIENT && sinceSend <= settings.closeGrace().toNanos()) {
            state = PendingSend.CLOSED_BY_CLIENT;
        } else {
            state = PendingSend.LOST_CLOSED;
        }
        resolve(p, slot, state, closedAt);
    }

    /** Moves a slot out of PENDING once; whoever resolves the last slot completes the message. */
    private boolean resolve(PendingSend p, int slot, int state, long atNanos) {
        if (!p.slotState.compareAndSet(slot, PendingSend.PENDING, state)) {
            return false;
        }
        p.resolvedNanos.set(slot, atNanos);
        if (p.unresolved.decrementAndGet() == 0) {
            complete(p);
        }
        return true;
    }

    private void completeWithoutExpectedStreams(PendingSend p) {
        if (p.lifecycle.compareAndSet(PendingSend.OPEN, PendingSend.COMPLETED) && p.generation == generation) {
            pendingCount.decrementAndGet();
            sentWithNoStreamListening.increment();
            if (p.firstTaken.compareAndSet(false, true)) {
                unobserved.increment();
            }
        }
    }

    /** Every expected stream is accounted for: emit the fan-out record (and a failed full-latency one if nobody got it). */
    private void complete(PendingSend p) {
        if (!p.lifecycle.compareAndSet(PendingSend.OPEN, PendingSend.COMPLETED) || p.generation != generation) {
            return; // withdrawn, or a straggler from before reset()
        }
        pendingCount.decrementAndGet();
        Outcome o = new Outcome(p);
        expectedDeliveries.add(o.delivered);
        lost.add(o.lost.count);
        raceMisses.add(o.race.count);
        closedByClient.add(o.unobserved.count);

        if (o.delivered == 0 && o.lost.count == 0) {
            if (p.firstTaken.compareAndSet(false, true)) {
                unobserved.increment();
            }
            return;
        }
        LedgerRecord.Sent sent = p.sent(p.messageId);
        if (o.delivered == 0 && p.firstTaken.compareAndSet(false, true)) {
            emit(LedgerRecord.notDelivered(sent, (o.lastResolution - p.sendNanos) / 1e6,
                    "not delivered to any of " + o.expected + " expected streams: " + o.describe(), o.tally()));
        }
        boolean success = o.lost.count == 0;
        double latency = ((success ? o.lastDelivery : o.lastResolution) - p.sendNanos) / 1e6;
        emit(LedgerRecord.fanOut(sent, success, latency, o.describe(), o.tally()));
    }

    /** Per-class tally of a completed message and the text of its record. */
    private final class Outcome {
        final PendingSend p;
        int expected;
        int delivered;
        long lastDelivery;
        long lastResolution;
        final Named lost = new Named();
        final Named race = new Named();
        final Named unobserved = new Named();

        Outcome(PendingSend p) {
            this.p = p;
            lastDelivery = p.sendNanos;
            lastResolution = p.sendNanos;
            for (int i = 0; i < p.expected.length; i++) {
                int state = p.slotState.get(i);
                if (state == PendingSend.CLOSED_BEFORE_SEND) {
                    continue;
                }
                expected++;
                long at = p.resolvedNanos.get(i);
                if (at - lastResolution > 0) {
                    lastResolution = at;
                }
                StreamTicket t = p.expected[i];
                switch (state) {
                    case PendingSend.DELIVERED -> {
                        delivered++;
                        if (at - lastDelivery > 0) {
                            lastDelivery = at;
                        }
                    }
                    case PendingSend.LOST_CLOSED -> lost.add(() -> "stream " + t.name() + ' ' + t.closeCause().description()
                            + detailOf(t) + ' ' + seconds(at - p.sendNanos) + " after send");
                    case PendingSend.LOST_EXPIRED -> lost.add(() -> "stream " + t.name() + " did not get it within "
                            + seconds(p.deadlineNanos - p.sendNanos) + " (timeout; stream still open)");
                    case PendingSend.LOST_TEST_END -> lost.add(() -> "stream " + t.name() + " did not get it before "
                            + p.endReason + ' ' + seconds(at - p.sendNanos) + " after send");
                    case PendingSend.RACE_MISS -> race.add(() -> "stream " + t.name() + (t.isListening()
                            && t.listeningNanos() - p.sendNanos < 0
                            ? " connected " + seconds(p.sendNanos - t.listeningNanos()) + " before send"
                            : " not yet connected at send"));
                    case PendingSend.CLOSED_BY_CLIENT -> unobserved.add(() -> "stream " + t.name()
                            + " closed by client " + seconds(at - p.sendNanos) + " after send");
                    case PendingSend.CLOSED_BY_CLIENT_RECONNECTING -> unobserved.add(() -> "stream " + t.name()
                            + " was reconnecting when closed by client " + seconds(at - p.sendNanos) + " after send");
                    case PendingSend.TEST_END_IN_FLIGHT -> unobserved.add(() -> "stream " + t.name() + ": "
                            + p.endReason + ' ' + seconds(at - p.sendNanos) + " after send");
                    default -> throw new IllegalStateException("slot still pending at completion: " + state);
                }
            }
        }

        LedgerRecord.Tally tally() {
            return new LedgerRecord.Tally(expected, delivered, p.duplicates.get(), p.outOfOrder.get(), race.count,
                    race.shown, unobserved.count, lost.count);
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            if (lost.count > 0) {
                b.append("lost ").append(lost.count).append(" of ").append(expected).append(" deliveries: ").append(lost.text());
                b.append(" | delivered ").append(delivered).append(" of ").append(expected);
            } else if (delivered == expected) {
                b.append("delivered to all ").append(expected).append(" expected streams");
            } else {
                b.append("delivered to ").append(delivered).append(" of ").append(expected).append(" expected streams");
            }
            if (race.count > 0) {
                b.append(" | missed: subscription race ").append(race.count).append(": ").append(race.text());
            }
            if (unobserved.count > 0) {
                b.append(" | unobserved: closed by client ").append(unobserved.count).append(": ").append(unobserved.text());
            }
            int dup = p.duplicates.get();
            if (dup > 0) {
                b.append(" | duplicates ").append(dup);
            }
            int ooo = p.outOfOrder.get();
            if (ooo > 0) {
                b.append(" | out of order ").append(ooo);
            }
            return b.toString();
        }
    }

    /** Counts a class and keeps the text of its first few members (built lazily, only for those shown). */
    private static final class Named {
        int count;
        final List<String> shown = new ArrayList<>(MAX_NAMED_STREAMS);

        void add(java.util.function.Supplier<String> text) {
            count++;
            if (shown.size() < MAX_NAMED_STREAMS) {
                shown.add(text.get());
            }
        }

        String text() {
            String joined = String.join("; ", shown);
            return count > shown.size() ? joined + "; and " + (count - shown.size()) + " more" : joined;
        }
    }

    private static String detailOf(StreamTicket t) {
        String detail = t.closeDetail();
        return detail == null || detail.isEmpty() ? "" : " [" + detail + "]";
    }

    /** "1.2 s" from one second up, "340 ms" below. */
    static String seconds(long nanos) {
        if (Math.abs(nanos) >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        }
        return String.format(Locale.ROOT, "%d ms", Math.round(nanos / 1e6));
    }

    private void emit(LedgerRecord r) {
        if (records.size() >= settings.recordQueueCapacity()) {
            droppedRecords.increment();
            return;
        }
        records.add(r);
    }

    private void untrack(PendingSend p) {
        p.removed = true;
        tracked.remove(p.token.seq(), p);
    }

    // ---------------------------------------------------------------- argument checks

    private void checkOwner(StreamTicket ticket) {
        if (ticket == null) {
            throw new IllegalArgumentException("stream ticket must not be null");
        }
        if (ticket.owner != this) {
            throw new IllegalArgumentException("stream ticket " + ticket.name() + " belongs to another DeliveryLedger");
        }
    }

    private void checkTicket(StreamTicket ticket) {
        checkOwner(ticket);
        if (ticket.generation != generation) {
            throw new IllegalArgumentException("stream ticket " + ticket.name()
                    + " was opened before the ledger's reset(); open the stream again");
        }
    }

    private void checkSend(PendingSend p) {
        if (p == null) {
            throw new IllegalArgumentException("pending send must not be null");
        }
        if (p.owner != this) {
            throw new IllegalArgumentException("pending send " + p.tokenText + " belongs to another DeliveryLedger");
        }
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank, got "
                    + (value == null ? "null" : '"' + value + '"'));
        }
        return value;
    }

    private static <T> T requireNonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }
}
