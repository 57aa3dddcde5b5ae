package com.instainstru.loadtest.jmeter.stream;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.instainstru.loadtest.sse.SseEvent;

/**
 * What a read waits for: an event name, a regular expression found in {@code data}, and/or a JSON path in
 * {@code data} (dotted, e.g. {@code message.content}) that exists, or equals a value. Empty parts match
 * anything; all given parts must match. Comments match only when asked for.
 */
final class EventCondition {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String eventName;
    private final Pattern dataPattern;
    private final String[] jsonPath;
    private final String jsonValue;
    private final boolean includeComments;

    EventCondition(String eventName, String dataRegex, String jsonPath, String jsonValue, boolean includeComments) {
        this.eventName = eventName.trim();
        try {
            this.dataPattern = dataRegex.isEmpty() ? null : Pattern.compile(dataRegex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Data regex is not valid: " + e.getDescription() + " in '" + dataRegex + "'");
        }
        String path = jsonPath.trim();
        if (path.startsWith("$.")) {
            path = path.substring(2);
        }
        this.jsonPath = path.isEmpty() ? null : path.split("\\.");
        this.jsonValue = jsonValue;
        this.includeComments = includeComments;
    }

    boolean matches(SseEvent event) {
        if (event.isComment()) {
            return includeComments && eventName.isEmpty() && jsonPath == null
                    && (dataPattern == null || dataPattern.matcher(event.data()).find());
        }
        if (!eventName.isEmpty() && !eventName.equals(event.eventName())) {
            return false;
        }
        if (dataPattern != null && !dataPattern.matcher(event.data()).find()) {
            return false;
        }
        return jsonPath == null || jsonMatches(event.data());
    }

    private boolean jsonMatches(String data) {
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (java.io.IOException e) {
            return false;
        }
        for (String part : jsonPath) {
            if (node == null) {
                return false;
            }
            node = node.isArray() && part.matches("\\d+") ? node.get(Integer.parseInt(part)) : node.get(part);
        }
        if (node == null || node.isMissingNode()) {
            return false;
        }
        return jsonValue.isEmpty() || jsonValue.equals(node.isValueNode() ? node.asText() : node.toString());
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        text.append(eventName.isEmpty() ? "any event" : "event '" + eventName + "'");
        if (dataPattern != null) {
            text.append(" with data matching /").append(dataPattern.pattern()).append('/');
        }
        if (jsonPath != null) {
            text.append(" with JSON ").append(String.join(".", jsonPath))
                    .append(jsonValue.isEmpty() ? " present" : " = '" + jsonValue + "'");
        }
        return text.toString();
    }
}
