package com.instainstru.loadtest.correlation;

/** The ledger's argument checks: each throws an {@link IllegalArgumentException} that says what was wrong. */
final class LedgerArguments {

    private LedgerArguments() {
    }

    static void checkOwner(DeliveryLedger ledger, StreamTicket ticket) {
        if (ticket == null) {
            throw new IllegalArgumentException("stream ticket must not be null");
        }
        if (ticket.owner != ledger) {
            throw new IllegalArgumentException("stream ticket " + ticket.name() + " belongs to another DeliveryLedger");
        }
    }

    /** Also rejects a ticket opened before the ledger's current generation (its last reset). */
    static void checkTicket(DeliveryLedger ledger, long generation, StreamTicket ticket) {
        checkOwner(ledger, ticket);
        if (ticket.generation != generation) {
            throw new IllegalArgumentException("stream ticket " + ticket.name()
                    + " was opened before the ledger's reset(); open the stream again");
        }
    }

    static void checkSend(DeliveryLedger ledger, PendingSend p) {
        if (p == null) {
            throw new IllegalArgumentException("pending send must not be null");
        }
        if (p.owner != ledger) {
            throw new IllegalArgumentException("pending send " + p.tokenText + " belongs to another DeliveryLedger");
        }
    }

    static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be null or blank, got "
                    + (value == null ? "null" : '"' + value + '"'));
        }
        return value;
    }

    static <T> T requireNonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }
}
