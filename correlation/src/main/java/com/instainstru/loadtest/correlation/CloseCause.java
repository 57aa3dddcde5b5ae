package com.instainstru.loadtest.correlation;

/** Why a stream ended, as far as delivery accounting cares. */
public enum CloseCause {
    /** The client closed the stream itself (hold time over, test end). Missing messages may have been in flight. */
    CLIENT("closed by client"),
    /** The server ended the response body. */
    SERVER_EOF("closed by server (EOF)"),
    /** An I/O or HTTP error ended the stream. */
    ERROR("failed with an error"),
    /** Nothing arrived within the client's read timeout. */
    TIMEOUT("timed out");

    private final String description;

    CloseCause(String description) {
        this.description = description;
    }

    /** Short human-readable phrase used in record messages, e.g. "closed by server (EOF)". */
    public String description() {
        return description;
    }
}
