package com.instainstru.loadtest.report;

import java.util.Set;

import com.instainstru.loadtest.report.engines.EngineDelivery;

/**
 * What a JTL says beyond the per-name stats, read from sample messages (unknown for a Locust stats file).
 *
 * @param successfulSends      successful {@code send_message} samples
 * @param sendsWithoutListener of those, the ones whose message says {@value #NO_LISTENER}: the ledger found no
 *                             stream of the conversation listening, so nobody could observe the delivery
 * @param unmappedAccounts     accounts named by {@value #UNMAPPED_LABEL} samples (no conversation mapping)
 * @param streamsOpened        successful stream opens ({@code sse_stream} samples whose message starts "OK")
 * @param opensListeningFromHeaders of those, the ones whose message says {@value #HEADERS_RULE}: the run used
 *                             the "response headers" listening rule (a backend without a greeting)
 * @param delivery             the delivery accounting joined over every engine ({@link EngineDelivery#NONE} without facts)
 */
public record RunSignals(boolean known, long successfulSends, long sendsWithoutListener, Set<String> unmappedAccounts,
                         long streamsOpened, long opensListeningFromHeaders, EngineDelivery delivery) {

    /** The send sampler's message names the number of listening streams the ledger expected the message on. */
    static final String NO_LISTENER = "expected on 0 stream(s)";
    /** One sample per account that has no entry in the conversation mapping file (its message names it). */
    static final String UNMAPPED_LABEL = "account_unmapped";
    /** The open sampler's message when a stream counts as listening from its response headers. */
    static final String HEADERS_RULE = "listening from the response headers";

    public static final RunSignals UNKNOWN = new RunSignals(false, 0, 0, Set.of());

    public RunSignals(boolean known, long successfulSends, long sendsWithoutListener, Set<String> unmappedAccounts) {
        this(known, successfulSends, sendsWithoutListener, unmappedAccounts, 0, 0);
    }

    public RunSignals(boolean known, long successfulSends, long sendsWithoutListener, Set<String> unmappedAccounts,
                      long streamsOpened, long opensListeningFromHeaders) {
        this(known, successfulSends, sendsWithoutListener, unmappedAccounts, streamsOpened, opensListeningFromHeaders,
                EngineDelivery.NONE);
    }

    public RunSignals {
        unmappedAccounts = Set.copyOf(unmappedAccounts);
        delivery = delivery == null ? EngineDelivery.NONE : delivery;
    }

    /** The listening rule the run's streams used, as the summary names it; null when no stream opened. */
    public String listeningRule() {
        if (streamsOpened == 0) {
            return null;
        }
        if (opensListeningFromHeaders == streamsOpened) {
            return "response headers (a stream is expected to receive what is sent after its 200)";
        }
        if (opensListeningFromHeaders == 0) {
            return "first event (a stream is expected to receive what is sent after its first event)";
        }
        return "mixed: " + opensListeningFromHeaders + " of " + streamsOpened + " streams from their response headers, "
                + "the others from their first event";
    }

    /** Share of successful sends that had no listening stream, in percent (0 without sends). */
    public double sendsWithoutListenerPercent() {
        return successfulSends == 0 ? 0 : 100.0 * sendsWithoutListener / successfulSends;
    }
}
