package com.instainstru.loadtest.correlation;

import static com.instainstru.loadtest.correlation.LedgerFixture.CONVERSATION;
import static com.instainstru.loadtest.correlation.LedgerFixture.EMMA;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every misuse fails at once with an IllegalArgumentException that says what is wrong. */
class BadInputTest {

    private final LedgerFixture f = new LedgerFixture();
    private final DeliveryLedger ledger = f.ledger;

    @Test
    void constructorRejectsNulls() {
        assertThatThrownBy(() -> new DeliveryLedger(null, f.clock, f.clock)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("settings must not be null");
        assertThatThrownBy(() -> new DeliveryLedger(LedgerSettings.defaults(), null, f.clock)).hasMessage("clock must not be null");
        assertThatThrownBy(() -> new DeliveryLedger(LedgerSettings.defaults(), f.clock, null)).hasMessage("wall clock must not be null");
        assertThatThrownBy(() -> ledger.configure(null)).hasMessage("settings must not be null");
    }

    @Test
    void streamIdsMustNotBeBlank() {
        assertThatThrownBy(() -> ledger.streamOpened(null, EMMA)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("streamName must not be null or blank, got null");
        assertThatThrownBy(() -> ledger.streamOpened("emma#1", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("identity must not be null or blank, got \" \"");
    }

    @Test
    void sendIdsMustNotBeBlankOrUnsafe() {
        assertThatThrownBy(() -> ledger.beginSend("", EMMA, "t1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conversationId must not be null or blank");
        assertThatThrownBy(() -> ledger.beginSend(CONVERSATION, null, "t1")).hasMessageContaining("senderIdentity");
        assertThatThrownBy(() -> ledger.beginSend(CONVERSATION, EMMA, "thread 1")).hasMessageContaining("senderId must be");
        assertThatThrownBy(() -> ledger.beginSend(CONVERSATION, EMMA, null)).hasMessageContaining("senderId must be");
    }

    @Test
    void participantsMustBeNamed() {
        assertThatThrownBy(() -> ledger.setParticipants(null, List.of(EMMA))).hasMessageContaining("conversationId");
        assertThatThrownBy(() -> ledger.setParticipants(CONVERSATION, List.of())).hasMessageContaining("must not be null or empty");
        assertThatThrownBy(() -> ledger.setParticipants(CONVERSATION, null)).hasMessageContaining("must not be null or empty");
        assertThatThrownBy(() -> ledger.setParticipants(CONVERSATION, Arrays.asList(EMMA, null)))
                .hasMessageContaining("participant identity of conversation " + CONVERSATION);
    }

    @Test
    void ticketsMustBelongToThisLedger() {
        DeliveryLedger other = new DeliveryLedger(LedgerSettings.defaults(), f.clock, f.clock);
        StreamTicket foreign = other.streamOpened("emma#9", EMMA);
        assertThatThrownBy(() -> ledger.delivered(foreign, "{}", 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stream ticket emma#9 belongs to another DeliveryLedger");
        assertThatThrownBy(() -> ledger.streamListening(foreign, 0)).hasMessageContaining("another DeliveryLedger");
        assertThatThrownBy(() -> ledger.streamClosed(foreign, CloseCause.CLIENT, null, 0)).hasMessageContaining("another DeliveryLedger");
        assertThatThrownBy(() -> ledger.delivered(null, "{}", 0, 0)).hasMessage("stream ticket must not be null");
    }

    @Test
    void ticketsFromBeforeResetAreRejectedOnDelivery() {
        StreamTicket old = ledger.streamOpened("emma#1", EMMA);
        ledger.reset();
        assertThatThrownBy(() -> ledger.delivered(old, "{}", 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was opened before the ledger's reset()");
    }

    @Test
    void deliveryAndCloseArgumentsAreChecked() {
        StreamTicket t = ledger.streamOpened("emma#1", EMMA);
        assertThatThrownBy(() -> ledger.delivered(t, null, 0, 0)).hasMessage("eventData must not be null (stream emma#1)");
        assertThatThrownBy(() -> ledger.streamClosed(t, null, null, 0)).hasMessage("close cause must not be null");
    }

    @Test
    void sendOutcomesAreChecked() {
        PendingSend p = ledger.beginSend(CONVERSATION, EMMA, "t1");
        PendingSend foreign = new DeliveryLedger(LedgerSettings.defaults(), f.clock, f.clock).beginSend(CONVERSATION, EMMA, "t1");
        assertThatThrownBy(() -> ledger.sendSucceeded(null, "01J")).hasMessage("pending send must not be null");
        assertThatThrownBy(() -> ledger.sendFailed(foreign, "x")).hasMessageContaining("belongs to another DeliveryLedger");
        assertThatThrownBy(() -> ledger.requestStarted(null)).hasMessage("pending send must not be null");
        assertThatThrownBy(() -> ledger.requestStarted(foreign)).hasMessageContaining("belongs to another DeliveryLedger");
    }

    @Test
    void pollTimeoutMustNotBeNegative() {
        assertThatThrownBy(() -> ledger.poll(Duration.ofMillis(-1))).hasMessageContaining("poll timeout");
        assertThatThrownBy(() -> ledger.poll(null)).hasMessageContaining("poll timeout");
    }
}
