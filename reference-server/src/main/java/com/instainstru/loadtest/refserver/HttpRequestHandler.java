package com.instainstru.loadtest.refserver;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Routes each request after the cross-cutting checks: injected errors, the overall rate limit, CSRF. */
@ChannelHandler.Sharable
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Pattern SEND_PATH = Pattern.compile("/api/v1/conversations/([^/]+)/messages");

    private final ServerContext server;
    private final AuthEndpoints auth;
    private final MessagingEndpoints messaging;
    private final StreamEndpoint stream;

    HttpRequestHandler(ServerContext server) {
        this.server = server;
        this.auth = new AuthEndpoints(server);
        this.messaging = new MessagingEndpoints(server);
        this.stream = new StreamEndpoint(server);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        server.stats.requests.incrementAndGet();
        if (!request.decoderResult().isSuccess()) {
            Exchange bad = new Exchange(ctx, request);
            bad.problem(HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", "malformed HTTP request");
            return;
        }
        Exchange ex = new Exchange(ctx, request);
        FaultKnobs faults = server.faults;
        if (faults.roll(faults.errorFraction())) {
            server.stats.injectedErrors.incrementAndGet();
            HttpResponseStatus status = HttpResponseStatus.valueOf(faults.errorStatus());
            if (status.code() == 429) {
                ex.tooManyRequests("RATE_LIMIT_EXCEEDED", "injected fault", 1);
            } else {
                ex.problem(status, "INJECTED_FAULT", "injected fault (reference server error fraction)");
            }
            return;
        }
        boolean limited = server.rateLimited(ex);
        if (!server.withinLimit(ex, limited, server.rateLimits.overallPerIp, ex.clientIp, "150 requests/min per IP")) {
            return;
        }
        boolean write = !(ex.method.equals(HttpMethod.GET) || ex.method.equals(HttpMethod.HEAD)
                || ex.method.equals(HttpMethod.OPTIONS));
        if (write && server.config.csrfEnabled() && !originAllowed(ex)) {
            ex.problem(HttpResponseStatus.FORBIDDEN, "CSRF_ORIGIN_MISMATCH",
                    "Origin or Referer must be " + server.config.frontendOrigin());
            return;
        }
        route(ex, limited);
    }

    private void route(Exchange ex, boolean limited) {
        String path = ex.path;
        HttpMethod m = ex.method;
        switch (path) {
            case "/health", "/api/v1/health" -> {
                if (requireMethod(ex, HttpMethod.GET)) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("status", "healthy");
                    body.put("service", "instainstru-reference-server");
                    body.put("open_streams", server.stats.openStreams());
                    ex.json(HttpResponseStatus.OK, body);
                }
            }
            case "/api/v1/auth/login" -> {
                if (requireMethod(ex, HttpMethod.POST)) {
                    auth.login(ex, limited);
                }
            }
            case "/api/v1/auth/me" -> {
                if (requireMethod(ex, HttpMethod.GET)) {
                    auth.me(ex);
                }
            }
            case "/api/v1/sse/token" -> {
                if (requireMethod(ex, HttpMethod.POST) && writeAllowed(ex, limited)) {
                    auth.sseToken(ex);
                }
            }
            case "/api/v1/messages/stream" -> {
                if (requireMethod(ex, HttpMethod.GET)) {
                    stream.open(ex, limited);
                }
            }
            case "/api/v1/conversations" -> {
                if (requireMethod(ex, HttpMethod.GET)) {
                    messaging.conversations(ex);
                }
            }
            case "/api/v1/bookings" -> {
                if (requireMethod(ex, HttpMethod.GET)) {
                    messaging.bookings(ex);
                }
            }
            default -> {
                Matcher send = SEND_PATH.matcher(path);
                if (send.matches()) {
                    if (requireMethod(ex, HttpMethod.POST) && writeAllowed(ex, limited)) {
                        messaging.send(ex, send.group(1), limited);
                    }
                } else {
                    ex.problem(HttpResponseStatus.NOT_FOUND, "NOT_FOUND", "no route for " + m + " " + path);
                }
            }
        }
    }

    private boolean requireMethod(Exchange ex, HttpMethod allowed) {
        if (ex.method.equals(allowed)) {
            return true;
        }
        ex.problem(HttpResponseStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                ex.method + " is not allowed on " + ex.path + " (use " + allowed + ")");
        return false;
    }

    private boolean writeAllowed(Exchange ex, boolean limited) {
        return server.withinLimit(ex, limited, server.rateLimits.writesPerIp, ex.clientIp, "30 writes/min per IP");
    }

    /** The Origin header's host, else the Referer's, must equal the frontend host. */
    private boolean originAllowed(Exchange ex) {
        String source = ex.headers.get(HttpHeaderNames.ORIGIN);
        if (source == null || source.isBlank()) {
            source = ex.headers.get(HttpHeaderNames.REFERER);
        }
        if (source == null || source.isBlank()) {
            return false;
        }
        try {
            String host = URI.create(source.trim()).getHost();
            return host != null && host.equalsIgnoreCase(server.config.frontendHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            System.err.println("reference server: closing connection after error: " + cause);
        }
        ctx.close();
    }
}
