package com.instainstru.loadtest.sse;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;

/**
 * Incremental parser of an {@code text/event-stream} body, fed the bytes of each socket read as they come
 * (WHATWG HTML "event stream interpretation"): lines end in CRLF, LF or CR (a CRLF may be split across reads);
 * a leading UTF-8 BOM is ignored; {@code data} lines are joined with {@code \n}; an {@code id} persists until
 * changed and one containing NUL is ignored; a blank line dispatches, but only when some {@code data} line came;
 * an event still incomplete when the body ends is discarded (the caller simply stops feeding).
 *
 * <p>Why not a library parser: okhttp-eventsource's parser pulls from a blocking stream, one thread per stream.
 * This one works on the event loop's buffers: a line that lies whole in one read is decoded straight from that
 * buffer, and only a line split across reads is copied (into a buffer that is dropped again when it grew large),
 * so an idle stream holds no parser buffer at all. An event whole in one read writes no reference into the parser:
 * its data is decoded once at dispatch, its id is copied as bytes, its name is the last one unless it changed.
 *
 * <p>An event's field lines (with line ends) since the last blank line, or one comment line, may take at most
 * {@code maxEventBytes}: past that the parser reports it once, lets go of its buffers and stops, so an endless
 * event costs at most the limit and one read.
 *
 * <p>Not thread-safe: one stream's reads are fed from its one event loop thread.
 */
final class SseFrameParser {

    /** Receives what the parser finds, in order, on the feeding thread. */
    interface Sink {
        /** A dispatched event; {@code wireBytes} counts its field lines with their line ends and the blank line. */
        void onEvent(String eventName, String data, String lastEventId, int wireBytes);

        /** A {@code :} line: the text after the colon, one leading space removed. */
        void onComment(String text, int wireBytes);

        /** A {@code retry:} line with a valid (all digits) value. */
        void onRetry(long millis);

        /** The event in progress passed the size limit; the parser has dropped it and ignores every later byte. */
        void onEventTooLarge(long limit, long seenBytes);
    }

    private static final int KEEP_PARTIAL_LINE_CAPACITY = 8 * 1024;

    private final Sink sink;
    private final int maxEventBytes;
    private boolean tooLarge;
    private boolean fieldLinesPending;
    private ByteBuf partialLine;
    private boolean skipLineFeed;
    private boolean firstLine = true;
    private int eventBytes;
    // The event in progress. Per event only primitives and nulls are written to this long-lived object: a reference
    // stored here dirties a GC card, which G1 then re-scans for every event of every stream (bench/README.md).
    private boolean named;             // an event: line came; its value is lastName
    private String lastName;           // written only when the stream changes its event name
    private int dataStart = -1;        // the first data line's value, still in the buffer being fed (decoded at dispatch)
    private int dataLength;
    private String firstData;          // ... or decoded already, when the event spans reads
    private StringBuilder moreData;
    private boolean idLineInEvent;
    // The last event id, as bytes (copied: primitive writes) and, once an event without an id line needed it, as a
    // String (idString is current from the start: the initial id, or null).
    private byte[] idBytes;
    private int idLength;
    private String idString;
    private boolean idStringCurrent;

    SseFrameParser(Sink sink, String initialLastEventId) {
        this(sink, initialLastEventId, SseRequest.DEFAULT_MAX_EVENT_BYTES);
    }

    SseFrameParser(Sink sink, String initialLastEventId, int maxEventBytes) {
        this.sink = sink;
        this.maxEventBytes = maxEventBytes;
        this.idString = initialLastEventId;
        this.idStringCurrent = true;
    }

    /** The stream's last event id so far ({@code null} when none was ever seen): what a reconnect resumes from. */
    String lastEventId() {
        return currentId(true);
    }

    /** The last event id as a String; {@code keep} stores it for the next asks (one store per id change). */
    private String currentId(boolean keep) {
        if (idStringCurrent) {
            return idString;
        }
        String id = new String(idBytes, 0, idLength, StandardCharsets.UTF_8);
        if (keep) {
            idString = id;
            idStringCurrent = true;
        }
        return id;
    }

