package com.instainstru.loadtest.jmeter.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.correlation.CloseCause;
import com.instainstru.loadtest.correlation.DeliveryLedger;
import com.instainstru.loadtest.correlation.LedgerRecord;
import com.instainstru.loadtest.correlation.LedgerSettings;
import com.instainstru.loadtest.correlation.StreamTicket;
import com.instainstru.loadtest.sse.CloseReason;

/**
 * Issue 9, item 9: the transports' reconnect outage reaches the ledger, so what a stream is owed while it
 * reconnects is unobserved, not lost, when the client closes it before it is back.
 */
class LedgerStreamListenerTest {

    @Test
    void anOutageFromTheTransportMakesAClientCloseMeanwhileUnobserved() throws Exception {
        DeliveryLedger ledger = DeliveryLedger.shared();
        ledger.reset();
        ledger.configure(LedgerSettings.defaults().toBuilder().pendingTimeout(Duration.ofSeconds(30))
                .closeGrace(Duration.ofMillis(1)).raceWindow(Duration.ofMillis(1)).build());
        ledger.setParticipants("c1", java.util.List.of("emma@example.com", "sarah@example.com"));
        long fiveSecondsAgo = System.nanoTime() - Duration.ofSeconds(5).toNanos();
        StreamTicket emma = ledger.streamOpened("emma", "emma@example.com");
        ledger.streamListening(emma, fiveSecondsAgo);
        StreamTicket ticket = ledger.streamOpened("messages", "sarah@example.com");
        ledger.streamListening(ticket, fiveSecondsAgo);
        LedgerStreamListener listener = new LedgerStreamListener(ledger, ticket, "new_message");
        com.instainstru.loadtest.correlation.PendingSend send = ledger.beginSend("c1", "emma@example.com", "m1");
        ledger.delivered(emma, "{\"content\": \"" + send.content() + "\"}", System.nanoTime(),
                System.currentTimeMillis());

        listener.onReconnecting(null, new CloseReason(CloseReason.Kind.SERVER_EOF, "server ended the stream"));
        assertThat(ticket.isReconnecting()).isTrue();
        Thread.sleep(20); // past the 1 ms close grace: without the outage this close is a loss
        listener.onClosed(null, new CloseReason(CloseReason.Kind.CLIENT_CLOSED, ""));

        LedgerRecord fanout = null;
        for (LedgerRecord r; (r = ledger.poll(Duration.ofSeconds(2))) != null; ) {
            if (LedgerRecord.E2E_FANOUT_COMPLETE.equals(r.label())) {
                fanout = r;
                break;
            }
        }
        assertThat(fanout).isNotNull();
        assertThat(fanout.lost()).isZero();
        assertThat(fanout.message()).contains("was reconnecting when closed by client");
    }

    @Test
    void aReconnectEndsTheOutage() {
        DeliveryLedger ledger = DeliveryLedger.shared();
        ledger.reset();
        StreamTicket ticket = ledger.streamOpened("messages", "sarah@example.com");
        LedgerStreamListener listener = new LedgerStreamListener(ledger, ticket, "new_message");
        listener.onReconnecting(null, new CloseReason(CloseReason.Kind.SERVER_EOF, "server ended the stream"));
        listener.onReconnected(null, 500, 1);
        assertThat(ticket.isReconnecting()).isFalse();
        ledger.streamClosed(ticket, CloseCause.CLIENT, null, System.nanoTime());
    }
}
