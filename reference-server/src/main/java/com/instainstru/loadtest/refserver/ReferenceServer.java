package com.instainstru.loadtest.refserver;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The reference messaging server: the backend's HTTP API and SSE stream (shared/protocol.md) on Netty
 * event loops, with fault knobs for testing clients. Start with {@link #start(ReferenceServerConfig)}.
 */
public final class ReferenceServer implements AutoCloseable {
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final ReferenceServerConfig config;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final ServerContext context;
    private final int port;
    private volatile boolean closed;

    private ReferenceServer(ReferenceServerConfig config, EventLoopGroup boss, EventLoopGroup workers,
                            Channel serverChannel, ServerContext context) {
        this.config = config;
        this.boss = boss;
        this.workers = workers;
        this.serverChannel = serverChannel;
        this.context = context;
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Binds and returns once the server is listening (and, in Redis mode, subscribed). */
    public static ReferenceServer start(ReferenceServerConfig config) {
        EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("refserver-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(config.ioThreads(),
                new DefaultThreadFactory("refserver-io", true));
        FaultKnobs faults = new FaultKnobs(config.randomSeed());
        ServerStats stats = new ServerStats();
        try {
            StreamHub hub = new StreamHub(workers, stats, faults, config.pingInterval().toNanos(),
                    config.heartbeatIdle().toNanos());
            ServerContext context = new ServerContext(config, faults, stats, hub);
            context.fanout = config.redisUrl() == null ? new LocalFanout(hub) : new RedisFanout(config.redisUrl(), hub);
            int warmed = ServerWarmup.run(config, boss, workers,
                    h -> pipeline(h, config.requestReadTimeout()), config.warmupMessages());
            if (warmed > 0) {
                stats.warmupMessages = warmed;
            }
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(pipeline(new HttpRequestHandler(context), config.requestReadTimeout()));
            Channel channel;
            try {
                channel = bootstrap.bind(config.host(), config.port()).sync().channel();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                context.fanout.close();
                context.publishTimer.close();
                throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port()
                        + ": " + e.getMessage(), e);
            }
            return new ReferenceServer(config, boss, workers, channel, context);
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * HTTP/1.1 codec, a deadline for the request, whole requests (413 as problem JSON), then the API: the same
     * for the real port and the warm-up's.
     */
    private static ChannelInitializer<SocketChannel> pipeline(HttpRequestHandler handler, Duration requestTimeout) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.config().setTcpNoDelay(true);
                ch.pipeline()
                        .addLast("http", new HttpServerCodec())
                        .addLast("request-timeout", new RequestReadTimeout(requestTimeout))
                        .addLast("aggregate", new OversizedRequestAggregator(MAX_REQUEST_BYTES))
                        .addLast("api", handler);
            }
        };
    }

    public int port() {
        return port;
    }

    /** e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
    public String baseUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port;
    }

    public ReferenceServerConfig config() {
        return config;
    }

    public FaultKnobs faults() {
        return context.faults;
    }

    public SeedData seed() {
        return context.seed;
    }

    public ServerStats stats() {
        return context.stats;
    }

    /** Stops accepting, ends every stream, stops Redis fan-out and the event loops. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        context.publishTimer.close();
        context.hub.closeAll(2000);
        context.fanout.close();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
