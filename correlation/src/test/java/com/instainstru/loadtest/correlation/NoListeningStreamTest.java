package com.instainstru.loadtest.correlation;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.instainstru.loadtest.correlation.LedgerFixture.EMMA;
import static com.instainstru.loadtest.correlation.LedgerFixture.SARAH;
import static org.assertj.core.api.Assertions.assertThat;

/** Messages sent while no stream was listening get their own count, apart from other unobserved ones. */
class NoListeningStreamTest {
    private final LedgerFixture f = new LedgerFixture();
    private final DeliveryLedger ledger = f.ledger;

    @BeforeEach
    void setUp() {
        ledger.setParticipants(LedgerFixture.CONVERSATION, List.of(EMMA, SARAH));
    }

    @Test
    void sendWithNoListeningStreamIsCountedAtExpiry() {
        f.send(EMMA);
        f.clock.advanceMillis(60_000);
        ledger.expireOverdue();
        assertThat(ledger.snapshot().sentWithNoStreamListening()).isEqualTo(1);
        assertThat(ledger.snapshot().unobserved()).isEqualTo(1);
    }

    @Test
    void sendWithNoListeningStreamIsCountedAtTestEnd() {
        f.send(EMMA);
        ledger.flushAll("test ended");
        assertThat(ledger.snapshot().sentWithNoStreamListening()).isEqualTo(1);
    }

    @Test
    void allClosedByClientIsUnobservedButNotCountedAsNoListener() {
        StreamTicket sarah = f.listening("sarah#1", SARAH);
        f.clock.advanceMillis(2_000);
        f.send(EMMA);
        f.clock.advanceMillis(100);
        ledger.streamClosed(sarah, CloseCause.CLIENT, null, f.clock.nanoTime());
        assertThat(ledger.snapshot().unobserved()).isEqualTo(1);
        assertThat(ledger.snapshot().sentWithNoStreamListening()).isZero();
        ledger.reset();
        assertThat(ledger.snapshot().sentWithNoStreamListening()).isZero();
    }
}
