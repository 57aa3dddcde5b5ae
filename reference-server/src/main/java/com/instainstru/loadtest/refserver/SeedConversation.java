package com.instainstru.loadtest.refserver;

import java.util.List;

/** A conversation between participants (user ids), optionally tied to a booking id. */
public record SeedConversation(String id, List<String> participantIds, String bookingId) {
    public SeedConversation {
        participantIds = List.copyOf(participantIds);
    }

    public boolean hasParticipant(String userId) {
        return participantIds.contains(userId);
    }
}
