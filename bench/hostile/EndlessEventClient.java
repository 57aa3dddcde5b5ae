import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.instainstru.loadtest.sse.NettySseConnector;
import com.instainstru.loadtest.sse.OkHttpSseConnector;
import com.instainstru.loadtest.sse.SseConnector;
import com.instainstru.loadtest.sse.SseEventListener;
import com.instainstru.loadtest.sse.SseRequest;
import com.instainstru.loadtest.sse.SseStream;

/**
 * Load process for bench/endless-event.sh, built on the plugin's own transports (run with the plugin jar on the
 * class path): keeps --streams streams open to the endless-event server, reopening each one when it fails,
 * for --seconds; then prints "DONE" with the close reasons seen. The script samples this process's RSS.
 * {@code java -cp plugin.jar EndlessEventClient.java --port P --transport netty|okhttp --streams N --seconds S
 * --max-event-bytes B}.
 */
public final class EndlessEventClient {

    public static void main(String[] args) throws Exception {
        int port = 0;
        int streams = 20;
        long seconds = 30;
        int maxEventBytes = SseRequest.DEFAULT_MAX_EVENT_BYTES;
        String transport = "netty";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--streams" -> streams = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Long.parseLong(args[i + 1]);
                case "--max-event-bytes" -> maxEventBytes = Integer.parseInt(args[i + 1]);
                case "--transport" -> transport = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SseRequest request = SseRequest.builder(URI.create("http://127.0.0.1:" + port + "/stream"))
                .connectTimeout(Duration.ofSeconds(5)).maxEventBytes(maxEventBytes).build();
        Map<String, Integer> reasons = new TreeMap<>();
        long opened = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (SseConnector connector = transport.equals("okhttp") ? OkHttpSseConnector.builder().build()
                : new NettySseConnector(2)) {
            List<SseStream> open = new ArrayList<>();
            System.out.println("STARTED");
            while (System.nanoTime() < deadline) {
                for (int i = open.size() - 1; i >= 0; i--) {
                    SseStream s = open.get(i);
                    if (!s.isOpen()) {
                        reasons.merge(s.closeReason().kind().name(), 1, Integer::sum);
                        open.remove(i);
                    }
                }
                while (open.size() < streams && System.nanoTime() < deadline) {
                    open.add(connector.open(request, "endless-" + opened++, SseEventListener.NONE));
                }
                Thread.sleep(50);
            }
            open.forEach(SseStream::close);
        } catch (OutOfMemoryError e) {
            System.out.println("DONE OutOfMemoryError after " + opened + " streams: " + e.getMessage());
            return;
        }
        System.out.println("DONE " + opened + " streams opened; close reasons " + reasons);
    }
}
