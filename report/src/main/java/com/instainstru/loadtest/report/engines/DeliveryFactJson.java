package com.instainstru.loadtest.report.engines;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.instainstru.loadtest.correlation.DeliveryFact;

/**
 * The one JSON form of a {@link DeliveryFact} in a JTL: the engine writes it as the response message of an
 * {@code e2e_delivery_facts} sample (a column every JTL saves, so it reaches the controller in distributed mode
 * without any extra property), the results tool reads it back. The keys are a file format: never rename one;
 * a new key needs a new {@link #VERSION}, and readers keep reading the old ones.
 */
public final class DeliveryFactJson {

    public static final int VERSION = 1;

    // Keys of the format (never renamed).
    private static final String V = "v";
    private static final String KIND = "kind";
    private static final String ENGINE = "engine";
    private static final String TOKEN = "token";
    private static final String CONVERSATION = "conversation";
    private static final String SENDER = "sender";
    private static final String PARTICIPANTS = "participants";
    private static final String SENT_US = "sent_us";
    private static final String OWN = "own";
    private static final String EXPECTED = "expected";
    private static final String DELIVERED = "delivered";
    private static final String RACE = "race_misses";
    private static final String UNOBSERVED = "unobserved";
    private static final String LOST = "lost";
    private static final String LAST_MS = "last_delivery_ms";
    private static final String LOST_STREAMS = "lost_streams";
    private static final String RULES = "rules";
    private static final String RACE_WINDOW_MS = "race_window_ms";
    private static final String CLOSE_GRACE_MS = "close_grace_ms";
    private static final String TIMEOUT_MS = "timeout_ms";
    private static final String STREAM_ID = "stream_id";
    private static final String STREAM = "stream";
    private static final String IDENTITY = "identity";
    private static final String LISTENING_MS = "listening_ms";
    private static final String FIRST_MESSAGE_MS = "first_message_ms";
    private static final String CLOSED_MS = "closed_ms";
    private static final String CAUSE = "cause";
    private static final String RECONNECTING = "reconnecting";
    private static final String DELIVERIES = "deliveries";
    private static final String RECEIVED_MS = "received_ms";

    private static final String SENT_KIND = "sent";
    private static final String SPAN_KIND = "stream";
    private static final String RECEIVED_KIND = "received";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeliveryFactJson() {}

    /** One line of compact JSON (no line breaks: it is one CSV field). */
    public static String write(DeliveryFact fact) {
        ObjectNode o = JSON.createObjectNode();
        o.put(V, VERSION);
        if (fact instanceof DeliveryFact.Sent s) {
            o.put(KIND, SENT_KIND).put(ENGINE, s.engine()).put(TOKEN, s.token()).put(CONVERSATION, s.conversationId())
                    .put(SENDER, s.sender()).put(SENT_US, s.sentEpochMicros());
            ArrayNode participants = o.putArray(PARTICIPANTS);
            s.participants().forEach(participants::add);
            DeliveryFact.OwnFanout own = s.own();
            ObjectNode ownNode = o.putObject(OWN).put(EXPECTED, own.expected()).put(DELIVERED, own.delivered())
                    .put(RACE, own.raceMisses()).put(UNOBSERVED, own.unobserved()).put(LOST, own.lost())
                    .put(LAST_MS, own.lastDeliveryMillis());
            ArrayNode lost = ownNode.putArray(LOST_STREAMS);
            own.lostStreams().forEach(lost::add);
            o.putObject(RULES).put(RACE_WINDOW_MS, s.rules().raceWindowMillis())
                    .put(CLOSE_GRACE_MS, s.rules().closeGraceMillis()).put(TIMEOUT_MS, s.rules().pendingTimeoutMillis());
        } else if (fact instanceof DeliveryFact.StreamSpan s) {
            o.put(KIND, SPAN_KIND).put(ENGINE, s.engine()).put(STREAM_ID, s.streamId())
                    .put(STREAM, s.stream()).put(IDENTITY, s.identity()).put(LISTENING_MS, s.listeningEpochMillis())
                    .put(FIRST_MESSAGE_MS, s.firstMessageEpochMillis()).put(CLOSED_MS, s.closedEpochMillis())
                    .put(CAUSE, s.closeCause()).put(RECONNECTING, s.closedWhileReconnecting());
        } else if (fact instanceof DeliveryFact.Received r) {
            o.put(KIND, RECEIVED_KIND).put(ENGINE, r.engine()).put(TOKEN, r.token());
            ArrayNode deliveries = o.putArray(DELIVERIES);
            for (DeliveryFact.Delivery d : r.deliveries()) {
                deliveries.addObject().put(STREAM_ID, d.streamId()).put(STREAM, d.stream())
                        .put(RECEIVED_MS, d.receivedEpochMillis());
            }
        }
        return o.toString();
    }

