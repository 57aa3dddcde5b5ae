package com.instainstru.loadtest.refserver;

import java.util.concurrent.CountDownLatch;

/** {@code java -jar reference-server.jar [options]}: runs until SIGTERM/SIGINT, then shuts down cleanly. */
public final class ReferenceServerMain {
    private ReferenceServerMain() {
    }

    public static void main(String[] args) {
        // Netty would pick up SLF4J (on the classpath for Jedis) and warn that it has no binding; use JUL.
        io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.netty.util.internal.logging.JdkLoggerFactory.INSTANCE);
        CliOptions options;
        try {
            options = CliOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("reference server: " + e.getMessage());
            System.err.print(CliOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(CliOptions.USAGE);
            return;
        }
        ReferenceServer server;
        try {
            server = ReferenceServer.start(options.config);
        } catch (RuntimeException e) {
            System.err.println("reference server: " + e.getMessage());
            System.exit(1);
            return;
        }
        options.applyFaults(server.faults());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.out.println("Reference server stopped (" + server.stats() + ")");
            stopped.countDown();
        }, "refserver-shutdown"));
        for (SeedConversation c : server.seed().conversations()) {
            StringBuilder who = new StringBuilder();
            for (String id : c.participantIds()) {
                server.seed().userById(id).ifPresent(u -> who.append(who.length() == 0 ? "" : ", ").append(u.email()));
            }
            System.out.println("Seeded conversation " + c.id() + " (" + who + ")"
                    + (c.bookingId() == null ? "" : " booking " + c.bookingId()));
        }
        System.out.println("Rate-limit bypass: " + (options.config.hasBypassToken()
                ? "enabled (token from $" + options.bypassTokenEnv + ")" : "disabled"));
        System.out.println("Reference server listening on " + server.baseUrl() + " (warmed up with "
                + server.stats().warmupMessages() + " messages)");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
