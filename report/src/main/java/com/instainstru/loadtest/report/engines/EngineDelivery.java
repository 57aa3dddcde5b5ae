package com.instainstru.loadtest.report.engines;

import java.util.List;

/**
 * The run's delivery accounting over every engine, for the summary.
 *
 * @param engines the engine ids that recorded facts (one for a single-engine run)
 * @param messages messages with a sent fact (successful sends)
 * @param observed of those, the ones some stream could observe (one {@code e2e_fanout_complete_all_engines} each)
 * @param lostOnOtherEngines lost deliveries on streams of an engine other than the message's sender
 * @param examples the first few lost deliveries, naming message, stream and engine
 * @param receivedWithoutSent deliveries of tokens no engine recorded as sent (a failed send, or its facts are missing)
 * @param unreadableFacts {@code e2e_delivery_facts} rows the tool could not read (named in {@code firstProblem})
 * @param clockMarginMillis how much clock skew between engines the join tolerates
 */
public record EngineDelivery(List<String> engines, long messages, long observed, long expected, long delivered,
                             long raceMisses, long unobserved, long lost, long lostOnOtherEngines,
                             long messagesWithLoss, List<String> examples, long receivedWithoutSent,
                             long unreadableFacts, String firstProblem, long clockMarginMillis) {

    public static final EngineDelivery NONE =
            new EngineDelivery(List.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), 0, 0, null, 0);

    public EngineDelivery {
        engines = List.copyOf(engines);
        examples = List.copyOf(examples);
    }

    /** The JTL had delivery facts (a plan with the delivery ledger collector of this version). */
    public boolean known() {
        return !engines.isEmpty() || unreadableFacts > 0;
    }
}
