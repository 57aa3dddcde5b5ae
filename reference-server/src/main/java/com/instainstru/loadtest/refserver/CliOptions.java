package com.instainstru.loadtest.refserver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Command-line options of the executable jar. The bypass token is read only from the environment
 * (never from the command line, where it would show in process listings).
 */
final class CliOptions {
    static final String USAGE = """
            Usage: java -jar reference-server.jar [options]
              --host H                   bind address (default 127.0.0.1)
              --port N                   port (default 8000; 0 = any free port)
              --frontend-origin URL      origin required on writes by CSRF (default https://preview.instainstru.com)
              --no-csrf                  do not check Origin/Referer on writes
              --no-rate-limit            turn all rate limits off
              --token-in-body            also return access_token/token_type in the login body
              --generic-sse              not InstaInstru-shaped: token in the login body, send answers 201,
                                         event ids <millis>:<seq>, no 'connected' event, stream body ends
                                         with the connection (no chunked encoding)
              --bypass-token-env NAME    env variable holding the X-Rate-Limit-Bypass token
                                         (default REFSERVER_BYPASS_TOKEN; unset = no bypass)
              --bypass-token-file FILE   read the bypass token from FILE; if FILE does not exist, generate a
                                         random one and write it there (owner-only), for tools started
                                         next to the server (overrides --bypass-token-env)
              --seed-password-file FILE  the seeded accounts' password, read from FILE (created with a random
                                         value if missing); overrides REFSERVER_SEED_PASSWORD
              --redis-url URL            fan out through Redis Pub/Sub, e.g. redis://127.0.0.1:6379
              --ping-interval-seconds S  ': ping' comment interval (default 15)
              --heartbeat-idle-seconds S heartbeat event after S seconds without events (default 30)
              --request-timeout-seconds S close a connection that has not sent a whole request within S
                                         seconds of opening or of starting one (default 10; open SSE
                                         streams are not affected)
              --users-file FILE          extra users/conversations (JSON, see SeedData)
              --random-seed N            seed for the fault random source (default 42)
              --login-concurrency N      concurrent password verifications (default 10)
              --login-delay-ms N         time each password verification takes (default 0)
              --publish-delay-ms N       publish (and answer) a sent message N ms after its request arrived
              --drop-fraction F          fraction of deliveries dropped
              --duplicate-fraction F     fraction of deliveries sent twice
              --close-after-events N     close each stream after N events
              --close-after-seconds S    close each stream after S seconds
              --error-fraction F         fraction of requests answered with --error-status
              --error-status N           status for --error-fraction (default 503)
              --stall-fraction F         fraction of streams that send headers and then nothing
              --malformed-fraction F     fraction of deliveries replaced by a malformed frame
              --subscribe-gap-ms N       messages published this long after 'connected' are lost
              --warmup-messages N        messages sent to a private listener before the port opens, so the
                                         first clients do not meet cold (interpreted) code (default 5000, 0 = off)
              --help                     this text
            Environment: REFSERVER_SEED_PASSWORD sets the seeded accounts' password (default Test1234).
            """;

    private static final java.util.Set<String> VALUE_OPTIONS = java.util.Set.of("--host", "--port",
            "--frontend-origin", "--bypass-token-env", "--bypass-token-file", "--seed-password-file", "--redis-url", "--ping-interval-seconds",
            "--heartbeat-idle-seconds", "--request-timeout-seconds", "--users-file", "--random-seed", "--login-concurrency", "--login-delay-ms",
            "--publish-delay-ms", "--drop-fraction", "--duplicate-fraction", "--close-after-events",
            "--close-after-seconds", "--error-fraction", "--error-status", "--stall-fraction", "--malformed-fraction",
            "--subscribe-gap-ms", "--warmup-messages");

    /** The executable warms up by default: its latency should be the server's, not the JIT's. */
    static final int DEFAULT_WARMUP_MESSAGES = 5000;

    ReferenceServerConfig config = ReferenceServerConfig.defaults().withWarmupMessages(DEFAULT_WARMUP_MESSAGES);
    static final String SEED_PASSWORD_ENV = "REFSERVER_SEED_PASSWORD";
    String bypassTokenEnv = "REFSERVER_BYPASS_TOKEN";
    Path bypassTokenFile;
    Path seedPasswordFile;
    boolean usersFileGiven;
    boolean help;
    long loginDelayMs;
    long publishDelayMs;
    double dropFraction;
    double duplicateFraction;
    int closeAfterEvents;
    double closeAfterSeconds;
    double errorFraction;
    int errorStatus = 503;
    double stallFraction;
    double malformedFraction;
    long subscribeGapMs;

