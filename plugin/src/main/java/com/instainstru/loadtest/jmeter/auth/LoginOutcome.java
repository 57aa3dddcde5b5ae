package com.instainstru.loadtest.jmeter.auth;

/** The token a login produced and where it was found, or why there is none. */
public record LoginOutcome(String token, String source, String failure) {

    static LoginOutcome found(String token, String source) {
        return new LoginOutcome(token, source, null);
    }

    static LoginOutcome failed(String why) {
        return new LoginOutcome(null, null, why);
    }

    public boolean succeeded() {
        return token != null;
    }
}
