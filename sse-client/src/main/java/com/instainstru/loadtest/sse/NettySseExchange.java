package com.instainstru.loadtest.sse;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One HTTP attempt of a {@link NettySseStream} (the first connect, a reconnect or a redirect hop): sends the
 * request when the connection is up, measures connect and header times, turns non-2xx and wrong content types
 * into {@link SseHttpException} / {@link SseContentTypeException} with up to 2 KiB of the body, and hands the
 * body of a good response to the stream's parser.
 */
final class NettySseExchange extends SimpleChannelInboundHandler<HttpObject> {

    private enum Phase { CONNECTING, AWAITING_HEADERS, STREAMING, ERROR_BODY, DONE }

    private final NettySseStream stream;
    private final URI uri;
    private final String method;
    private final String lastEventId;
    private final boolean tls;
    private final long startNanos = System.nanoTime();
    private final long startEpochMillis = System.currentTimeMillis();
    private Phase phase = Phase.CONNECTING;
    private long connectMillis;
    private String requestHeaderLines = "";
    private HttpResponse errorResponse;
    private ByteBuf errorBody;
    private ScheduledFuture<?> errorBodyDeadline;
    private Throwable failure;
    private volatile io.netty.channel.Channel channel;

    NettySseExchange(NettySseStream stream, URI uri, String method, String lastEventId) {
        this.stream = stream;
        this.uri = uri;
        this.method = method;
        this.lastEventId = lastEventId;
        this.tls = "https".equals(uri.getScheme());
    }

    /** The channel this attempt runs on; set by the connector before it connects. */
    void bind(io.netty.channel.Channel ch) {
        this.channel = ch;
    }

    long readTimeoutMillis() {
        return stream.request().readTimeout().toMillis();
    }