    /** Parses {@code args}; throws IllegalArgumentException with a message naming the bad option. */
    static CliOptions parse(String[] args, Map<String, String> env) {
        CliOptions o = new CliOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> o.help = true;
                case "--no-csrf" -> o.config = o.config.withCsrf(false);
                case "--no-rate-limit" -> o.config = o.config.withRateLimits(false);
                case "--token-in-body" -> o.config = o.config.withTokenInBody(true);
                case "--generic-sse" -> o.config = o.config.withGenericSse(true);
                default -> {
                    if (a.startsWith("--") && !VALUE_OPTIONS.contains(a)) {
                        throw new IllegalArgumentException("unknown option: " + a + " (see --help)");
                    }
                    if (i + 1 >= args.length || !a.startsWith("--")) {
                        throw new IllegalArgumentException(a.startsWith("--")
                                ? "option " + a + " needs a value" : "unexpected argument: " + a);
                    }
                    o.apply(a, args[++i]);
                }
            }
        }
        if (o.errorFraction > 0 || o.errorStatus != 503) {
            o.checkStatus();
        }
        String token = o.bypassTokenFile != null ? SecretFile.readOrCreate(o.bypassTokenFile)
                : env.get(o.bypassTokenEnv);
        if (token != null && !token.isBlank()) {
            o.config = o.config.withBypassToken(token);
        }
        String seedPassword = o.seedPasswordFile != null ? SecretFile.readOrCreate(o.seedPasswordFile)
                : env.get(SEED_PASSWORD_ENV);
        if (seedPassword != null && !seedPassword.isEmpty() && !o.usersFileGiven) {
            // Scripts pass a random password so that no password needs to live in the repository.
            o.config = o.config.withSeed(SeedData.defaults(seedPassword));
        }
        return o;
    }

    private void apply(String option, String value) {
        switch (option) {
            case "--host" -> config = config.withHost(value);
            case "--port" -> config = config.withPort(intValue(option, value));
            case "--frontend-origin" -> config = config.withFrontendOrigin(value);
            case "--bypass-token-env" -> bypassTokenEnv = value;
            case "--bypass-token-file" -> bypassTokenFile = Path.of(value);
            case "--seed-password-file" -> seedPasswordFile = Path.of(value);
            case "--redis-url" -> config = config.withRedisUrl(value);
            case "--ping-interval-seconds" -> config = config.withPingInterval(seconds(option, value));
            case "--heartbeat-idle-seconds" -> config = config.withHeartbeatIdle(seconds(option, value));
            case "--request-timeout-seconds" -> config = config.withRequestReadTimeout(seconds(option, value));
            case "--users-file" -> {
                usersFileGiven = true;
                try {
                    config = config.withSeed(SeedData.fromFile(Path.of(value)));
                } catch (IOException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
            case "--random-seed" -> config = config.withRandomSeed(longValue(option, value));
            case "--login-concurrency" -> config = config.withLoginConcurrency(intValue(option, value));
            case "--login-delay-ms" -> loginDelayMs = nonNegative(option, longValue(option, value));
            case "--publish-delay-ms" -> publishDelayMs = nonNegative(option, longValue(option, value));
            case "--drop-fraction" -> dropFraction = fraction(option, value);
            case "--duplicate-fraction" -> duplicateFraction = fraction(option, value);
            case "--close-after-events" -> closeAfterEvents = (int) nonNegative(option, intValue(option, value));
            case "--close-after-seconds" -> closeAfterSeconds = nonNegative(option, doubleValue(option, value));
            case "--error-fraction" -> errorFraction = fraction(option, value);
            case "--error-status" -> errorStatus = intValue(option, value);
            case "--stall-fraction" -> stallFraction = fraction(option, value);
            case "--malformed-fraction" -> malformedFraction = fraction(option, value);
            case "--subscribe-gap-ms" -> subscribeGapMs = nonNegative(option, longValue(option, value));
            case "--warmup-messages" -> config = config.withWarmupMessages(intValue(option, value));
            default -> throw new IllegalArgumentException("unknown option: " + option + " (see --help)");
        }
    }

    void applyFaults(FaultKnobs f) {
        f.setLoginDelayMillis(loginDelayMs);
        f.setPublishDelayMillis(publishDelayMs);
        f.setDropFraction(dropFraction);
        f.setDuplicateFraction(duplicateFraction);
        f.setCloseAfterEvents(closeAfterEvents);
        f.setCloseAfterSeconds(closeAfterSeconds);
        f.setErrorFraction(errorFraction, errorStatus);
        f.setStallFraction(stallFraction);
        f.setMalformedFraction(malformedFraction);
        f.setSubscribeGapMillis(subscribeGapMs);
    }

    private void checkStatus() {
        if (errorStatus < 400 || errorStatus > 599) {
            throw new IllegalArgumentException("--error-status must be 400..599, got " + errorStatus);
        }
    }

    private static int intValue(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects an integer, got '" + value + "'");
        }
    }

    private static long longValue(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects an integer, got '" + value + "'");
        }
    }

    private static double doubleValue(String option, String value) {
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number, got '" + value + "'");
        }
    }

    private static double fraction(String option, String value) {
        double d = doubleValue(option, value);
        if (d < 0 || d > 1) {
            throw new IllegalArgumentException(option + " must be between 0 and 1, got " + value);
        }
        return d;
    }

    private static Duration seconds(String option, String value) {
        double d = doubleValue(option, value);
        if (d <= 0) {
            throw new IllegalArgumentException(option + " must be > 0, got " + value);
        }
        return Duration.ofNanos((long) (d * 1e9));
    }

    private static long nonNegative(String option, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(option + " must be >= 0, got " + v);
        }
        return v;
    }

    private static double nonNegative(String option, double v) {
        if (v < 0) {
            throw new IllegalArgumentException(option + " must be >= 0, got " + v);
        }
        return v;
    }
}
