package com.instainstru.loadtest.refserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts, conversations and bookings the server starts with. The default seed uses fixed ids so a
 * {@code conversations.json} written for the reference server stays valid across restarts.
 *
 * <p>Users file format ({@code --users-file}):
 * <pre>{@code
 * {"users": [{"email": "a@x.com", "password": "...", "first_name": "A", "last_name": "B",
 *             "roles": ["student"], "id": "<ULID, optional>", "two_factor": false, "active": true,
 *             "messaging": true}],
 *  "conversations": [{"participants": ["a@x.com", "b@x.com"], "id": "<ULID, optional>",
 *                     "booking": {"id": "<ULID, optional>", "status": "CONFIRMED"}}],
 *  "include_defaults": true}
 * }</pre>
 * With {@code include_defaults} (the default) the built-in accounts and conversation are kept as well.
 */
public final class SeedData {
    public static final String DEFAULT_PASSWORD = "Test1234";
    public static final String SARAH_ID = "01JCZ0SARAHCHEN00000000001";
    public static final String EMMA_ID = "01JCZ0EMMAJ0HNS0N000000001";
    public static final String TWO_FA_ID = "01JCZ0TW0FA000000000000001";
    public static final String DEACTIVATED_ID = "01JCZ0DEACTVATED0000000001";
    public static final String NO_MESSAGING_ID = "01JCZ0N0MESSAGES0000000001";
    public static final String CONVERSATION_ID = "01JCZ0C0NVERSAT10N00000001";
    public static final String BOOKING_ID = "01JCZ0B00K1NG0000000000001";

    private final Map<String, SeedUser> usersByEmail;
    private final Map<String, SeedUser> usersById;
    private final Map<String, SeedConversation> conversations;
    private final List<SeedBooking> bookings;

    private SeedData(List<SeedUser> users, List<SeedConversation> conversations, List<SeedBooking> bookings) {
        Map<String, SeedUser> byEmail = new LinkedHashMap<>();
        Map<String, SeedUser> byId = new LinkedHashMap<>();
        for (SeedUser u : users) {
            if (!Ulid.isValid(u.id())) {
                throw new IllegalArgumentException("user id is not an upper-case ULID: " + u.id());
            }
            if (byEmail.put(u.email().toLowerCase(Locale.ROOT), u) != null) {
                throw new IllegalArgumentException("duplicate user e-mail: " + u.email());
            }
            if (byId.put(u.id(), u) != null) {
                throw new IllegalArgumentException("duplicate user id: " + u.id());
            }
        }
        Map<String, SeedConversation> convs = new LinkedHashMap<>();
        for (SeedConversation c : conversations) {
            if (!Ulid.isValid(c.id())) {
                throw new IllegalArgumentException("conversation id is not an upper-case ULID: " + c.id());
            }
            if (convs.put(c.id(), c) != null) {
                throw new IllegalArgumentException("duplicate conversation id: " + c.id());
            }
        }
        this.usersByEmail = Map.copyOf(byEmail);
        this.usersById = Collections.unmodifiableMap(byId);
        this.conversations = Collections.unmodifiableMap(convs);
        this.bookings = List.copyOf(bookings);
    }

    /** sarah.chen (instructor) and emma.johnson (student) sharing one conversation and a CONFIRMED booking, plus
     * a 2FA account, a deactivated account and an account without messaging permission. */
    public static SeedData defaults() {
        return defaults(DEFAULT_PASSWORD);
    }

