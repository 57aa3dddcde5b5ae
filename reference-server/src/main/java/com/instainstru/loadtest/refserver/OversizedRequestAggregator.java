package com.instainstru.loadtest.refserver;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Netty's aggregator, but a too-large request is answered like every other error: problem JSON with code
 * {@code PAYLOAD_TOO_LARGE} (Netty's own 413 has an empty body). The connection is closed after it, since the
 * rest of the body is not read.
 */
final class OversizedRequestAggregator extends HttpObjectAggregator {
    private final int maxBytes;

    OversizedRequestAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest request)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        String requestId = UUID.randomUUID().toString();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.reasonPhrase());
        p.put("status", HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code());
        p.put("detail", "request body larger than " + maxBytes + " bytes");
        p.put("instance", new QueryStringDecoder(request.uri()).path());
        p.put("code", "PAYLOAD_TOO_LARGE");
        p.put("request_id", requestId);
        byte[] bytes;
        try {
            bytes = Exchange.JSON.writeValueAsBytes(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode problem body", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set("X-Request-ID", requestId)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
