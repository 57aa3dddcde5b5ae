/**
 * End-to-end message correlation and the delivery ledger of the SSE load test; no JMeter imports, JDK only.
 *
 * <p>{@link com.instainstru.loadtest.correlation.CorrelationToken} is the token a sender puts into a message;
 * {@link com.instainstru.loadtest.correlation.DeliveryLedger} matches deliveries to sends, measures
 * {@code e2e_full_latency} (first delivery), {@code e2e_fanout_complete} (last expected stream) and
 * {@code e2e_cross_engine_latency} (messages of other engines), and accounts for every expected delivery
 * (delivered, subscription-race miss, unobserved because the client closed the stream, lost).
 *
 * <h2>Expected streams and their classification</h2>
 * The expected streams of a message are all streams open at send time whose identity is a participant of the
 * conversation ({@link DeliveryLedger#setParticipants}; without participants, the sender alone), the sender's own
 * streams included (the backend fans out to the sender too). Each expected stream ends in exactly one class:
 * <ul>
 *   <li><b>delivered</b> — it got the message;</li>
 *   <li><b>missed: subscription race</b> (not an error) — it was a <em>race candidate</em> at send time and never got
 *       the message. The backend sends {@code connected} before it subscribes to Redis (protocol §4), so a stream is
 *       a race candidate if it saw {@code connected} less than {@code raceWindow} before the send and had not
 *       received any message yet (a received message proves the subscription). Streams that had not seen
 *       {@code connected} at all are not expected;</li>
 *   <li><b>unobserved: closed by client</b> (not an error) — the client closed it at most {@code closeGrace} after
 *       the send (the hold time ended while the message was in flight), or the test ended
 *       ({@link DeliveryLedger#flushAll}) at most {@code closeGrace} after the send, or the client closed it during a
 *       reconnect outage ({@link DeliveryLedger#streamReconnecting}: the server would have replayed it from
 *       {@code Last-Event-ID});</li>
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
 * ({@link DeliveryLedger#poll}, {@link DeliveryLedger#delivered}, {@link DeliveryLedger#beginSend},
 * {@link DeliveryLedger#expireOverdue}) against the injected monotonic clock, by the package's {@code ExpirySweeper};
 * there is no background thread. Deliveries of this engine's messages after removal count as late.
 */
package com.instainstru.loadtest.correlation;
