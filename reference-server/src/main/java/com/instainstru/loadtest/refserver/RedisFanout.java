package com.instainstru.loadtest.refserver;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPubSub;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out through real Redis Pub/Sub, like the backend: PUBLISH to {@code user:<id>} for each participant;
 * one subscriber connection per server process (PSUBSCRIBE {@code user:*}) hands messages to local streams.
 * Blocking Redis calls run on a dedicated thread, never on an event loop.
 */
final class RedisFanout implements Fanout {
    static final String CHANNEL_PREFIX = "user:";

    private final JedisPool pool;
    // One publisher thread keeps messages from one server in publish order.
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(r -> daemon(r, "refserver-redis-publish"));
    private final Jedis subscriberConnection;
    private final JedisPubSub subscription;
    private final Thread subscriberThread;

    RedisFanout(String redisUrl, StreamHub hub) {
        URI uri = URI.create(redisUrl);
        this.pool = new JedisPool(uri, 2000);
        this.subscriberConnection = new Jedis(uri, 2000, 0); // no read timeout: the subscription idles
        CountDownLatch subscribed = new CountDownLatch(1);
        this.subscription = new JedisPubSub() {
            @Override
            public void onPSubscribe(String pattern, int subscribedChannels) {
                subscribed.countDown();
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                if (!channel.startsWith(CHANNEL_PREFIX)) {
                    return;
                }
                try {
                    hub.deliverToUser(channel.substring(CHANNEL_PREFIX.length()), MessageEvent.fromJson(message));
                } catch (IOException e) {
                    System.err.println("reference server: ignoring undecodable Redis message on " + channel);
                }
            }
        };
        this.subscriberThread = daemon(() -> {
            try {
                subscriberConnection.psubscribe(subscription, CHANNEL_PREFIX + "*");
            } catch (RuntimeException e) {
                if (subscription.isSubscribed() || subscribed.getCount() > 0) {
                    System.err.println("reference server: Redis subscription ended: " + e.getMessage());
                }
            }
        }, "refserver-redis-subscriber");
        subscriberThread.start();
        try {
            if (!subscribed.await(5, TimeUnit.SECONDS)) {
                close();
                throw new IllegalStateException("could not subscribe to Redis at " + uri.getHost() + ":" + uri.getPort()
                        + " within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while subscribing to Redis", e);
        }
    }

    @Override
    public CompletableFuture<Void> publish(MessageEvent event, List<String> participantIds) {
        String payload = event.toJson();
        return CompletableFuture.runAsync(() -> {
            try (Jedis jedis = pool.getResource()) {
                for (String userId : participantIds) {
                    jedis.publish(CHANNEL_PREFIX + userId, payload);
                }
            }
        }, publisher);
    }

    @Override
    public void close() {
        try {
            if (subscription.isSubscribed()) {
                subscription.punsubscribe();
            }
        } catch (RuntimeException ignored) {
            // connection already gone
        }
        try {
            subscriberThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        subscriberConnection.close();
        publisher.shutdown();
        try {
            publisher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.close();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
