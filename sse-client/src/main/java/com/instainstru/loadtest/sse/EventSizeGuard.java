package com.instainstru.loadtest.sse;

/**
 * Counts the bytes of the event in progress as they come off the socket, for a parser that would otherwise
 * buffer without limit (okhttp-eventsource's): field lines with their line ends since the last blank line, or
 * the length of a comment line, must stay within the limit. The same measure as {@link SseFrameParser}'s.
 *
 * <p>Not thread-safe: one stream's reader.
 */
final class EventSizeGuard {

    private final long limit;
    private long eventBytes;
    private long lineBytes;
    private boolean commentLine;
    private boolean afterCr;

    EventSizeGuard(long limit) {
        this.limit = limit;
    }

    /** Accounts {@code length} bytes of {@code data}; throws as soon as the event in progress passes the limit. */
    void accept(byte[] data, int start, int length) throws EventTooLargeException {
        for (int i = start; i < start + length; i++) {
            byte b = data[i];
            if (afterCr) {
                afterCr = false;
                if (b == '\n') {
                    continue; // the LF of a CRLF
                }
            }
            if (b == '\r' || b == '\n') {
                afterCr = b == '\r';
                if (lineBytes == 0) {
                    eventBytes = 0; // a blank line ends the event
                } else if (!commentLine) {
                    eventBytes += lineBytes + 1;
                }
                lineBytes = 0;
                continue;
            }
            if (lineBytes == 0) {
                commentLine = b == ':';
            }
            lineBytes++;
            long seen = commentLine ? lineBytes : eventBytes + lineBytes;
            if (seen > limit) {
                throw new EventTooLargeException(limit, seen);
            }
        }
    }

    /** True when bytes came after the last end of event: a body ending now ends in the middle of an event. */
    boolean midEvent() {
        return eventBytes > 0 || lineBytes > 0;
    }
}
