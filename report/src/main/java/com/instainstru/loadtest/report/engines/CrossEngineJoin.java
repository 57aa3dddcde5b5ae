package com.instainstru.loadtest.report.engines;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.instainstru.loadtest.correlation.CloseCause;
import com.instainstru.loadtest.correlation.DeliveryFact;

/**
 * Joins every engine's {@link DeliveryFact}s into one fan-out per message over every engine's streams. The
 * sender's own streams are as its ledger decided them; another engine's streams are decided here by the same
 * rules, from its stream spans and the deliveries it recorded, on wall clocks: a stream is expected when it
 * was listening at the send time, and a boundary within {@code clockMargin} of the send is given the benefit of
 * the doubt (race miss or unobserved, never lost), since the engines' clocks are only as close as NTP keeps them.
 * One engine is the same code with no other engine's streams.
 */
public final class CrossEngineJoin {

    /** The label of the joined fan-out samples in {@code results_stats.csv}. */
    public static final String LABEL = "e2e_fanout_complete_all_engines";
    /** Default tolerated clock skew between engines (NTP on a LAN keeps well within it). */
    public static final long DEFAULT_CLOCK_MARGIN_MILLIS = 100;
    private static final int NAMED_PER_MESSAGE = 5;
    private static final int RUN_EXAMPLES = 10;

    private final long marginMillis;
    private final List<DeliveryFact.Sent> sent = new ArrayList<>();
    private final Map<String, EngineStreams> streamsByEngine = new HashMap<>();
    /** token → engine → stream id → first receipt (epoch ms). */
    private final Map<String, Map<String, Map<Integer, Long>>> received = new HashMap<>();
    private final Set<String> engines = new TreeSet<>();
    private long unreadable;
    private String firstProblem;

    public CrossEngineJoin(long clockMarginMillis) {
        if (clockMarginMillis < 0) {
            throw new IllegalArgumentException("clock margin must be >= 0 ms, was " + clockMarginMillis);
        }
        this.marginMillis = clockMarginMillis;
    }

    public void accept(DeliveryFact fact) {
        engines.add(fact.engine());
        if (fact instanceof DeliveryFact.Sent s) {
            sent.add(s);
        } else if (fact instanceof DeliveryFact.StreamSpan span) {
            streamsByEngine.computeIfAbsent(span.engine(), k -> new EngineStreams()).add(span);
        } else if (fact instanceof DeliveryFact.Received r) {
            Map<Integer, Long> byStream = received.computeIfAbsent(r.token(), k -> new HashMap<>())
                    .computeIfAbsent(r.engine(), k -> new HashMap<>());
            for (DeliveryFact.Delivery d : r.deliveries()) {
                byStream.merge(d.streamId(), d.receivedEpochMillis(), Math::min);
            }
        }
    }

    /** A facts row that could not be read: counted and named, never silently skipped. */
    public void unreadable(String problem) {
        if (unreadable++ == 0) {
            firstProblem = problem;
        }
    }

    /** The joined fan-outs (observed messages only) and the run's totals. */
    public record Result(List<MessageFanout> fanouts, EngineDelivery totals) {}

    public Result finish() {
        List<MessageFanout> fanouts = new ArrayList<>();
        long expected = 0, delivered = 0, race = 0, unobserved = 0, lost = 0, lostElsewhere = 0, withLoss = 0;
        List<String> examples = new ArrayList<>();
        Set<String> sentTokens = new LinkedHashSet<>();
        for (DeliveryFact.Sent s : sent) {
            sentTokens.add(s.token());
            MessageFanout m = join(s);
            expected += m.expected();
            delivered += m.delivered();
            race += m.raceMisses();
            unobserved += m.unobserved();
            lost += m.lost();
            lostElsewhere += m.lostOnOtherEngines();
            if (m.lost() > 0) {
                withLoss++;
                for (String l : m.lostStreams()) {
                    if (examples.size() < RUN_EXAMPLES) {
                        examples.add("message " + m.token() + " (engine " + m.senderEngine() + "): " + l);
                    }
                }
            }
            if (m.observed()) {
                fanouts.add(m);
            }
        }
        long orphanDeliveries = 0;
        for (Map.Entry<String, Map<String, Map<Integer, Long>>> e : received.entrySet()) {
            if (!sentTokens.contains(e.getKey())) {
                for (Map<Integer, Long> byStream : e.getValue().values()) {
                    orphanDeliveries += byStream.size();
                }
            }
        }
        return new Result(fanouts, new EngineDelivery(new ArrayList<>(engines), sent.size(), fanouts.size(), expected,
                delivered, race, unobserved, lost, lostElsewhere, withLoss, examples, orphanDeliveries, unreadable,
                firstProblem, marginMillis));
    }

    /** A per-message tally while it is being joined. */
    private static final class Tally {
        int expected, delivered, race, unobserved, lost, lostElsewhere;
        double latency;
        final List<String> lostNamed = new ArrayList<>();

