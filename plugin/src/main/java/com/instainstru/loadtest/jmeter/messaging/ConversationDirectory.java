package com.instainstru.loadtest.jmeter.messaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The old suite's {@code config/conversations.json}: account e-mail → {@code conversation_id} and
 * {@code booking_id} (may be null). Keys starting with {@code _} (e.g. {@code _comment}) are ignored. A
 * conversation's participants are the accounts mapped to it, which is what the delivery ledger expects to
 * hear a message on.
 */
public final class ConversationDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Entry> byAccount;

    private ConversationDirectory(Map<String, Entry> byAccount) {
        this.byAccount = Collections.unmodifiableMap(byAccount);
    }

    /**
     * The scripts' check before any load: {@code java -cp <plugin jar> ...ConversationDirectory <file>}. Exit 0
     * (prints the account count) when the plan can use the file, 2 with the reason when it cannot.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ConversationDirectory <conversation mapping file>");
            System.exit(2);
        }
        try {
            ConversationDirectory directory = load(Path.of(args[0]));
            System.out.println(args[0] + ": " + directory.size() + " account(s), "
                    + directory.participantsByConversation().size() + " conversation(s)");
        } catch (IOException | RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    public static ConversationDirectory load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("conversation mapping file not found: " + file.toAbsolutePath());
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("conversation mapping file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        return parse(root, file.toString());
    }

    static ConversationDirectory parse(JsonNode root, String source) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": expected a JSON object {\"<email>\": {\"conversation_id\": ...}}");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String account = field.getKey();
            if (account.startsWith("_")) {
                continue;
            }
            JsonNode value = field.getValue();
            String conversation = value.path("conversation_id").asText("");
            if (!value.isObject() || conversation.isBlank()) {
                throw new IOException(source + ": entry '" + account + "' needs a non-empty \"conversation_id\"");
            }
            JsonNode booking = value.get("booking_id");
            entries.put(account, new Entry(conversation,
                    booking == null || booking.isNull() || booking.asText().isBlank() ? null : booking.asText()));
        }
        return new ConversationDirectory(entries);
    }

    public Optional<Entry> lookup(String account) {
        return Optional.ofNullable(byAccount.get(account));
    }

    /** conversation id → accounts mapped to it, in file order. */
    public Map<String, Set<String>> participantsByConversation() {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        byAccount.forEach((account, entry) ->
                result.computeIfAbsent(entry.conversationId(), k -> new LinkedHashSet<>()).add(account));
        return result;
    }

    public int size() {
        return byAccount.size();
    }

    /** One account's conversation and optional booking. */
    public record Entry(String conversationId, String bookingId) {
    }
}
