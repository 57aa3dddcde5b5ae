package com.instainstru.loadtest.correlation;

import static com.instainstru.loadtest.correlation.LedgerArguments.requireText;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who a message expects: the open streams of each identity and the participants of each conversation; it also
 * keeps the open and listening stream counts.
 */
final class StreamDirectory {

    private final LedgerCounters counters;
    private final AtomicInteger ticketIds = new AtomicInteger();
    private final ConcurrentHashMap<String, Set<StreamTicket>> streamsByIdentity = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> participantsByConversation = new ConcurrentHashMap<>();

    StreamDirectory(LedgerCounters counters) {
        this.counters = counters;
    }

    void setParticipants(String conversationId, Collection<String> identities) {
        requireText(conversationId, "conversationId");
        if (identities == null || identities.isEmpty()) {
            throw new IllegalArgumentException("participants of conversation " + conversationId + " must not be null or empty");
        }
        Set<String> copy = new LinkedHashSet<>();
        for (String identity : identities) {
            copy.add(requireText(identity, "participant identity of conversation " + conversationId));
        }
        participantsByConversation.put(conversationId, Set.copyOf(copy));
    }

    /** Registers a new stream; ticket ids keep increasing across resets. */
    StreamTicket open(DeliveryLedger owner, long generation, String streamName, String identity) {
        requireText(streamName, "streamName");
        requireText(identity, "identity");
        StreamTicket ticket = new StreamTicket(owner, generation, ticketIds.incrementAndGet(), streamName, identity);
        streamsByIdentity.computeIfAbsent(identity, k -> ConcurrentHashMap.newKeySet()).add(ticket);
        counters.streamsOpen.incrementAndGet();
        return ticket;
    }

    void listening(StreamTicket ticket, long nanos) {
        if (ticket.markListening(nanos)) {
            counters.streamsListening.incrementAndGet();
        }
    }

    /** Marks the stream closed and forgets it; false if it already was. */
    boolean close(StreamTicket ticket, CloseCause cause, String detail, long nanos) {
        int previous = ticket.markClosed(cause, detail, nanos);
        if (previous == StreamTicket.ALREADY_CLOSED) {
            return false;
        }
        Set<StreamTicket> streams = streamsByIdentity.get(ticket.identity());
        if (streams != null) {
            streams.remove(ticket);
        }
        counters.streamsOpen.decrementAndGet();
        if (previous == StreamTicket.CLOSED_WHILE_LISTENING) {
            counters.streamsListening.decrementAndGet();
        }
        return true;
    }

    void clear() {
        streamsByIdentity.clear();
        participantsByConversation.clear();
    }

    /**
     * The listening streams of the conversation's participants and the sender, sorted by ticket id (a primitive
     * sort: this runs per send over up to 10^4 streams).
     */
    StreamTicket[] listeningStreams(String conversationId, String senderIdentity) {
        List<StreamTicket> streams = new ArrayList<>();
        for (String identity : participantsOf(conversationId, senderIdentity)) {
            Set<StreamTicket> ofIdentity = streamsByIdentity.get(identity);
            if (ofIdentity != null) {
                for (StreamTicket t : ofIdentity) {
                    // Only streams already listening are expected: one still waiting for its response cannot
                    // be subscribed yet, and a delivery to it is a bonus, not a miss.
                    if (!t.isClosed() && t.isListening()) {
                        streams.add(t);
                    }
                }
            }
        }
        long[] idAndIndex = new long[streams.size()];
        for (int i = 0; i < idAndIndex.length; i++) {
            idAndIndex[i] = ((long) streams.get(i).id << 32) | i;
        }
        Arrays.sort(idAndIndex);
        StreamTicket[] sorted = new StreamTicket[idAndIndex.length];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = streams.get((int) idAndIndex[i]);
        }
        return sorted;
    }

    /** The conversation's declared participants, or an empty list when none were declared. */
    List<String> declaredParticipants(String conversationId) {
        Set<String> declared = participantsByConversation.get(conversationId);
        return declared == null ? List.of() : List.copyOf(declared);
    }

    /** Streams opened and not closed. */
    List<StreamTicket> openStreams() {
        List<StreamTicket> open = new ArrayList<>();
        for (Set<StreamTicket> streams : streamsByIdentity.values()) {
            for (StreamTicket t : streams) {
                if (!t.isClosed()) {
                    open.add(t);
                }
            }
        }
        return open;
    }

    private Set<String> participantsOf(String conversationId, String senderIdentity) {
        Set<String> declared = participantsByConversation.get(conversationId);
        if (declared == null) {
            return Set.of(senderIdentity);
        }
        if (declared.contains(senderIdentity)) {
            return declared;
        }
        Set<String> withSender = new LinkedHashSet<>(declared);
        withSender.add(senderIdentity);
        return withSender;
    }
}
