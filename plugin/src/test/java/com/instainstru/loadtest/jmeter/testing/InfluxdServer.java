package com.instainstru.loadtest.jmeter.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real InfluxDB 1.x ({@code influxd} from Debian's {@code influxdb} package) for one test class: its own
 * config, meta, data and WAL in a temporary folder, HTTP and RPC bound to 127.0.0.1 on free ports, usage
 * reporting off. Every wait is bounded; {@link #close()} stops the process and deletes the folder.
 */
public final class InfluxdServer implements AutoCloseable {

    public static final String REQUIRE = "LOADTEST_REQUIRE_INFLUXDB";
    public static final String NOT_INSTALLED = "influxd not installed: InfluxDB live-metrics tests skipped "
            + "(apt-get install influxdb to run them)";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path dir;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    private InfluxdServer(Process process, Path dir, int httpPort) {
        this.process = process;
        this.dir = dir;
        this.httpPort = httpPort;
    }

    /**
     * The influxd binary, or null (tests skipped) when it is missing; a failure instead when
     * {@code LOADTEST_REQUIRE_INFLUXDB=1}, because then a skip would hide that CI no longer tests InfluxDB.
     */
    public static String binaryOrNull(String binary, String require) {
        if (binary == null && "1".equals(require)) {
            throw new AssertionError("influxd not installed but " + REQUIRE
                    + "=1: the InfluxDB live-metrics tests must run here (apt-get install influxdb)");
        }
        return binary;
    }

    public static String findOnPath() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, "influxd");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    public static InfluxdServer start(String binary) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("influxd-test");
        int httpPort = freePort();
        int rpcPort = freePort();
        Path config = dir.resolve("influxdb.conf");
        Files.writeString(config, String.join("\n",
                "reporting-disabled = true",
                "bind-address = \"127.0.0.1:" + rpcPort + "\"",
                "[meta]",
                "  dir = \"" + dir.resolve("meta") + "\"",
                "[data]",
                "  dir = \"" + dir.resolve("data") + "\"",
                "  wal-dir = \"" + dir.resolve("wal") + "\"",
                "  query-log-enabled = false",
                "[http]",
                "  enabled = true",
                "  bind-address = \"127.0.0.1:" + httpPort + "\"",
                "  log-enabled = false",
                "[monitor]",
                "  store-enabled = false",
                "[continuous_queries]",
                "  enabled = false",
                "[subscriber]",
                "  enabled = false",
                ""));
        Process process = new ProcessBuilder(binary, "run", "-config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("influxd.log").toFile()).start();
        InfluxdServer server = new InfluxdServer(process, dir, httpPort);
        server.awaitPing();
        return server;
    }

    private void awaitPing() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = Files.readString(dir.resolve("influxd.log"));
                close();
                throw new IllegalStateException("influxd exited with " + process.exitValue() + ":\n" + log);
            }
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(uri("/ping")).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("influxd did not answer /ping within " + START_TIMEOUT);
    }

    public String writeUrl(String database) {
        return "http://127.0.0.1:" + httpPort + "/write?db=" + database;
    }

    public void createDatabase(String database) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/query"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + encode("CREATE DATABASE \"" + database + "\"")))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
            throw new IllegalStateException("CREATE DATABASE " + database + ": " + response.body());
        }
    }

    /** The first statement's result of an InfluxQL query ({@code series: [{name, tags, columns, values}]}). */
    public JsonNode query(String database, String influxql) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/query?db=" + encode(database)
                        + "&epoch=ms&q=" + encode(influxql))).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode result = json.readTree(response.body()).path("results").path(0);
        if (response.statusCode() != 200 || result.has("error")) {
            throw new IllegalStateException(influxql + " -> " + response.statusCode() + " " + response.body());
        }
        return result;
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + httpPort + pathAndQuery);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