    /** True when bytes came after the last end of event: a body ending now ends in the middle of an event. */
    boolean midEvent() {
        return fieldLinesPending || (partialLine != null && partialLine.isReadable());
    }

    /** Parses every complete line in {@code buf}'s readable bytes and keeps the rest; does not move its indexes. */
    void feed(ByteBuf buf) {
        if (tooLarge) {
            return;
        }
        feedLines(buf);
        decodePendingData(buf); // the event goes on in the next read: its first data line leaves this buffer now
    }

    /** Decodes the first data line still kept as a position in {@code fed}, if any, into {@code firstData}. */
    private void decodePendingData(ByteBuf fed) {
        if (dataStart >= 0) {
            firstData = decode(fed, dataStart, dataLength);
            dataStart = -1;
        }
    }

    private void feedLines(ByteBuf buf) {
        int index = buf.readerIndex();
        int end = buf.writerIndex();
        if (skipLineFeed && index < end) {
            skipLineFeed = false;
            if (buf.getByte(index) == '\n') {
                index++;
                eventBytes++; // the LF of a CRLF split across reads
            }
        }
        while (index < end) {
            int eol = buf.forEachByte(index, end - index, ByteProcessor.FIND_CRLF);
            if (eol < 0) {
                keepPartial(buf, index, end - index);
                return;
            }
            int lineEndBytes = 1;
            if (buf.getByte(eol) == '\r') {
                if (eol + 1 < end) {
                    lineEndBytes = buf.getByte(eol + 1) == '\n' ? 2 : 1;
                } else {
                    skipLineFeed = true; // a LF may still come as the first byte of the next read
                }
            }
            if (overLimit(buf, index, eol - index)) {
                return;
            }
            if (partialLine != null && partialLine.isReadable()) {
                partialLine.writeBytes(buf, index, eol - index);
                line(buf, partialLine, partialLine.readerIndex(), partialLine.readableBytes(), lineEndBytes);
                releasePartialIfLarge();
            } else {
                line(buf, buf, index, eol - index, lineEndBytes);
            }
            if (tooLarge) {
                return;
            }
            index = eol + lineEndBytes;
        }
    }

    /**
     * True (and the event dropped) when the line in progress, {@code length} more bytes of it in {@code buf},
     * takes the event or the comment past the limit.
     */
    private boolean overLimit(ByteBuf buf, int index, int length) {
        boolean partial = partialLine != null && partialLine.isReadable();
        long lineBytes = (partial ? partialLine.readableBytes() : 0) + (long) length;
        if (lineBytes == 0) {
            return false;
        }
        byte first = partial ? partialLine.getByte(partialLine.readerIndex()) : buf.getByte(index);
        long seen = first == ':' ? lineBytes : eventBytes + lineBytes;
        if (seen <= maxEventBytes) {
            return false;
        }
        tooLarge = true;
        partialLine = null;
        dataStart = -1;
        firstData = null;
        moreData = null;
        sink.onEventTooLarge(maxEventBytes, seen);
        return true;
    }

    private void keepPartial(ByteBuf buf, int index, int length) {
        if (overLimit(buf, index, length)) {
            return;
        }
        if (partialLine == null) {
            partialLine = Unpooled.buffer(Math.max(256, length));
        }
        partialLine.writeBytes(buf, index, length);
    }

    private void releasePartialIfLarge() {
        if (partialLine.capacity() > KEEP_PARTIAL_LINE_CAPACITY) {
            partialLine = null; // a 1 MB line must not stay with an idle stream
        } else {
            partialLine.clear();
        }
    }

