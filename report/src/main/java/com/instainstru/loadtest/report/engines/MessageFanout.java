package com.instainstru.loadtest.report.engines;

import java.util.List;

/**
 * One message's fan-out over every engine's streams, as the join decided it.
 *
 * @param latencyMillis send → last delivery on any engine (the sender's own part on its monotonic clock, the other
 *        engines' parts on wall clocks); 0 when nothing was delivered
 * @param lostStreams the first few lost deliveries, each naming its stream, its engine and why
 * @param lostOnOtherEngines lost deliveries on streams of engines other than the sender: no single engine's
 *        ledger could see these
 */
public record MessageFanout(String token, String senderEngine, long sentEpochMillis, int expected, int delivered,
                            int raceMisses, int unobserved, int lost, int lostOnOtherEngines, double latencyMillis,
                            List<String> lostStreams) {

    public MessageFanout {
        lostStreams = List.copyOf(lostStreams);
    }

    /** Nobody could observe it (no expected stream, or only race misses and client closes): no sample. */
    public boolean observed() {
        return delivered > 0 || lost > 0;
    }

    /** The sample's message, in the words of the per-engine fan-out records. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (lost > 0) {
            b.append("lost ").append(lost).append(" of ").append(expected).append(" deliveries across engines: ")
                    .append(String.join("; ", lostStreams));
            if (lost > lostStreams.size()) {
                b.append("; and ").append(lost - lostStreams.size()).append(" more");
            }
            b.append(" | delivered ").append(delivered).append(" of ").append(expected);
        } else {
            b.append("delivered to ").append(delivered).append(" of ").append(expected)
                    .append(" expected streams on every engine");
        }
        if (raceMisses > 0) {
            b.append(" | missed: subscription race ").append(raceMisses);
        }
        if (unobserved > 0) {
            b.append(" | unobserved ").append(unobserved);
        }
        return b.append(" | message ").append(token).append(" sent by engine ").append(senderEngine).toString();
    }
}
