package com.instainstru.loadtest.sse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * {@link SseConnector} on Netty's NIO event loops: a few {@code sse-io-N} threads (one per core by default)
 * read every stream, so a stream costs a socket and a few small objects but no thread. This is what lets one
 * JMeter engine hold tens of thousands of streams on Java 17, stop them in a moment, and spend little CPU per
 * event; see the README's thread model.
 *
 * <p>Each stream is pinned to one loop, which does its connect, read, parse and reconnect; the listener runs on
 * that loop thread right after the socket read (so it must be quick, as for every connector). HTTP/1.1 only, one
 * fresh connection per stream (as a browser's {@code EventSource}), no proxy; use {@link OkHttpSseConnector}
 * for HTTP/2 or a system proxy. TLS uses the JDK's provider and default trust store, with host name checks.
 */
public final class NettySseConnector implements SseConnector {

    /** System property: number of event-loop threads (default: available processors). */
    public static final String IO_THREADS_PROPERTY = "sse.io.threads";
    /**
     * Netty's own system property for its buffer leak detector; when it is not set, the detector is off. By
     * default Netty tracks one read buffer in 128, taking a stack trace for it and for every slice the HTTP
     * decoder cuts from it, and a phantom reference the GC must process: on the event loop, for every
     * tracked read. A generator's reads are its hot path; set the property to turn the detector back on.
     */
    public static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";
    static final String USER_AGENT = "instainstru-sse-loadtest/1.0";

    static {
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    private final EventLoopGroup group;
    private final int ioThreads;
    private final LiveStreams<NettySseStream> streams = new LiveStreams<>();
    private volatile SslContext sslContext;

    /** A connector with {@value #IO_THREADS_PROPERTY} threads, or one per available processor. */
    public NettySseConnector() {
        this(Integer.getInteger(IO_THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()));
    }

    public NettySseConnector(int ioThreads) {
        this(ioThreads, null);
    }

    /** With a TLS context of the caller's (tests: a private trust store); {@code null} = JDK defaults on first use. */
    NettySseConnector(int ioThreads, SslContext sslContext) {
        this.sslContext = sslContext;
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, got " + ioThreads);
        }
        this.ioThreads = ioThreads;
        this.group = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("sse-io", true));
    }

    public int ioThreads() {
        return ioThreads;
    }

    @Override
    public SseStream open(SseRequest request, String streamName, SseEventListener listener)
            throws IOException, InterruptedException {
        streams.checkOpen(request, streamName, listener);
        // resolve on the caller's thread: a slow DNS answer must not stall an event loop that reads other streams
        // (reconnects resolve on the loop, normally from the JDK's address cache)
        InetAddress.getAllByName(hostOf(request.uri()));
        NettySseStream stream = new NettySseStream(streamName, request, listener, streams::remove, this, group.next());
        return streams.open(stream, stream::start);
    }

    /** Registers a channel for {@code exchange} on {@code loop} and connects it; call on {@code loop}. */
    ChannelFuture connect(EventLoop loop, URI uri, Duration connectTimeout, NettySseExchange exchange)
            throws IOException {
        InetSocketAddress address = new InetSocketAddress(hostOf(uri), port(uri));
        if (address.isUnresolved()) {
            throw new UnknownHostException(uri.getHost());
        }
        SslContext ssl = "https".equals(uri.getScheme()) ? sslContext() : null;
        long readTimeout = exchange.readTimeoutMillis();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(connectTimeout.toMillis(), Integer.MAX_VALUE))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline pipeline = ch.pipeline();
                        if (ssl != null) {
                            pipeline.addLast(sslHandler(ssl, ch, address.getHostString(), address.getPort()));
                        }
                        pipeline.addLast(new HttpClientCodec());
                        if (readTimeout > 0) {
                            pipeline.addLast(new IdleStateHandler(readTimeout, 0, 0, TimeUnit.MILLISECONDS));
                        }
                        pipeline.addLast(exchange);
                    }
                });
        ChannelFuture registered = bootstrap.register();
        exchange.bind(registered.channel());
        ChannelPromise connected = registered.channel().newPromise();
        registered.addListener(f -> {
            if (f.isSuccess()) {
                registered.channel().connect(address, connected);
            } else {
                connected.setFailure(f.cause());
            }
        });
        return connected;
    }

    private static SslHandler sslHandler(SslContext ssl, SocketChannel ch, String host, int port) {
        SslHandler handler = ssl.newHandler(ch.alloc(), host, port);
        SSLParameters parameters = handler.engine().getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        handler.engine().setSSLParameters(parameters);
        return handler;
    }

    private SslContext sslContext() throws SSLException {
        SslContext ssl = sslContext;
        if (ssl == null) {
            synchronized (this) {
                if (sslContext == null) {
                    sslContext = SslContextBuilder.forClient().build();
                }
                ssl = sslContext;
            }
        }
        return ssl;
    }

    @Override
    public int liveStreams() {
        return streams.size();
    }

    /**
     * Closes every live stream without waiting for the network and lets the event loops finish; later
     * {@link #open} calls fail.
     */
    @Override
    public void close() {
        streams.closeAll();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static String hostOf(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
