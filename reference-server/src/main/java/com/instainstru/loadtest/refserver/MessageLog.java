package com.instainstru.loadtest.refserver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The most recent messages, kept for Last-Event-ID replay. */
final class MessageLog {
    static final int REPLAY_LIMIT = 100;
    private static final int CAPACITY = 10_000;

    private final ArrayDeque<MessageEvent> recent = new ArrayDeque<>();

    synchronized void add(MessageEvent event) {
        if (recent.size() == CAPACITY) {
            recent.removeFirst();
        }
        recent.addLast(event);
    }

    /**
     * Up to 100 messages for {@code userId} newer than {@code lastEventId}, oldest first. ULIDs sort by time as
     * text; {@code <millis>:<seq>} ids (--generic-sse) by their sequence.
     */
    synchronized List<MessageEvent> after(String lastEventId, String userId) {
        List<MessageEvent> out = new ArrayList<>();
        for (MessageEvent e : recent) {
            if (newer(e.sseId, lastEventId) && e.concerns(userId)) {
                out.add(e);
                if (out.size() == REPLAY_LIMIT) {
                    break;
                }
            }
        }
        return out;
    }

    private static boolean newer(String id, String than) {
        int colon = id.indexOf(':');
        int thanColon = than.indexOf(':');
        if (colon > 0 && thanColon > 0) {
            try {
                return Long.parseLong(id.substring(colon + 1)) > Long.parseLong(than.substring(thanColon + 1));
            } catch (NumberFormatException e) {
                return false; // not one of ours: replay nothing rather than everything
            }
        }
        return id.compareTo(than) > 0;
    }
}
