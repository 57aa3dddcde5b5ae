package com.instainstru.loadtest.correlation;

/** What {@link DeliveryLedger#delivered} made of one received {@code new_message} event. */
public enum DeliveryOutcome {
    /** First delivery of a message sent from this JVM: an {@code e2e_full_latency} record was emitted. */
    FIRST,
    /** Another expected stream got a message that was already delivered elsewhere. */
    REPEAT_STREAM,
    /** A stream that was not open at send time (so not expected) got the message; counted, not an error. */
    UNEXPECTED_STREAM,
    /** The same stream got the same message again. */
    DUPLICATE,
    /** First sighting in this JVM of a message sent by another engine: an {@code e2e_cross_engine_latency} record was emitted. */
    CROSS_ENGINE,
    /** A message from another engine already seen in this JVM. */
    CROSS_ENGINE_REPEAT,
    /**
     * A message sent by this engine that is no longer tracked (expired, withdrawn by {@code sendFailed}) or that
     * reached a stream already written off (closed or expired). Counted, never a new sample.
     */
    LATE,
    /** A well-formed token of this engine that this ledger never issued (e.g. sent before {@code reset()}). */
    UNKNOWN_TOKEN,
    /** The event carries no well-formed correlation token (a message not sent by the load test). */
    NO_TOKEN
}