    void closeChannel() {
        io.netty.channel.Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!tls) {
            connected(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent) {
            SslHandshakeCompletionEvent handshake = (SslHandshakeCompletionEvent) evt;
            if (handshake.isSuccess()) {
                connected(ctx);
            } else {
                fail(ctx, handshake.cause() instanceof IOException ? (IOException) handshake.cause()
                        : new IOException("TLS handshake failed: " + handshake.cause(), handshake.cause()));
            }
        } else if (evt instanceof IdleStateEvent) {
            idle(ctx);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    private void connected(ChannelHandlerContext ctx) {
        connectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        phase = Phase.AWAITING_HEADERS;
        FullHttpRequest request = request();
        requestHeaderLines = HeaderMaps.redactedLines(request.headers());
        ctx.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                fail(ctx, f.cause() instanceof IOException ? (IOException) f.cause()
                        : new IOException("sending the request failed: " + f.cause(), f.cause()));
            }
        });
    }

    private FullHttpRequest request() {
        SseRequest sse = stream.request();
        byte[] body = "POST".equals(method) ? sse.body() : new byte[0];
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method),
                pathAndQuery(uri), Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.HOST, hostHeader(uri));
        for (Map.Entry<String, String> h : sse.headers()) {
            request.headers().add(h.getKey(), h.getValue());
        }
        if (!request.headers().contains(HttpHeaderNames.CACHE_CONTROL)) {
            request.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache"); // as okhttp-eventsource and browsers
        }
        if (lastEventId != null && !lastEventId.isEmpty()) {
            request.headers().set("Last-Event-ID", lastEventId);
        }
        if (!request.headers().contains(HttpHeaderNames.USER_AGENT)) {
            request.headers().set(HttpHeaderNames.USER_AGENT, NettySseConnector.USER_AGENT);
        }
        if ("POST".equals(method)) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, sse.bodyContentType());
            HttpUtil.setContentLength(request, body.length);
        }
        return request;
    }

    static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port < 0 || ("http".equals(uri.getScheme()) ? port == 80 : port == 443);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port; // getHost() keeps IPv6 brackets
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (!stream.isCurrent(this)) {
            return;
        }
        if (msg instanceof HttpResponse) {
            response(ctx, (HttpResponse) msg);
        }
        if (msg instanceof HttpContent) {
            content(ctx, (HttpContent) msg);
        }
    }

    private void response(ChannelHandlerContext ctx, HttpResponse response) {
        long headersMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        int status = response.status().code();
        String location = response.headers().get(HttpHeaderNames.LOCATION);
        if (status >= 300 && status < 400 && status != 304 && location != null) {
            phase = Phase.DONE;
            URI target = uri.resolve(location);
            if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
                stream.attemptFailed(new IOException("redirect to a non-HTTP location: " + location));
            } else if (!stream.redirect(target, status)) {
                stream.attemptFailed(new IOException("too many redirects (last: " + target + ")"));
            }
            return;
        }
        String contentType = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (status >= 200 && status < 300 && ConnectionProbe.isEventStream(contentType)) {
            phase = Phase.STREAMING;
            stream.attemptSucceeded(new OpenResult(status, HeaderMaps.toMap(response.headers()), startEpochMillis, connectMillis,
                    headersMillis, requestHeaderLines, headerBytes(response)));
            return;
        }
        phase = Phase.ERROR_BODY;
        errorResponse = response;
        errorBody = Unpooled.buffer(256);
        // an error body that never ends must not hang open(); the stream's read timeout may be "none"
        errorBodyDeadline = ctx.executor().schedule(() -> errorBodyDone(ctx),
                stream.request().errorBodyReadTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void content(ChannelHandlerContext ctx, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (phase == Phase.STREAMING) {
            if (content.content().isReadable()) {
                stream.bodyRead(content.content());
            }
            if (last) {
                phase = Phase.DONE;
                // a reset reaches exceptionCaught first; the decoder then ends the body as if the server had
                Throwable cause = failure != null ? failure : content.decoderResult().cause();
                stream.dropped(cause == null ? stream.serverEnded() : CloseReason.forFailure(cause));
            }
        } else if (phase == Phase.ERROR_BODY) {
            ByteBuf bytes = content.content();
            int room = SseHttpException.BODY_EXCERPT_LIMIT - errorBody.readableBytes();
            errorBody.writeBytes(bytes, bytes.readerIndex(), Math.min(room, bytes.readableBytes()));
            if (last || errorBody.readableBytes() >= SseHttpException.BODY_EXCERPT_LIMIT) {
                errorBodyDone(ctx);
            }
        }
    }

    private void errorBodyDone(ChannelHandlerContext ctx) {
        if (phase != Phase.ERROR_BODY || !stream.isCurrent(this)) {
            return;
        }
        phase = Phase.DONE;
        errorBodyDeadline.cancel(false);
        HttpResponse response = errorResponse;
        String contentType = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
        String excerpt = errorBody.toString(charset(contentType));
        int status = response.status().code();
        if (status >= 200 && status < 300) {
            stream.attemptFailed(new SseContentTypeException(status, contentType, excerpt));
        } else {
            stream.attemptFailed(new SseHttpException(status, response.status().reasonPhrase(), HeaderMaps.toMap(response.headers()),
                    excerpt));
        }
    }

    private void idle(ChannelHandlerContext ctx) {
        if (!stream.isCurrent(this)) {
            return;
        }
        long millis = stream.request().readTimeout().toMillis();
        if (phase == Phase.STREAMING) {
            phase = Phase.DONE;
            stream.dropped(CloseReason.readTimeout(millis));
        } else if (phase == Phase.AWAITING_HEADERS) {
            fail(ctx, new SocketTimeoutException("no response headers within " + millis + " ms"));
        } else if (phase == Phase.ERROR_BODY) {
            errorBodyDone(ctx);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (stream.isCurrent(this)) {
            switch (phase) {
                case AWAITING_HEADERS, CONNECTING -> fail(ctx, failure instanceof IOException ? (IOException) failure
                        : new IOException("connection closed before response headers"
                        + (failure == null ? "" : ": " + StreamOpening.describe(failure)), failure));
                case STREAMING -> {
                    phase = Phase.DONE;
                    stream.dropped(failure == null ? stream.serverEnded() : CloseReason.forFailure(failure));
                }
                case ERROR_BODY -> errorBodyDone(ctx);
                default -> { }
            }
        }
        ctx.fireChannelInactive();
    }

    private void fail(ChannelHandlerContext ctx, IOException e) {
        if (phase == Phase.DONE || !stream.isCurrent(this)) {
            return;
        }
        phase = Phase.DONE;
        stream.attemptFailed(e);
    }

    /** Status line, header lines and the blank line as they were on the wire (names/values re-encoded). */
    private static long headerBytes(HttpResponse response) {
        long bytes = response.protocolVersion().text().length() + 1 + 3 + 1
                + response.status().reasonPhrase().length() + 2 + 2;
        for (Map.Entry<String, String> h : response.headers()) {
            bytes += h.getKey().length() + 2 + h.getValue().getBytes(StandardCharsets.UTF_8).length + 2;
        }
        return bytes;
    }

    private static Charset charset(String contentType) {
        Charset charset = contentType == null ? null : HttpUtil.getCharset(contentType, null);
        return charset == null ? StandardCharsets.UTF_8 : charset;
    }
}
