package com.instainstru.loadtest.refserver;

import java.util.List;

/**
 * One account the server knows. {@code twoFactor} accounts get a 2FA challenge instead of a session;
 * inactive accounts are refused with AUTH_ACCOUNT_DEACTIVATED; accounts without {@code messaging}
 * permission get 403 on the stream.
 */
public record SeedUser(String id, String email, String password, String firstName, String lastName,
                       List<String> roles, boolean twoFactor, boolean active, boolean messaging) {
    public SeedUser {
        roles = List.copyOf(roles);
    }

    /** The sender name the backend shows: first name and last initial ("Sarah C."). */
    public String displayName() {
        return lastName.isEmpty() ? firstName : firstName + " " + lastName.charAt(0) + ".";
    }

    public List<String> permissions() {
        return messaging ? List.of("send_messages", "view_messages") : List.of();
    }

    @Override
    public String toString() {
        return "SeedUser[" + email + ", id=" + id + "]"; // never the password
    }
}
