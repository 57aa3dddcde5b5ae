package com.instainstru.loadtest.correlation;

import java.util.ArrayList;
import java.util.List;

/** A ledger on a fake clock plus helpers that speak the backend's event shape. */
class LedgerFixture {

    static final String CONVERSATION = "01JCONVERSATION00000000000";
    static final String EMMA = "emma.johnson@example.com";
    static final String SARAH = "sarah.chen@example.com";

    final FakeClock clock = new FakeClock();
    final DeliveryLedger ledger;

    LedgerFixture() {
        this(LedgerSettings.builder().engineId("me1").build());
    }

    LedgerFixture(LedgerSettings settings) {
        ledger = new DeliveryLedger(settings, clock, clock);
    }

    /** Opens a stream and marks it listening now (callers advance the clock past the race window as needed). */
    StreamTicket listening(String name, String identity) {
        StreamTicket t = ledger.streamOpened(name, identity);
        ledger.streamListening(t, clock.nanoTime());
        return t;
    }

    static String newMessageJson(String content) {
        return "{\"message\": {\"id\": \"01JMSG0000000000000000000\", \"content\": \"" + content
                + "\", \"sender_id\": \"01JU\", \"sender_name\": \"Emma J.\", \"booking_id\": null}, "
                + "\"conversation_id\": \"" + CONVERSATION + "\", \"sender_id\": \"01JU\", \"is_mine\": false}";
    }

    DeliveryOutcome deliver(StreamTicket t, PendingSend p) {
        return deliverContent(t, p.content());
    }

    DeliveryOutcome deliverContent(StreamTicket t, String content) {
        return ledger.delivered(t, newMessageJson(content), clock.nanoTime(), clock.epochMillis());
    }

    PendingSend send(String senderIdentity) {
        return ledger.beginSend(CONVERSATION, senderIdentity, "t1");
    }

    /** The {@code e2e_delivery_facts} taken by {@link #drain()} so far. */
    final List<DeliveryFact> facts = new ArrayList<>();

    /** The measurement records waiting now; the facts among them go to {@link #facts}. */
    List<LedgerRecord> drain() {
        List<LedgerRecord> out = new ArrayList<>();
        LedgerRecord r;
        while ((r = ledger.pollNow()) != null) {
            if (LedgerRecord.E2E_DELIVERY_FACTS.equals(r.label())) {
                facts.add(r.fact());
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** The facts of one kind taken so far (drains first). */
    <T extends DeliveryFact> List<T> facts(Class<T> kind) {
        drain();
        return facts.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static List<LedgerRecord> withLabel(List<LedgerRecord> records, String label) {
        return records.stream().filter(r -> r.label().equals(label)).toList();
    }
}
