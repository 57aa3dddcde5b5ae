package com.instainstru.loadtest.refserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Conversations, bookings, and sending a message (published before the response is written). */
final class MessagingEndpoints {
    static final int MAX_CONTENT_CHARS = 1000;

    private final ServerContext server;

    MessagingEndpoints(ServerContext server) {
        this.server = server;
    }

    void conversations(Exchange ex) {
        Optional<SeedUser> user = server.authenticate(ex);
        if (user.isEmpty()) {
            AuthEndpoints.unauthorized(ex);
            return;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (SeedConversation c : server.seed.conversationsOf(user.get().id())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", c.id());
            item.put("participant_ids", c.participantIds());
            item.put("booking_id", c.bookingId());
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversations", items);
        body.put("next_cursor", null);
        ex.json(HttpResponseStatus.OK, body);
    }

    void bookings(Exchange ex) {
        Optional<SeedUser> user = server.authenticate(ex);
        if (user.isEmpty()) {
            AuthEndpoints.unauthorized(ex);
            return;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (SeedBooking b : server.seed.bookingsOf(user.get().id())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", b.id());
            item.put("status", b.status());
            item.put("student_id", b.studentId());
            item.put("instructor_id", b.instructorId());
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("total", items.size());
        body.put("page", 1);
        body.put("per_page", 20);
        body.put("has_next", false);
        body.put("has_prev", false);
        ex.json(HttpResponseStatus.OK, body);
    }

    void send(Exchange ex, String conversationId, boolean limited) {
        Optional<SeedUser> found = server.authenticate(ex);
        if (found.isEmpty()) {
            AuthEndpoints.unauthorized(ex);
            return;
        }
        SeedUser sender = found.get();
        if (!Ulid.isValid(conversationId)) {
            ex.problem(HttpResponseStatus.UNPROCESSABLE_ENTITY, "VALIDATION_ERROR",
                    "conversation_id must be an upper-case 26-character ULID");
            return;
        }
        JsonNode body;
        try {
            body = Exchange.JSON.readTree(ex.body);
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            ex.problem(HttpResponseStatus.UNPROCESSABLE_ENTITY, "VALIDATION_ERROR", "body must be a JSON object");
            return;
        }
        JsonNode content = body.path("content");
        if (!content.isTextual()) {
            ex.problem(HttpResponseStatus.UNPROCESSABLE_ENTITY, "VALIDATION_ERROR", "content must be a string");
            return;
        }
        String text = content.asText();
        int length = text.codePointCount(0, text.length());
        if (text.isBlank() || length > MAX_CONTENT_CHARS) {
            ex.problem(HttpResponseStatus.UNPROCESSABLE_ENTITY, "VALIDATION_ERROR",
                    "content must be 1.." + MAX_CONTENT_CHARS + " characters and not blank (got " + length + ")");
            return;
        }
        JsonNode booking = body.path("booking_id");
        if (!booking.isMissingNode() && !booking.isNull() && !booking.isTextual()) {
            ex.problem(HttpResponseStatus.UNPROCESSABLE_ENTITY, "VALIDATION_ERROR", "booking_id must be a string or null");
            return;
        }
        Optional<SeedConversation> conversation = server.seed.conversation(conversationId);
        if (conversation.isEmpty() || !conversation.get().hasParticipant(sender.id())) {
            ex.problem(HttpResponseStatus.NOT_FOUND, "CONVERSATION_NOT_FOUND", "Conversation not found");
            return;
        }
        if (!server.withinLimit(ex, limited, server.rateLimits.messagesPerUserConversation,
                sender.id() + "|" + conversationId, "60 messages/min per user and conversation")) {
            return;
        }
        SeedConversation conv = conversation.get();
        Instant now = Instant.now();
        String messageId = server.ulids.next(now.toEpochMilli());
        String sseId = server.config.genericSse()
                ? now.toEpochMilli() + ":" + server.sseSequence.incrementAndGet() : messageId;
        MessageEvent event = new MessageEvent(messageId, sseId, conv.id(), text, sender.id(),
                sender.displayName(), booking.isTextual() ? booking.asText() : null, PyTime.isoformat(now),
                conv.participantIds().stream().filter(id -> !id.equals(sender.id())).toList());
        long delay = server.faults.publishDelayMillis();
        if (delay > 0) {
            // Published `delay` after the request arrived, not after our own parsing and checks; and not by the
            // event loop's scheduler, which wakes up to 1 ms late (see PublishTimer).
            server.publishTimer.scheduleOn(ex.ctx.executor(), () -> publishThenAnswer(ex, conv, event),
                    ex.receivedNanos + delay * 1_000_000L);
        } else {
            publishThenAnswer(ex, conv, event);
        }
    }

    private void publishThenAnswer(Exchange ex, SeedConversation conv, MessageEvent event) {
        server.messageLog.add(event);
        server.stats.messagesSent.incrementAndGet();
        server.fanout.publish(event, conv.participantIds()).whenComplete((ok, failure) -> {
            if (failure != null) {
                ex.problem(HttpResponseStatus.SERVICE_UNAVAILABLE, "PUBLISH_FAILED",
                        "could not publish the message: " + failure.getMessage());
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", event.id);
            body.put("created_at", event.createdAt);
            ex.json(server.config.genericSse() ? HttpResponseStatus.CREATED : HttpResponseStatus.OK, body);
        });
    }
}
