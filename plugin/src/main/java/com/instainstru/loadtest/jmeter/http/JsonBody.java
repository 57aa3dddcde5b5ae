package com.instainstru.loadtest.jmeter.http;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A response body read as a JSON object, when it is one: login answers, problem details, send answers. */
public final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBody() {
    }

    /** The body as a JSON object; empty for a blank body, another JSON type, or text that is not JSON. */
    public static Optional<JsonNode> object(String body) {
        if (body == null || !body.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
