package com.instainstru.loadtest.refserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sent message, and the frames that carry it. The frames differ only in {@code is_mine}, so each
 * variant is encoded once and shared by every stream that gets it.
 */
final class MessageEvent {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String id;
    /** The SSE {@code id:} of its frames: the message id, or {@code <millis>:<seq>} with --generic-sse. */
    final String sseId;
    final String conversationId;
    final String content;
    final String senderId;
    final String senderName;
    final String bookingId;
    final String createdAt;
    /** The other participants (everyone but the sender). */
    final List<String> recipientIds;
    private volatile byte[] mineFrame;
    private volatile byte[] othersFrame;

    MessageEvent(String id, String conversationId, String content, String senderId, String senderName,
                 String bookingId, String createdAt, List<String> recipientIds) {
        this(id, id, conversationId, content, senderId, senderName, bookingId, createdAt, recipientIds);
    }

    MessageEvent(String id, String sseId, String conversationId, String content, String senderId, String senderName,
                 String bookingId, String createdAt, List<String> recipientIds) {
        this.id = id;
        this.sseId = sseId;
        this.conversationId = conversationId;
        this.content = content;
        this.senderId = senderId;
        this.senderName = senderName;
        this.bookingId = bookingId;
        this.createdAt = createdAt;
        this.recipientIds = List.copyOf(recipientIds);
    }

    boolean concerns(String userId) {
        return senderId.equals(userId) || recipientIds.contains(userId);
    }

    /** The live new_message frame for a stream of {@code mine ? sender : recipient}. */
    byte[] liveFrame(boolean mine) {
        byte[] f = mine ? mineFrame : othersFrame;
        if (f == null) {
            f = SseFrames.event(sseId, "new_message", PyJson.dumps(livePayload(mine)));
            if (mine) {
                mineFrame = f;
            } else {
                othersFrame = f;
            }
        }
        return f;
    }

    /** The replay shape (after Last-Event-ID): no sender_name, no top-level sender_id/recipient_ids. */
    byte[] replayFrame(boolean mine) {
        Map<String, Object> m = messageFields(false);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("message", m);
        p.put("conversation_id", conversationId);
        p.put("message_type", "user");
        p.put("is_mine", mine);
        return SseFrames.event(sseId, "new_message", PyJson.dumps(p));
    }

    Map<String, Object> livePayload(boolean mine) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("message", messageFields(true));
        p.put("conversation_id", conversationId);
        p.put("sender_id", senderId);
        p.put("recipient_ids", recipientIds);
        p.put("message_type", "user");
        p.put("is_mine", mine);
        return p;
    }

    private Map<String, Object> messageFields(boolean withSenderName) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("content", content);
        m.put("sender_id", senderId);
        if (withSenderName) {
            m.put("sender_name", senderName);
        }
        m.put("booking_id", bookingId);
        m.put("created_at", createdAt);
        m.put("delivered_at", null);
        m.put("edited_at", null);
        m.put("reactions", List.of());
        m.put("message_type", "user");
        return m;
    }

    /** The Redis Pub/Sub payload (is_mine is decided per stream by the receiving server). */
    String toJson() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        if (!sseId.equals(id)) {
            p.put("sse_id", sseId);
        }
        p.put("conversation_id", conversationId);
        p.put("content", content);
        p.put("sender_id", senderId);
        p.put("sender_name", senderName);
        p.put("booking_id", bookingId);
        p.put("created_at", createdAt);
        p.put("recipient_ids", recipientIds);
        try {
            return JSON.writeValueAsString(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode message " + id, e);
        }
    }

    static MessageEvent fromJson(String json) throws IOException {
        JsonNode n = JSON.readTree(json);
        List<String> recipients = new ArrayList<>();
        n.path("recipient_ids").forEach(r -> recipients.add(r.asText()));
        String id = n.path("id").asText();
        return new MessageEvent(id, n.path("sse_id").asText(id), n.path("conversation_id").asText(),
                n.path("content").asText(), n.path("sender_id").asText(), n.path("sender_name").asText(),
                n.path("booking_id").isTextual() ? n.path("booking_id").asText() : null,
                n.path("created_at").asText(), recipients);
    }
}
