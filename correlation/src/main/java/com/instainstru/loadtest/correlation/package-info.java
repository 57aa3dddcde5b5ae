/**
 * End-to-end message correlation and the delivery ledger of the SSE load test; no JMeter imports, JDK only.
 *
 * <p>{@link com.instainstru.loadtest.correlation.CorrelationToken} is the token a sender puts into a message;
 * {@link com.instainstru.loadtest.correlation.DeliveryLedger} matches deliveries to sends, measures
 * {@code e2e_full_latency} (first delivery), {@code e2e_fanout_complete} (last expected stream) and
 * {@code e2e_cross_engine_latency} (messages of other engines), and accounts for every expected delivery
 * (delivered, subscription-race miss, unobserved because the client closed the stream, lost). The classification
 * rules are documented on {@link com.instainstru.loadtest.correlation.DeliveryLedger}.
 */
package com.instainstru.loadtest.correlation;
