package com.instainstru.loadtest.correlation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** How the expected streams of a completed message ended, and the wording of its records. */
final class FanoutOutcome {

    /** Streams named per class in a record message before "and N more". */
    private static final int MAX_NAMED_STREAMS = 5;

    private final PendingSend p;
    final Named lost = new Named();
    final Named race = new Named();
    final Named unobserved = new Named();
    int expected;
    int delivered;
    long lastDelivery;
    long lastResolution;

    FanoutOutcome(PendingSend p) {
        this.p = p;
        lastDelivery = p.sendNanos;
        lastResolution = p.sendNanos;
        for (int i = 0; i < p.expected.length; i++) {
            int state = p.slotState.get(i);
            if (state == PendingSend.CLOSED_BEFORE_SEND) {
                continue;
            }
            expected++;
            long at = p.resolvedNanos.get(i);
            if (at - lastResolution > 0) {
                lastResolution = at;
            }
            StreamTicket t = p.expected[i];
            switch (state) {
                case PendingSend.DELIVERED -> {
                    delivered++;
                    if (at - lastDelivery > 0) {
                        lastDelivery = at;
                    }
                }
                case PendingSend.LOST_CLOSED -> lost.add(() -> "stream " + t.name() + ' ' + t.closeCause().description()
                        + detailOf(t) + ' ' + seconds(at - p.sendNanos) + " after send");
                case PendingSend.LOST_EXPIRED -> lost.add(() -> "stream " + t.name() + " did not get it within "
                        + seconds(p.deadlineNanos - p.sendNanos) + " (timeout; stream still open)");
                case PendingSend.LOST_TEST_END -> lost.add(() -> "stream " + t.name() + " did not get it before "
                        + p.endReason + ' ' + seconds(at - p.sendNanos) + " after send");
                case PendingSend.RACE_MISS -> race.add(() -> "stream " + t.name() + (t.isListening()
                        && t.listeningNanos() - p.sendNanos < 0
                        ? " connected " + seconds(p.sendNanos - t.listeningNanos()) + " before send"
                        : " not yet connected at send"));
                case PendingSend.CLOSED_BY_CLIENT -> unobserved.add(() -> "stream " + t.name()
                        + " closed by client " + seconds(at - p.sendNanos) + " after send");
                case PendingSend.CLOSED_BY_CLIENT_RECONNECTING -> unobserved.add(() -> "stream " + t.name()
                        + " was reconnecting when closed by client " + seconds(at - p.sendNanos) + " after send");
                case PendingSend.TEST_END_IN_FLIGHT -> unobserved.add(() -> "stream " + t.name() + ": "
                        + p.endReason + ' ' + seconds(at - p.sendNanos) + " after send");
                default -> throw new IllegalStateException("slot still pending at completion: " + state);
            }
        }
    }

    /** The failed {@code e2e_full_latency} of a message none of its expected streams got. */
    LedgerRecord notDeliveredRecord(LedgerRecord.Sent sent) {
        return LedgerRecord.notDelivered(sent, (lastResolution - p.sendNanos) / 1e6,
                "not delivered to any of " + expected + " expected streams: " + describe(), tally());
    }

    /** Fails when a delivery was lost; its latency runs to the last delivery, or to the last loss if any. */
    LedgerRecord fanOutRecord(LedgerRecord.Sent sent) {
        boolean success = lost.count == 0;
        double latency = ((success ? lastDelivery : lastResolution) - p.sendNanos) / 1e6;
        return LedgerRecord.fanOut(sent, success, latency, describe(), tally());
    }

    /** The own-engine part of the message's sent fact. */
    DeliveryFact.OwnFanout ownFanout() {
        return new DeliveryFact.OwnFanout(expected, delivered, race.count, unobserved.count, lost.count,
                delivered > 0 ? (lastDelivery - p.sendNanos) / 1e6 : 0, lost.shown);
    }

    private LedgerRecord.Tally tally() {
        return new LedgerRecord.Tally(expected, delivered, p.duplicates.get(), p.outOfOrder.get(), race.count,
                race.shown, unobserved.count, lost.count);
    }

    private String describe() {
        StringBuilder b = new StringBuilder();
        if (lost.count > 0) {
            b.append("lost ").append(lost.count).append(" of ").append(expected).append(" deliveries: ").append(lost.text());
            b.append(" | delivered ").append(delivered).append(" of ").append(expected);
        } else if (delivered == expected) {
            b.append("delivered to all ").append(expected).append(" expected streams");
        } else {
            b.append("delivered to ").append(delivered).append(" of ").append(expected).append(" expected streams");
        }
        if (race.count > 0) {
            b.append(" | missed: subscription race ").append(race.count).append(": ").append(race.text());
        }
        if (unobserved.count > 0) {
            b.append(" | unobserved: closed by client ").append(unobserved.count).append(": ").append(unobserved.text());
        }
        int dup = p.duplicates.get();
        if (dup > 0) {
            b.append(" | duplicates ").append(dup);
        }
        int ooo = p.outOfOrder.get();
        if (ooo > 0) {
            b.append(" | out of order ").append(ooo);
        }
        return b.toString();
    }

    /** Counts a class and keeps the text of its first few members (built lazily, only for those shown). */
    static final class Named {
        int count;
        final List<String> shown = new ArrayList<>(MAX_NAMED_STREAMS);

        void add(Supplier<String> text) {
            count++;
            if (shown.size() < MAX_NAMED_STREAMS) {
                shown.add(text.get());
            }
        }

        String text() {
            String joined = String.join("; ", shown);
            return count > shown.size() ? joined + "; and " + (count - shown.size()) + " more" : joined;
        }
    }

    private static String detailOf(StreamTicket t) {
        String detail = t.closeDetail();
        return detail == null || detail.isEmpty() ? "" : " [" + detail + "]";
    }

    /** "1.2 s" from one second up, "340 ms" below. */
    static String seconds(long nanos) {
        if (Math.abs(nanos) >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
        }
        return String.format(Locale.ROOT, "%d ms", Math.round(nanos / 1e6));
    }
}
