package com.instainstru.loadtest.refserver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bytes of SSE frames as the backend (sse-starlette) writes them: CRLF line endings, fields in the order
 * {@code id:}, {@code event:}, {@code data:}, a blank line after each event, never {@code retry:}.
 */
final class SseFrames {
    static final String CRLF = "\r\n";

    private SseFrames() {
    }

    static byte[] event(String id, String event, String jsonData) {
        StringBuilder b = new StringBuilder(jsonData.length() + 64);
        if (id != null) {
            b.append("id: ").append(id).append(CRLF);
        }
        b.append("event: ").append(event).append(CRLF);
        b.append("data: ").append(jsonData).append(CRLF).append(CRLF);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] connected(String userId, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", userId);
        data.put("status", "connected");
        data.put("timestamp", PyTime.isoformat(now));
        return event(null, "connected", PyJson.dumps(data));
    }

    static byte[] heartbeat(Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", "heartbeat");
        data.put("timestamp", PyTime.isoformat(now));
        return event(null, "heartbeat", PyJson.dumps(data));
    }

    static byte[] ping(Instant now) {
        return (": ping - " + PyTime.str(now) + CRLF + CRLF).getBytes(StandardCharsets.UTF_8);
    }

    /** A new_message frame whose data line is cut-off, invalid JSON (the malformed-frame fault). */
    static byte[] malformed(String id) {
        return ("id: " + id + CRLF + "event: new_message" + CRLF + "data: {\"message\": {\"id\": \"" + id
                + "\", \"content\": <<garbage" + CRLF + CRLF).getBytes(StandardCharsets.UTF_8);
    }
}
