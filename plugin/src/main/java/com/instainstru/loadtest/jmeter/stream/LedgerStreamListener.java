package com.instainstru.loadtest.jmeter.stream;

import com.instainstru.loadtest.correlation.CloseCause;
import com.instainstru.loadtest.correlation.DeliveryLedger;
import com.instainstru.loadtest.correlation.StreamTicket;
import com.instainstru.loadtest.sse.CloseReason;
import com.instainstru.loadtest.sse.SseEvent;
import com.instainstru.loadtest.sse.SseEventListener;
import com.instainstru.loadtest.sse.SseStream;

/**
 * Feeds the delivery ledger from the stream's reader thread, so a delivery is stamped when it comes off the
 * socket whether or not a sampler is reading the stream at that moment. The first event (the backend's
 * {@code connected}) marks the stream as listening; every event named like the correlated event is offered
 * to the ledger, which finds the token in the raw data without parsing JSON. A reconnect outage is passed on, so
 * what the stream is owed while it reconnects is not counted lost if the client closes it meanwhile.
 */
final class LedgerStreamListener implements SseEventListener {

    private final DeliveryLedger ledger;
    private final StreamTicket ticket;
    private final String correlatedEvent;
    private volatile boolean listening;

    LedgerStreamListener(DeliveryLedger ledger, StreamTicket ticket, String correlatedEvent) {
        this.ledger = ledger;
        this.ticket = ticket;
        this.correlatedEvent = correlatedEvent;
    }

    @Override
    public void onEvent(SseStream stream, SseEvent event) {
        if (event.isComment()) {
            return;
        }
        if (!listening) {
            listening = true;
            ledger.streamListening(ticket, event.receivedNanos());
        }
        if (correlatedEvent.isEmpty() || correlatedEvent.equals(event.eventName())) {
            ledger.delivered(ticket, event.lastEventId(), event.data(), event.receivedNanos(),
                    event.receivedEpochMillis());
        }
    }

    /** Owed messages stay pending through the outage: the server replays them from Last-Event-ID. */
    @Override
    public void onReconnecting(SseStream stream, CloseReason cause) {
        ledger.streamReconnecting(ticket, System.nanoTime());
    }

    @Override
    public void onReconnected(SseStream stream, long gapMillis, int attempt) {
        ledger.streamReconnected(ticket, System.nanoTime());
    }

    @Override
    public void onClosed(SseStream stream, CloseReason reason) {
        ledger.streamClosed(ticket, cause(reason), reason.message(), System.nanoTime());
    }

    static CloseCause cause(CloseReason reason) {
        return switch (reason.kind()) {
            case CLIENT_CLOSED -> CloseCause.CLIENT;
            case SERVER_EOF -> CloseCause.SERVER_EOF;
            case READ_TIMEOUT -> CloseCause.TIMEOUT;
            default -> CloseCause.ERROR;
        };
    }
}