        void lost(String what, boolean elsewhere) {
            lost++;
            if (elsewhere) {
                lostElsewhere++;
            }
            if (lostNamed.size() < NAMED_PER_MESSAGE) {
                lostNamed.add(what);
            }
        }
    }

    private MessageFanout join(DeliveryFact.Sent s) {
        Tally t = new Tally();
        DeliveryFact.OwnFanout own = s.own();
        t.expected = own.expected();
        t.delivered = own.delivered();
        t.race = own.raceMisses();
        t.unobserved = own.unobserved();
        t.latency = own.delivered() > 0 ? own.lastDeliveryMillis() : 0;
        for (String l : own.lostStreams()) {
            if (t.lostNamed.size() < NAMED_PER_MESSAGE) {
                t.lostNamed.add(l + " (on the sender's engine " + s.engine() + ")");
            }
        }
        t.lost = own.lost();

        double sentMillis = s.sentEpochMicros() / 1000.0;
        Set<String> identities = new LinkedHashSet<>(s.participants());
        identities.add(s.sender());
        Map<String, Map<Integer, Long>> receivedByEngine = received.getOrDefault(s.token(), Map.of());
        for (Map.Entry<String, EngineStreams> e : streamsByEngine.entrySet()) {
            String engine = e.getKey();
            if (engine.equals(s.engine())) {
                continue; // the sender's own streams: its ledger decided them
            }
            Map<Integer, Long> got = receivedByEngine.getOrDefault(engine, Map.of());
            for (String identity : identities) {
                for (DeliveryFact.StreamSpan span : e.getValue().overlapping(identity, sentMillis - marginMillis,
                        sentMillis + marginMillis)) {
                    classify(s, sentMillis, span, got.get(span.streamId()), t);
                }
            }
        }
        return new MessageFanout(s.token(), s.engine(), Math.round(sentMillis), t.expected, t.delivered, t.race,
                t.unobserved, t.lost, t.lostElsewhere, t.latency, t.lostNamed);
    }

    /** How one stream of another engine, listening around the send, ended for the message. */
    private void classify(DeliveryFact.Sent s, double sentMillis, DeliveryFact.StreamSpan span, Long receivedAt,
                          Tally t) {
        DeliveryFact.Rules rules = s.rules();
        double listenedBefore = sentMillis - span.listeningEpochMillis();
        double closedAfter = span.closedEpochMillis() - sentMillis;
        String where = "stream " + span.stream() + " on engine " + span.engine();
        t.expected++;
        if (receivedAt != null) {
            double latency = receivedAt - sentMillis;
            if (latency > rules.pendingTimeoutMillis() + marginMillis) {
                t.lost(where + " got it only " + seconds(latency) + " after send (timeout "
                        + seconds(rules.pendingTimeoutMillis()) + ")", true);
            } else {
                t.delivered++;
                t.latency = Math.max(t.latency, latency);
            }
            return;
        }
        boolean firstMessageBeforeSend = span.firstMessageEpochMillis() >= 0
                && span.firstMessageEpochMillis() < sentMillis - marginMillis;
        if (listenedBefore <= marginMillis
                || (listenedBefore < rules.raceWindowMillis() + marginMillis && !firstMessageBeforeSend)) {
            t.race++; // connected within the race window (or the clock margin) of the send: a harness race
        } else if (closedAfter <= marginMillis || span.closedWhileReconnecting()) {
            t.unobserved++;
        } else if ((isClientClose(span) || isTestEnd(span)) && closedAfter <= rules.closeGraceMillis() + marginMillis) {
            t.unobserved++;
        } else if (closedAfter > rules.pendingTimeoutMillis() + marginMillis) {
            t.lost(where + " did not get it within " + seconds(rules.pendingTimeoutMillis())
                    + " (timeout; stream still open)", true);
        } else if (isTestEnd(span)) {
            t.lost(where + " did not get it before the test ended " + seconds(closedAfter) + " after send", true);
        } else {
            t.lost(where + " " + causeText(span) + " " + seconds(closedAfter) + " after send", true);
        }
    }

    private static boolean isClientClose(DeliveryFact.StreamSpan span) {
        return CloseCause.CLIENT.name().equals(span.closeCause());
    }

    private static boolean isTestEnd(DeliveryFact.StreamSpan span) {
        return DeliveryFact.StreamSpan.TEST_END.equals(span.closeCause());
    }

    private static String causeText(DeliveryFact.StreamSpan span) {
        try {
            return CloseCause.valueOf(span.closeCause()).description();
        } catch (IllegalArgumentException e) {
            return "closed (" + span.closeCause() + ")";
        }
    }

    /** "1.2 s" from one second up, "340 ms" below (as the ledger's own records say it). */
    private static String seconds(double millis) {
        return Math.abs(millis) >= 1000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000)
                : String.format(Locale.ROOT, "%d ms", Math.round(millis));
    }
}
