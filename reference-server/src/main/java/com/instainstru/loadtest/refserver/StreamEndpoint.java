package com.instainstru.loadtest.refserver;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.time.Instant;
import java.util.Optional;

/**
 * GET /api/v1/messages/stream. Checks happen before any byte of the stream (errors are JSON); then the
 * headers, any Last-Event-ID replay, {@code connected} (not with --generic-sse), and the stream joins its event
 * loop's set.
 */
final class StreamEndpoint {
    private final ServerContext server;

    StreamEndpoint(ServerContext server) {
        this.server = server;
    }

    void open(Exchange ex, boolean limited) {
        Optional<SeedUser> found = authenticate(ex);
        if (found.isEmpty()) {
            AuthEndpoints.unauthorized(ex);
            return;
        }
        SeedUser user = found.get();
        if (!user.messaging()) {
            ex.problem(HttpResponseStatus.FORBIDDEN, "PERMISSION_DENIED", "This account may not use messaging");
            return;
        }
        if (!server.withinLimit(ex, limited, server.rateLimits.sseConnectsPerUser, user.id(),
                "5 stream connects/min per user")) {
            return;
        }
        ChannelHandlerContext ctx = ex.ctx;
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpHeaders h = response.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
        h.set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store, must-revalidate");
        h.set("X-Accel-Buffering", "no");
        boolean generic = server.config.genericSse();
        if (generic) {
            h.set(HttpHeaderNames.CONNECTION, "close"); // the body ends when the connection does
        } else {
            h.set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
        }

        FaultKnobs faults = server.faults;
        long now = System.nanoTime();
        double closeAfterSeconds = faults.closeAfterSeconds();
        long closeAt = closeAfterSeconds > 0 ? now + Math.max(1, (long) (closeAfterSeconds * 1e9)) : 0;
        boolean stalled = faults.roll(faults.stallFraction());
        LoopStreams loop = server.hub.forLoop(ctx.channel().eventLoop());
        SseConnection c = new SseConnection(ctx.channel(), user.id(), stalled, faults.closeAfterEvents(), closeAt,
                now, loop.pingIntervalNanos());
        // The backend sends connected before it subscribes; model that gap (0 by default).
        c.subscribedAtNanos = now + faults.subscribeGapMillis() * 1_000_000L;
        // Registered before the first event is written, so the stream counts as open once a client sees it.
        // No delivery can slip in between: this all runs in one task on the stream's event loop.
        loop.add(c);
        if (stalled) {
            server.stats.stalledStreams.incrementAndGet();
        }
        ctx.writeAndFlush(response);
        if (stalled) {
            return;
        }
        String lastEventId = ex.headers.get("Last-Event-ID");
        if (lastEventId != null && !lastEventId.isBlank()) {
            for (MessageEvent missed : server.messageLog.after(lastEventId.trim(), user.id())) {
                server.stats.replayedEvents.incrementAndGet();
                c.writeEvent(missed.replayFrame(missed.senderId.equals(user.id())), now);
            }
        }
        if (!generic) { // a plain SSE API sends no greeting
            c.writeEvent(SseFrames.connected(user.id(), Instant.now()), now);
        }
    }

    /** Query sse_token, then Bearer, then session cookie. */
    private Optional<SeedUser> authenticate(Exchange ex) {
        String sseToken = ex.queryParam("sse_token");
        if (sseToken != null) {
            return server.sessions.redeemSseToken(sseToken).flatMap(server.seed::userById);
        }
        return server.authenticate(ex);
    }
}
