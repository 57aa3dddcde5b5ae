package com.instainstru.loadtest.correlation;

/**
 * Counters of a {@link DeliveryLedger} at one moment (each counter is read atomically, the set is not).
 *
 * @param sent {@code beginSend} calls
 * @param sendFailed sends withdrawn by {@code sendFailed}
 * @param pending messages whose fan-out is not decided yet
 * @param tracked messages still in the token table (pending, or completed and kept until their timeout to
 *        classify stragglers)
 * @param firstDeliveries {@code e2e_full_latency} successes
 * @param deliveries known-token deliveries of this engine's messages (expected, unexpected and duplicates)
 * @param expectedDeliveries deliveries that completed an expected stream
 * @param unexpectedStreamDeliveries deliveries to streams not open at send time
 * @param duplicates same message on the same stream again
 * @param outOfOrder per stream and sender, a sequence number going backwards
 * @param lost expected deliveries lost (closed by server/error/timeout, expired, or test end after the grace)
 * @param raceMisses expected deliveries missed within the subscription race
 * @param closedByClient expected deliveries unobserved because the client closed the stream within the grace
 *        or during a reconnect outage
 * @param expired messages that reached the pending timeout with at least one expected stream still waiting
 * @param unobserved messages that no stream got while none of their expected streams was a loss (nobody listening)
 * @param late deliveries of this engine's messages no longer tracked, or after the stream was written off
 * @param unknownTokens tokens of this engine that this ledger never issued
 * @param noToken events without a token
 * @param crossEngine {@code e2e_cross_engine_latency} records (messages from other engines)
 * @param crossEngineDeliveries deliveries of other engines' messages
 * @param crossEngineUntracked deliveries of other engines' messages left out of the cross-engine facts because
 *        the tracker already held its limit of tokens (they still count and have their latency record)
 * @param droppedRecords records dropped because nobody polled and the queue was full
 * @param streamsOpen streams opened and not closed
 * @param streamsListening open streams that saw their first event
 * @param sentWithNoStreamListening messages sent while no stream of the conversation was listening (no expected
 *        stream at send time), counted when they leave tracking (pending timeout or test end); a subset of
 *        {@code unobserved}
 */
public record LedgerSnapshot(
        long sent,
        long sendFailed,
        long pending,
        long tracked,
        long firstDeliveries,
        long deliveries,
        long expectedDeliveries,
        long unexpectedStreamDeliveries,
        long duplicates,
        long outOfOrder,
        long lost,
        long raceMisses,
        long closedByClient,
        long expired,
        long unobserved,
        long late,
        long unknownTokens,
        long noToken,
        long crossEngine,
        long crossEngineDeliveries,
        long crossEngineUntracked,
        long droppedRecords,
        long streamsOpen,
        long streamsListening,
        long sentWithNoStreamListening) {
}