    /**
     * Reads a fact back.
     *
     * @throws IllegalArgumentException naming what is wrong (not JSON, unknown version or kind, a missing key)
     */
    public static DeliveryFact read(String text) {
        JsonNode o;
        try {
            o = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a delivery fact (not JSON): " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("not a delivery fact (not a JSON object)");
        }
        int version = number(o, V).intValue();
        if (version != VERSION) {
            throw new IllegalArgumentException("delivery fact version " + version + " is not known to this results tool"
                    + " (it reads version " + VERSION + "): use the results tool of the plugin that made the JTL");
        }
        String kind = text(o, KIND);
        return switch (kind) {
            case SENT_KIND -> sent(o);
            case SPAN_KIND -> new DeliveryFact.StreamSpan(text(o, ENGINE), number(o, STREAM_ID).intValue(),
                    text(o, STREAM), text(o, IDENTITY), number(o, LISTENING_MS).longValue(),
                    number(o, FIRST_MESSAGE_MS).longValue(), number(o, CLOSED_MS).longValue(), text(o, CAUSE),
                    bool(o, RECONNECTING));
            case RECEIVED_KIND -> {
                List<DeliveryFact.Delivery> deliveries = new ArrayList<>();
                for (JsonNode d : array(o, DELIVERIES)) {
                    deliveries.add(new DeliveryFact.Delivery(number(d, STREAM_ID).intValue(), text(d, STREAM),
                            number(d, RECEIVED_MS).longValue()));
                }
                yield new DeliveryFact.Received(text(o, ENGINE), text(o, TOKEN), deliveries);
            }
            default -> throw new IllegalArgumentException("unknown delivery fact kind '" + kind + "'");
        };
    }

    private static DeliveryFact.Sent sent(JsonNode o) {
        List<String> participants = new ArrayList<>();
        array(o, PARTICIPANTS).forEach(p -> participants.add(p.asText()));
        JsonNode own = object(o, OWN);
        List<String> lost = new ArrayList<>();
        array(own, LOST_STREAMS).forEach(l -> lost.add(l.asText()));
        JsonNode rules = object(o, RULES);
        return new DeliveryFact.Sent(text(o, ENGINE), text(o, TOKEN), text(o, CONVERSATION), text(o, SENDER),
                participants, number(o, SENT_US).longValue(),
                new DeliveryFact.OwnFanout(number(own, EXPECTED).intValue(), number(own, DELIVERED).intValue(),
                        number(own, RACE).intValue(), number(own, UNOBSERVED).intValue(), number(own, LOST).intValue(),
                        number(own, LAST_MS).doubleValue(), lost),
                new DeliveryFact.Rules(number(rules, RACE_WINDOW_MS).longValue(), number(rules, CLOSE_GRACE_MS).longValue(),
                        number(rules, TIMEOUT_MS).longValue()));
    }

    private static JsonNode required(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("delivery fact has no '" + key + "'");
        }
        return v;
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = required(o, key);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("delivery fact '" + key + "' must be text, was " + v);
        }
        return v.asText();
    }

    private static Number number(JsonNode o, String key) {
        JsonNode v = required(o, key);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("delivery fact '" + key + "' must be a number, was " + v);
        }
        return v.numberValue();
    }

    private static boolean bool(JsonNode o, String key) {
        JsonNode v = required(o, key);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("delivery fact '" + key + "' must be true or false, was " + v);
        }
        return v.asBoolean();
    }

    private static JsonNode array(JsonNode o, String key) {
        JsonNode v = required(o, key);
        if (!v.isArray()) {
            throw new IllegalArgumentException("delivery fact '" + key + "' must be a list, was " + v);
        }
        return v;
    }

    private static JsonNode object(JsonNode o, String key) {
        JsonNode v = required(o, key);
        if (!v.isObject()) {
            throw new IllegalArgumentException("delivery fact '" + key + "' must be an object, was " + v);
        }
        return v;
    }
}
