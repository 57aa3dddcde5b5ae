package com.instainstru.loadtest.jmeter.stream;

import java.util.Locale;

import com.instainstru.loadtest.jmeter.ConfigurationException;

/**
 * When a correlated stream starts to count as listening, so that the messages sent from then on are expected on
 * it: at its first event (a backend that greets every stream, like InstaInstru's {@code connected}), or at its
 * response headers (a backend with no greeting; the delivery ledger's race window is then the settle time in
 * which a miss is a subscription race, not a loss).
 */
enum ListeningRule {
    FIRST_EVENT("first event", "OK"),
    RESPONSE_HEADERS("response headers", "OK; listening from the response headers");

    private final String label;
    private final String openMessage;

    ListeningRule(String label, String openMessage) {
        this.label = label;
        this.openMessage = openMessage;
    }

    String label() {
        return label;
    }

    /** The open sample's response message, which tells the results tool which rule the run used. */
    String openMessage() {
        return openMessage;
    }

    static ListeningRule parse(String text) throws ConfigurationException {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("first event") || t.equals("first-event")) {
            return FIRST_EVENT;
        }
        if (t.equals("response headers") || t.equals("headers")) {
            return RESPONSE_HEADERS;
        }
        throw new ConfigurationException("Listening rule must be 'first event' or 'response headers', not '" + text
                + "'");
    }
}
