package com.instainstru.loadtest.refserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One request and its (single) answer. The request is copied out of Netty's buffers up front so handlers
 * may answer later, from a scheduled task or another thread.
 */
final class Exchange {
    static final ObjectMapper JSON = new ObjectMapper();

    final ChannelHandlerContext ctx;
    final HttpMethod method;
    final String path;
    final Map<String, List<String>> query;
    final HttpHeaders headers;
    final byte[] body;
    final boolean keepAlive;
    final String requestId = UUID.randomUUID().toString();
    final String clientIp;
    /** When the handler got the whole request (System.nanoTime()): time-based faults count from here. */
    final long receivedNanos;

    Exchange(ChannelHandlerContext ctx, FullHttpRequest request) {
        this.receivedNanos = System.nanoTime();
        this.ctx = ctx;
        this.method = request.method();
        QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
        this.path = decoder.path();
        this.query = decoder.parameters();
        this.headers = request.headers().copy();
        this.body = ByteBufUtil.getBytes(request.content());
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.clientIp = ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : "unknown";
    }

    String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    String bearerToken() {
        String auth = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = auth.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    String cookie(String name) {
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie c : ServerCookieDecoder.LAX.decode(header)) {
                if (c.name().equals(name)) {
                    return c.value();
                }
            }
        }
        return null;
    }

    void json(HttpResponseStatus status, Object body) {
        json(status, body, null);
    }

    void json(HttpResponseStatus status, Object body, HttpHeaders extra) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode response body", e);
        }
        send(status, "application/json", bytes, extra);
    }

    /** A problem-JSON error (RFC 7807 plus the backend's code and request_id). */
    void problem(HttpResponseStatus status, String code, String detail) {
        problem(status, code, detail, null);
    }

    void problem(HttpResponseStatus status, String code, String detail, HttpHeaders extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", status.reasonPhrase());
        p.put("status", status.code());
        p.put("detail", detail);
        p.put("instance", path);
        p.put("code", code);
        p.put("request_id", requestId);
        try {
            send(status, "application/problem+json", JSON.writeValueAsBytes(p), extra);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode problem body", e);
        }
    }

    void tooManyRequests(String code, String detail, long retryAfterSeconds) {
        HttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfterSeconds));
        problem(HttpResponseStatus.TOO_MANY_REQUESTS, code, detail, h);
    }

    private void send(HttpResponseStatus status, String contentType, byte[] bytes, HttpHeaders extra) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(bytes));
        HttpHeaders h = response.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        h.set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        h.set("X-Request-ID", requestId);
        if (extra != null) {
            h.add(extra);
        }
        if (keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
