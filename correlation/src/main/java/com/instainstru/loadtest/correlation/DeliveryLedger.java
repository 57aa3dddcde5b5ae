package com.instainstru.loadtest.correlation;

import static com.instainstru.loadtest.correlation.LedgerArguments.checkOwner;
import static com.instainstru.loadtest.correlation.LedgerArguments.checkSend;
import static com.instainstru.loadtest.correlation.LedgerArguments.checkTicket;
import static com.instainstru.loadtest.correlation.LedgerArguments.requireNonNull;
import static com.instainstru.loadtest.correlation.LedgerArguments.requireText;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p>Which streams a message expects, how each of them ends (delivered, race miss, unobserved, lost) and how long
 * messages are tracked is described on the {@linkplain com.instainstru.loadtest.correlation package}.
 *
 * <h2>Threading</h2>
 * Every method is thread-safe. {@link #delivered} takes no lock shared between streams: a token lookup in a
 * {@link ConcurrentHashMap}, a binary search over the message's expected streams and one CAS on that stream's slot.
 */
public final class DeliveryLedger {

    private final NanoClock clock;
    private final WallClock wall;
    private volatile LedgerSettings settings;

    private final AtomicLong seqCounter = new AtomicLong();
    /** Own-engine tokens below this were issued before the last {@link #reset()}. */
    private volatile long seqFloor = 1;
    private volatile long generation;

    private final LedgerCounters counters = new LedgerCounters();
    private final StreamDirectory directory = new StreamDirectory(counters);
    private final ConcurrentHashMap<Long, PendingSend> tracked = new ConcurrentHashMap<>();
    // One String per sender key, so that each stream's order check per delivery finds its entry by identity and a
    // cached hash, not by comparing a new copy of the key; at most SENDER_KEYS are kept (the rest stay copies).
    static final int SENDER_KEYS = 4096;
    private final ConcurrentHashMap<String, String> senderKeys = new ConcurrentHashMap<>();
    private final RecordQueue records = new RecordQueue(counters);
    private final CrossEngineTracker crossEngine;
    private final FactRecorder facts;
    private final ExpirySweeper sweeper;

    /**
     * A ledger with its own clocks, for tests and benchmarks.
     *
     * @throws IllegalArgumentException if any argument is null
     */
    public DeliveryLedger(LedgerSettings settings, NanoClock clock, WallClock wall) {
        this.settings = requireNonNull(settings, "settings");
        this.clock = requireNonNull(clock, "clock");
        this.wall = requireNonNull(wall, "wall clock");
        this.facts = new FactRecorder(clock, wall, () -> this.settings, this::emit);
        this.crossEngine = new CrossEngineTracker(clock, counters, this::emit, facts);
        this.sweeper = new ExpirySweeper(this, clock, counters, crossEngine);
    }

    /** The JVM-wide ledger (one per JMeter engine), created on first use with {@link LedgerSettings#defaults()}. */
    public static DeliveryLedger shared() {
        return Shared.LEDGER;
    }

    /** Initialised on first use, once, by the class loader. */
    private static final class Shared {
        static final DeliveryLedger LEDGER =
                new DeliveryLedger(LedgerSettings.defaults(), NanoClock.SYSTEM, WallClock.SYSTEM);
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
        directory.setParticipants(conversationId, identities);
    }

    /**
     * Registers a stream that is being opened (before its response or first event).
     *
     * @param streamName shown in record messages, e.g. "emma#3"
     * @param identity the participant the stream authenticates as
     */
    public StreamTicket streamOpened(String streamName, String identity) {
        return directory.open(this, generation, streamName, identity);
    }

    /** The stream's first event ({@code connected}) arrived at {@code nanos}; later calls are ignored. */
    public void streamListening(StreamTicket ticket, long nanos) {
        checkTicket(this, generation, ticket);
        directory.listening(ticket, nanos);
    }

    /**
     * The stream's connection dropped at {@code nanos} and the client is reconnecting (with {@code Last-Event-ID},
     * so the server replays what it missed). Messages owed to it stay pending; if the client closes it before it
     * reconnects, they are unobserved rather than lost, whatever the close grace. Ignored once closed.
     */
    public void streamReconnecting(StreamTicket ticket, long nanos) {
        checkTicket(this, generation, ticket);
        ticket.markReconnecting(true);
    }

    /** The stream reconnected at {@code nanos}, ending the outage begun by {@link #streamReconnecting}. */
    public void streamReconnected(StreamTicket ticket, long nanos) {
        checkTicket(this, generation, ticket);
        ticket.markReconnecting(false);
    }

    /**
     * The stream ended at {@code nanos}. Every message still waiting for it is decided for it now: race miss,
     * unobserved (client close within the grace) or lost. Idempotent; a ticket from before {@link #reset()} is ignored.
     *
     * @param detail free text for record messages (e.g. the I/O error); may be null
     */
    public void streamClosed(StreamTicket ticket, CloseCause cause, String detail, long nanos) {
        checkOwner(this, ticket);
        requireNonNull(cause, "close cause");
        if (ticket.generation != generation) {
            return;
        }
        if (!directory.close(ticket, cause, detail == null ? "" : detail.strip(), nanos)) {
            return;
        }
        facts.streamEnded(ticket, cause.name(), nanos);
        for (PendingSend p : tracked.values()) {
            if (p.lifecycle.get() == PendingSend.OPEN) {
                int slot = p.slotOf(ticket);
                if (slot >= 0 && p.slotState.get(slot) == PendingSend.PENDING) {
                    resolveClosed(p, slot, ticket);
                }
            }
        }
        sweeper.maybeSweep(clock.nanoTime());
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
        sweeper.maybeSweep(clock.nanoTime());

        long seq = seqCounter.incrementAndGet();
        long sendNanos = clock.nanoTime();
        long sendEpochMicros = wall.epochMicros();
        CorrelationToken token = CorrelationToken.of(s.engineId(), senderId, seq, sendEpochMicros);

        StreamTicket[] expected = directory.listeningStreams(conversationId, senderIdentity);
        PendingSend p = new PendingSend(this, generation, token, s.contentPrefix(), conversationId, senderIdentity,
                sendNanos, sendEpochMicros, sendNanos + s.pendingTimeout().toNanos(), expected, s.raceWindow().toNanos());
        p.declaredParticipants = directory.declaredParticipants(conversationId);
        counters.pending.incrementAndGet();
        counters.sent.increment();
        tracked.put(seq, p);
        sweeper.track(p);
        // A stream may have closed between the snapshot and the put; its close scan could not see p yet.
        for (int i = 0; i < expected.length; i++) {
            if (expected[i].isClosed()) {
                resolveClosed(p, i, expected[i]);
            }
        }
        return p;
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
        checkSend(this, p);
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
        checkSend(this, p);
        if (messageId != null && !messageId.isBlank()) {
            p.messageId = messageId;
        }
        passSentGate(p);
    }

    /**
     * The POST failed: the message is withdrawn, no further records are made for it, and later deliveries of it
     * count as late. (If the event already arrived before the failure, its {@code e2e_full_latency} is already out.)
     *
     * @param reason free text, may be null
     */
    public void sendFailed(PendingSend p, String reason) {
        checkSend(this, p);
        if (p.generation != generation) {
            return; // sent before reset(): already forgotten
        }
        p.endReason = reason;
        p.factGate.set(Integer.MIN_VALUE / 2); // a withdrawn message has no sent fact
        p.firstTaken.set(true);
        if (p.lifecycle.compareAndSet(PendingSend.OPEN, PendingSend.WITHDRAWN)) {
            counters.pending.decrementAndGet();
        }
        counters.sendFailed.increment();
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
        checkTicket(this, generation, ticket);
        if (eventData == null) {
            throw new IllegalArgumentException("eventData must not be null (stream " + ticket.name() + ")");
        }
        ticket.markSawMessage(receivedNanos);
        sweeper.maybeSweep(clock.nanoTime());

        TokenView v = new TokenView();
        if (!v.find(eventData)) {
            counters.noToken.increment();
            return DeliveryOutcome.NO_TOKEN;
        }
        LedgerSettings s = settings;
        if (!v.engineIs(eventData, s.engineId())) {
            return crossEngine.delivered(ticket, v, eventData, receivedEpochMillis, s.pendingTimeout().toNanos());
        }
        PendingSend p = tracked.get(v.seq);
        if (p == null || p.token.epochMicros() != v.epochMicros || !v.senderIs(eventData, p.token.senderId())) {
            if (p == null && v.seq >= seqFloor && v.seq <= seqCounter.get()) {
                counters.late.increment();
                return DeliveryOutcome.LATE;
            }
            counters.unknownTokens.increment();
            return DeliveryOutcome.UNKNOWN_TOKEN;
        }
        if (p.removed || p.lifecycle.get() == PendingSend.WITHDRAWN) {
            counters.late.increment();
            return DeliveryOutcome.LATE;
        }
        if (ticket.sequenceWentBackwards(p.senderKey, v.seq)) {
            p.outOfOrder.incrementAndGet();
            counters.outOfOrder.increment();
        }
        int slot = p.slotOf(ticket);
        if (slot < 0) {
            counters.deliveries.increment();
            counters.unexpectedStreamDeliveries.increment();
            return emitFirstIfNone(p, ticket, eventId, receivedNanos) ? DeliveryOutcome.FIRST : DeliveryOutcome.UNEXPECTED_STREAM;
        }
        if (p.slotState.compareAndSet(slot, PendingSend.PENDING, PendingSend.DELIVERED)) {
            counters.deliveries.increment();
            p.resolvedNanos.set(slot, receivedNanos);
            boolean first = emitFirstIfNone(p, ticket, eventId, receivedNanos);
            if (p.unresolved.decrementAndGet() == 0) {
                complete(p);
            }
            return first ? DeliveryOutcome.FIRST : DeliveryOutcome.REPEAT_STREAM;
        }
        if (p.slotState.get(slot) == PendingSend.DELIVERED) {
            counters.deliveries.increment();
            p.duplicates.incrementAndGet();
            counters.duplicates.increment();
            return DeliveryOutcome.DUPLICATE;
        }
        // The stream was already written off (closed or expired) for this message.
        counters.late.increment();
        return DeliveryOutcome.LATE;
    }

    private boolean emitFirstIfNone(PendingSend p, StreamTicket ticket, String eventId, long receivedNanos) {
        if (!p.firstTaken.compareAndSet(false, true)) {
            return false;
        }
        counters.firstDeliveries.increment();
        String messageId = p.messageId != null ? p.messageId : eventId;
        emit(LedgerRecord.firstDelivery(p.sent(messageId), ticket.name(), p.expected.length,
                (receivedNanos - p.sendNanos) / 1e6));
        return true;
    }

    /** The one instance of this sender key the ledger keeps (the key itself once SENDER_KEYS are kept). */
    String canonicalSenderKey(String senderKey) {
        String kept = senderKeys.get(senderKey);
        if (kept != null) {
            return kept;
        }
        return senderKeys.size() < SENDER_KEYS ? senderKeys.computeIfAbsent(senderKey, k -> k) : senderKey;
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
        return records.poll(timeout, this::expireOverdue);
    }

    /** Next completed record without waiting, or null; runs expiry first. */
    public LedgerRecord pollNow() {
        expireOverdue();
        return records.pollNow();
    }

    /** Decides every message whose pending timeout has passed and stops tracking it. */
    public void expireOverdue() {
        sweeper.expireOverdue();
    }

    /**
     * Test end: decides every tracked message now, as if every stream were closed by the client at this moment
     * (race candidates → race miss; sent within {@code closeGrace} → unobserved; older → lost), and stops tracking.
     */
    public void flushAll(String reason) {
        sweeper.flushAll(reason == null || reason.isBlank() ? "test ended" : reason.strip());
        long now = clock.nanoTime();
        for (StreamTicket open : directory.openStreams()) {
            facts.streamEnded(open, DeliveryFact.StreamSpan.TEST_END, now);
        }
    }

    /** Forgets everything (streams, participants, messages, records, counters) between tests. Old tickets become invalid. */
    public void reset() {
        sweeper.exclusively(() -> {
            generation++;
            seqFloor = seqCounter.get() + 1;
            for (PendingSend p : tracked.values()) {
                p.removed = true;
            }
            tracked.clear();
            sweeper.clear();
            directory.clear();
            records.clear();
            counters.reset();
        });
    }

    /** Current counters. */
    public LedgerSnapshot snapshot() {
        return counters.snapshot(tracked.size());
    }

    // ---------------------------------------------------------------- slot resolution and completion

    private void resolveClosed(PendingSend p, int slot, StreamTicket t) {
        resolve(p, slot, p.stateOnClose(slot, t, settings.closeGrace().toNanos()), t.closedNanos());
    }

    /** Moves a slot out of PENDING once; whoever resolves the last slot completes the message. */
    boolean resolve(PendingSend p, int slot, int state, long atNanos) {
        if (!p.slotState.compareAndSet(slot, PendingSend.PENDING, state)) {
            return false;
        }
        p.resolvedNanos.set(slot, atNanos);
        if (p.unresolved.decrementAndGet() == 0) {
            complete(p);
        }
        return true;
    }

    /** A message nobody was listening for leaves tracking: unobserved, unless a stream got it anyway. */
    void completeWithoutExpectedStreams(PendingSend p) {
        if (p.lifecycle.compareAndSet(PendingSend.OPEN, PendingSend.COMPLETED) && p.generation == generation) {
            counters.pending.decrementAndGet();
            counters.sentWithNoStreamListening.increment();
            if (p.firstTaken.compareAndSet(false, true)) {
                counters.unobserved.increment();
            }
            passSentGate(p);
        }
    }

    /** One of the sent fact's two conditions is met (see {@link PendingSend#factGate}). */
    private void passSentGate(PendingSend p) {
        if (p.factGate.decrementAndGet() == 0 && p.generation == generation) {
            facts.sent(p, p.ownFanout);
        }
    }

    /** Every expected stream is accounted for: emit the fan-out record (and a failed full-latency one if nobody got it). */
    private void complete(PendingSend p) {
        if (!p.lifecycle.compareAndSet(PendingSend.OPEN, PendingSend.COMPLETED) || p.generation != generation) {
            return; // withdrawn, or a straggler from before reset()
        }
        counters.pending.decrementAndGet();
        FanoutOutcome o = new FanoutOutcome(p);
        p.ownFanout = o.ownFanout();
        passSentGate(p);
        counters.expectedDeliveries.add(o.delivered);
        counters.lost.add(o.lost.count);
        counters.raceMisses.add(o.race.count);
        counters.closedByClient.add(o.unobserved.count);

        if (o.delivered == 0 && o.lost.count == 0) {
            if (p.firstTaken.compareAndSet(false, true)) {
                counters.unobserved.increment();
            }
            return;
        }
        LedgerRecord.Sent sent = p.sent(p.messageId);
        if (o.delivered == 0 && p.firstTaken.compareAndSet(false, true)) {
            emit(o.notDeliveredRecord(sent));
        }
        emit(o.fanOutRecord(sent));
    }

    private void emit(LedgerRecord r) {
        records.add(r, settings.recordQueueCapacity());
    }

    /** Tracked messages, for the sweeper. */
    Collection<PendingSend> trackedSends() {
        return tracked.values();
    }

    /** Stops tracking a message: later deliveries of it are late. */
    void untrack(PendingSend p) {
        p.removed = true;
        tracked.remove(p.token.seq(), p);
    }
}
