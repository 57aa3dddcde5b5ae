package com.instainstru.loadtest.sse;

import java.util.Objects;

/**
 * One dispatched SSE event or comment, stamped by the reader when it came off the socket.
 *
 * @param kind {@link Kind#MESSAGE} for a dispatched event, {@link Kind#COMMENT} for a {@code :} line
 * @param eventName the {@code event:} field, {@code "message"} when absent (SSE spec); {@code ""} for comments
 * @param data the {@code data:} lines joined with {@code \n} (no trailing newline); for comments the text after
 *             the colon, a single leading space removed ({@code ": ping - x"} gives {@code "ping - x"})
 * @param lastEventId the stream's last event id after this event (SSE spec: an {@code id:} persists until
 *                    changed), {@code null} when none was ever seen
 * @param receivedNanos {@link System#nanoTime()} taken on the reader right after the event was parsed off the
 *                      socket; compare with other {@code nanoTime} stamps of the same JVM only
 * @param receivedEpochMillis {@link System#currentTimeMillis()} taken at the same moment
 * @param wireBytes approximate size on the wire: the field lines this event needs in UTF-8 with CRLF endings
 *                  and the blank line (exact for the backend's framing, an estimate otherwise: the parser does
 *                  not expose the raw lines)
 */
public record SseEvent(Kind kind, String eventName, String data, String lastEventId,
                       long receivedNanos, long receivedEpochMillis, int wireBytes) {

    /** Default event name of the SSE specification. */
    public static final String DEFAULT_EVENT_NAME = "message";

    /** Event or comment. */
    public enum Kind { MESSAGE, COMMENT }

    public SseEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(data, "data");
        if (wireBytes < 0) {
            throw new IllegalArgumentException("wireBytes must not be negative: " + wireBytes);
        }
    }

    public boolean isComment() {
        return kind == Kind.COMMENT;
    }

    @Override
    public String toString() {
        String shown = data.length() > 120 ? data.substring(0, 120) + "..." : data;
        return kind == Kind.COMMENT ? "SseEvent[: " + shown + "]"
                : "SseEvent[" + eventName + (lastEventId == null ? "" : " id=" + lastEventId) + " " + shown + "]";
    }
}
