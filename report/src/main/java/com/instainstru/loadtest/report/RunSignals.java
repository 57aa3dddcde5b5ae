package com.instainstru.loadtest.report;

import java.util.Set;

/**
 * What a JTL says beyond the per-name stats, read from sample messages (unknown for a Locust stats file).
 *
 * @param successfulSends      successful {@code send_message} samples
 * @param sendsWithoutListener of those, the ones whose message says {@value #NO_LISTENER}: the ledger found no
 *                             stream of the conversation listening, so nobody could observe the delivery
 * @param unmappedAccounts     accounts named by {@value #UNMAPPED_LABEL} samples (no conversation mapping)
 */
public record RunSignals(boolean known, long successfulSends, long sendsWithoutListener, Set<String> unmappedAccounts) {

    /** The send sampler's message names the number of listening streams the ledger expected the message on. */
    static final String NO_LISTENER = "expected on 0 stream(s)";
    /** One sample per account that has no entry in the conversation mapping file (its message names it). */
    static final String UNMAPPED_LABEL = "account_unmapped";

    public static final RunSignals UNKNOWN = new RunSignals(false, 0, 0, Set.of());

    public RunSignals {
        unmappedAccounts = Set.copyOf(unmappedAccounts);
    }

    /** Share of successful sends that had no listening stream, in percent (0 without sends). */
    public double sendsWithoutListenerPercent() {
        return successfulSends == 0 ? 0 : 100.0 * sendsWithoutListener / successfulSends;
    }
}
