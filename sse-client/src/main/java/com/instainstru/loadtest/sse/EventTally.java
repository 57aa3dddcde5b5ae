package com.instainstru.loadtest.sse;

/**
 * What {@link SseStream#countUntilEnd} counted instead of queueing.
 *
 * @param events dispatched events (those queued when counting began included)
 * @param comments comment lines
 * @param wireBytes the events' and comments' {@link SseEvent#wireBytes()}
 * @param ended true when the stream ended before the timeout
 */
public record EventTally(long events, long comments, long wireBytes, boolean ended) {
}
