package com.instainstru.loadtest.jmeter.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs line-protocol text to the same write URL (and token) JMeter's InfluxDB sender uses. JMeter's sender
 * class is package-private, so the ledger's points go through the JDK's HTTP client: no new dependency.
 * Periodic writes never block the listener's timer (one in flight; a tick that finds one still running is
 * skipped, the next carries the newer totals anyway); the last write at test end waits, bounded.
 */
final class InfluxWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InfluxWriter.class);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(4);

    private final URI url;
    private final String token;
    private final ExecutorService executor;
    private final HttpClient client;
    private final AtomicBoolean failing = new AtomicBoolean();
    private CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);

    InfluxWriter(String url, String token) {
        this.url = URI.create(url);
        if (!"http".equals(this.url.getScheme()) && !"https".equals(this.url.getScheme())) {
            throw new IllegalArgumentException("InfluxDB write URL must be http(s)://...: " + url);
        }
        this.token = token == null ? "" : token.trim();
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "loadtest-influx-writer");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Sends without waiting; false if the previous write is still running (this one is dropped). */
    synchronized boolean sendAsync(String lines) {
        if (!inFlight.isDone()) {
            return false;
        }
        inFlight = client.sendAsync(request(lines), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, error) -> note(response, error));
        return true;
    }

    /** Waits for a running write, then sends and waits for this one; each bounded by the request timeout. */
    void sendAndWait(String lines) {
        CompletableFuture<?> previous;
        synchronized (this) {
            previous = inFlight;
        }
        try {
            previous.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // noted by its own completion handler, if it completes at all
        }
        HttpResponse<String> response = null;
        Exception error = null;
        try {
            response = client.send(request(lines), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = e;
        } catch (Exception e) {
            error = e;
        }
        note(response, error);
    }

    private HttpRequest request(String lines) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(lines, StandardCharsets.UTF_8));
        if (!token.isEmpty()) {
            request.header("Authorization", "Token " + token); // as JMeter's sender does (InfluxDB 2)
        }
        return request.build();
    }

    /** One warning when writes start failing and one when they work again, not one per interval. */
    private void note(HttpResponse<String> response, Throwable error) {
        boolean ok = error == null && response != null && response.statusCode() / 100 == 2;
        if (ok) {
            if (failing.compareAndSet(true, false)) {
                log.info("InfluxDB writes to {} work again", redacted());
            }
            return;
        }
        String why = error != null ? error.toString()
                : "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
        if (failing.compareAndSet(false, true)) {
            log.warn("InfluxDB write to {} failed ({}); the engine's ledger and heap series miss these points", redacted(), why);
        } else {
            log.debug("InfluxDB write failed again: {}", why);
        }
    }

    String redacted() {
        return redacted(url.toString());
    }

    /** The URL without its query: InfluxDB 1.x takes u= and p= there, which must not reach a log. */
    static String redacted(String url) {
        try {
            URI u = URI.create(url.trim()); // user info (user:password@) goes too
            return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                    + (u.getPath() == null ? "" : u.getPath());
        } catch (IllegalArgumentException e) {
            return "(an invalid URL)";
        }
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