    /** The default seed with another password for every account. */
    public static SeedData defaults(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("seed password must not be empty");
        }
        List<SeedUser> users = defaultUsers(password);
        return new SeedData(users,
                List.of(new SeedConversation(CONVERSATION_ID, List.of(SARAH_ID, EMMA_ID), BOOKING_ID)),
                List.of(new SeedBooking(BOOKING_ID, "CONFIRMED", EMMA_ID, SARAH_ID)));
    }

    private static List<SeedUser> defaultUsers(String password) {
        return List.of(
                new SeedUser(SARAH_ID, "sarah.chen@example.com", password, "Sarah", "Chen",
                        List.of("instructor"), false, true, true),
                new SeedUser(EMMA_ID, "emma.johnson@example.com", password, "Emma", "Johnson",
                        List.of("student"), false, true, true),
                new SeedUser(TWO_FA_ID, "twofa.user@example.com", password, "Twofa", "User",
                        List.of("student"), true, true, true),
                new SeedUser(DEACTIVATED_ID, "deactivated.user@example.com", password, "Deactivated", "User",
                        List.of("student"), false, false, true),
                new SeedUser(NO_MESSAGING_ID, "no.messaging@example.com", password, "Nomessaging", "User",
                        List.of("student"), false, true, false));
    }

    /** Reads a users file (format in the class comment). Errors name the offending entry. */
    public static SeedData fromFile(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException("cannot read users file " + file + ": " + e.getMessage(), e);
        }
        return fromJson(root, file.toString());
    }

    static SeedData fromJson(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": top level must be a JSON object");
        }
        Ulid ids = new Ulid();
        long now = System.currentTimeMillis();
        List<SeedUser> users = new ArrayList<>();
        List<SeedConversation> conversations = new ArrayList<>();
        List<SeedBooking> bookings = new ArrayList<>();
        if (root.path("include_defaults").asBoolean(true)) {
            SeedData d = defaults();
            users.addAll(d.usersById.values());
            conversations.addAll(d.conversations.values());
            bookings.addAll(d.bookings);
        }
        Map<String, SeedUser> byEmail = new LinkedHashMap<>();
        users.forEach(u -> byEmail.put(u.email().toLowerCase(Locale.ROOT), u));
        JsonNode userNodes = root.path("users");
        if (!userNodes.isMissingNode() && !userNodes.isArray()) {
            throw new IllegalArgumentException(source + ": \"users\" must be an array");
        }
        for (int i = 0; i < userNodes.size(); i++) {
            JsonNode n = userNodes.get(i);
            String where = source + ": users[" + i + "]";
            String email = requiredText(n, "email", where);
            String password = requiredText(n, "password", where);
            List<String> roles = new ArrayList<>();
            n.path("roles").forEach(r -> roles.add(r.asText()));
            if (roles.isEmpty()) {
                roles.add("student");
            }
            SeedUser u = new SeedUser(n.path("id").asText(ids.next(now)), email, password,
                    n.path("first_name").asText(email.substring(0, Math.max(1, email.indexOf('@')))),
                    n.path("last_name").asText(""), roles, n.path("two_factor").asBoolean(false),
                    n.path("active").asBoolean(true), n.path("messaging").asBoolean(true));
            if (byEmail.containsKey(email.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(where + ": duplicate e-mail " + email);
            }
            byEmail.put(email.toLowerCase(Locale.ROOT), u);
            users.add(u);
        }
        JsonNode convNodes = root.path("conversations");
        if (!convNodes.isMissingNode() && !convNodes.isArray()) {
            throw new IllegalArgumentException(source + ": \"conversations\" must be an array");
        }
        for (int i = 0; i < convNodes.size(); i++) {
            JsonNode n = convNodes.get(i);
            String where = source + ": conversations[" + i + "]";
            JsonNode parts = n.path("participants");
            if (!parts.isArray() || parts.size() < 2) {
                throw new IllegalArgumentException(where + ": \"participants\" must list at least two e-mails");
            }
            List<SeedUser> members = new ArrayList<>();
            for (JsonNode p : parts) {
                SeedUser u = byEmail.get(p.asText().toLowerCase(Locale.ROOT));
                if (u == null) {
                    throw new IllegalArgumentException(where + ": unknown participant " + p.asText());
                }
                members.add(u);
            }
            String bookingId = null;
            JsonNode b = n.path("booking");
            if (b.isObject()) {
                bookingId = b.path("id").asText(ids.next(now));
                SeedUser instructor = members.stream().filter(m -> m.roles().contains("instructor"))
                        .findFirst().orElse(members.get(0));
                SeedUser student = members.stream().filter(m -> m != instructor).findFirst().orElseThrow();
                bookings.add(new SeedBooking(bookingId, b.path("status").asText("CONFIRMED"),
                        student.id(), instructor.id()));
            }
            conversations.add(new SeedConversation(n.path("id").asText(ids.next(now)),
                    members.stream().map(SeedUser::id).toList(), bookingId));
        }
        return new SeedData(users, conversations, bookings);
    }

    private static String requiredText(JsonNode n, String field, String where) {
        JsonNode v = n.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": missing or empty \"" + field + "\"");
        }
        return v.asText();
    }

    public List<SeedUser> users() {
        return List.copyOf(usersById.values());
    }

    public Optional<SeedUser> userByEmail(String email) {
        return Optional.ofNullable(email == null ? null : usersByEmail.get(email.toLowerCase(Locale.ROOT)));
    }

    public Optional<SeedUser> userById(String id) {
        return Optional.ofNullable(id == null ? null : usersById.get(id));
    }

    public List<SeedConversation> conversations() {
        return List.copyOf(conversations.values());
    }

    public Optional<SeedConversation> conversation(String id) {
        return Optional.ofNullable(conversations.get(id));
    }

    public List<SeedConversation> conversationsOf(String userId) {
        return conversations.values().stream().filter(c -> c.hasParticipant(userId)).toList();
    }

    public List<SeedBooking> bookings() {
        return bookings;
    }

    public List<SeedBooking> bookingsOf(String userId) {
        return bookings.stream()
                .filter(b -> b.studentId().equals(userId) || b.instructorId().equals(userId)).toList();
    }
}
