package com.instainstru.loadtest.refserver;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * One open stream. Deliberately small (no timers, no buffers of its own): the owning event loop's
 * {@link LoopStreams} drives pings, heartbeats and time-based closing. Touched only on that loop.
 */
final class SseConnection {
    final Channel channel;
    final String userId;
    final boolean stalled;
    private final int closeAfterEvents;
    /** System.nanoTime() at which to close the stream, or 0 for never. */
    final long closeAtNanos;
    /** Deliveries before this instant are lost: the connected-before-subscribe race. */
    long subscribedAtNanos;
    long lastEventNanos;
    long nextPingNanos;
    private int eventsSent;
    boolean closed;

    SseConnection(Channel channel, String userId, boolean stalled, int closeAfterEvents, long closeAtNanos,
                  long nowNanos, long pingIntervalNanos) {
        this.channel = channel;
        this.userId = userId;
        this.stalled = stalled;
        this.closeAfterEvents = closeAfterEvents;
        this.closeAtNanos = closeAtNanos;
        this.lastEventNanos = nowNanos;
        this.nextPingNanos = nowNanos + pingIntervalNanos;
    }

    /** Writes one event (one flush) and closes the stream when the close-after-events fault says so. */
    void writeEvent(byte[] frame, long nowNanos) {
        if (closed) {
            return;
        }
        writeRaw(frame);
        lastEventNanos = nowNanos;
        eventsSent++;
        if (closeAfterEvents > 0 && eventsSent >= closeAfterEvents) {
            close();
        }
    }

    /** Writes bytes that are not an event (a comment), one flush. */
    void writeRaw(byte[] bytes) {
        if (!closed) {
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)), channel.voidPromise());
        }
    }

    /** Ends the chunked body and closes the connection. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }
}