    /** One line of {@code src}, which is {@code fed} (the read being fed) or the partial line completed by it. */
    private void line(ByteBuf fed, ByteBuf src, int start, int length, int lineEndBytes) {
        if (firstLine) {
            firstLine = false;
            if (length >= 3 && src.getByte(start) == (byte) 0xEF && src.getByte(start + 1) == (byte) 0xBB
                    && src.getByte(start + 2) == (byte) 0xBF) {
                start += 3;
                length -= 3;
            }
        }
        int lineBytes = length + lineEndBytes;
        if (length == 0) {
            dispatch(fed, eventBytes + lineBytes);
            return;
        }
        if (src.getByte(start) == ':') {
            int textStart = start + 1;
            if (length > 1 && src.getByte(textStart) == ' ') {
                textStart++;
            }
            sink.onComment(decode(src, textStart, start + length - textStart), lineBytes);
            return;
        }
        eventBytes += lineBytes;
        fieldLinesPending = true;
        int colon = src.indexOf(start, start + length, (byte) ':');
        int nameLength = colon < 0 ? length : colon - start;
        int valueStart = colon < 0 ? start + length : colon + 1;
        if (colon >= 0 && valueStart < start + length && src.getByte(valueStart) == ' ') {
            valueStart++;
        }
        int valueLength = start + length - valueStart;
        field(fed, src, start, nameLength, valueStart, valueLength);
    }

    private void field(ByteBuf fed, ByteBuf src, int nameStart, int nameLength, int valueStart, int valueLength) {
        if (is(src, nameStart, nameLength, "data")) {
            if (src == fed && dataStart < 0 && firstData == null) {
                dataStart = valueStart; // the usual event, whole in one read: decoded once, at dispatch
                dataLength = valueLength;
                return;
            }
            String value = decode(src, valueStart, valueLength);
            decodePendingData(fed);
            if (firstData == null) {
                firstData = value;
            } else {
                if (moreData == null) {
                    moreData = new StringBuilder(firstData.length() + value.length() + 16).append(firstData);
                }
                moreData.append('\n').append(value);
            }
        } else if (is(src, nameStart, nameLength, "event")) {
            // a stream repeats a few names: reuse the last one rather than decode it for every event
            if (lastName == null || !is(src, valueStart, valueLength, lastName)) {
                lastName = decode(src, valueStart, valueLength);
            }
            named = true;
        } else if (is(src, nameStart, nameLength, "id")) {
            if (src.indexOf(valueStart, valueStart + valueLength, (byte) 0) < 0) {
                keepId(src, valueStart, valueLength);
            }
        } else if (is(src, nameStart, nameLength, "retry")) {
            long millis = digits(src, valueStart, valueLength);
            if (millis >= 0) {
                sink.onRetry(millis);
            }
        }
        // any other field name is ignored (spec)
    }

    private void keepId(ByteBuf src, int start, int length) {
        if (idBytes == null || idBytes.length < length
                || (idBytes.length > KEEP_PARTIAL_LINE_CAPACITY && length <= KEEP_PARTIAL_LINE_CAPACITY)) {
            idBytes = new byte[Math.max(32, length)]; // a huge id once must not stay with the stream after it
        }
        src.getBytes(start, idBytes, 0, length);
        idLength = length;
        idStringCurrent = false;
        idLineInEvent = true;
    }

    private void dispatch(ByteBuf fed, int wireBytes) {
        String data = moreData != null ? moreData.toString()
                : dataStart >= 0 ? decode(fed, dataStart, dataLength) : firstData;
        String name = named && !lastName.isEmpty() ? lastName : SseEvent.DEFAULT_EVENT_NAME;
        // an event with its own id: the next one likely has one too, so the id is not kept as a String
        boolean keepId = !idLineInEvent;
        eventBytes = 0;
        fieldLinesPending = false;
        named = false;
        idLineInEvent = false;
        dataStart = -1;
        firstData = null; // null stores dirty no card
        moreData = null;
        if (data != null) {
            sink.onEvent(name, data, currentId(keepId), wireBytes);
        }
    }

    /** True when the bytes are exactly {@code ascii}'s characters (false for any non-ASCII content). */
    private static boolean is(ByteBuf src, int start, int length, String ascii) {
        if (length != ascii.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (src.getByte(start + i) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The value as a number when it is only ASCII digits (and fits a long), else -1. */
    private static long digits(ByteBuf src, int start, int length) {
        if (length == 0 || length > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            byte b = src.getByte(start + i);
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private static String decode(ByteBuf src, int start, int length) {
        return length == 0 ? "" : src.toString(start, length, StandardCharsets.UTF_8);
    }
}
