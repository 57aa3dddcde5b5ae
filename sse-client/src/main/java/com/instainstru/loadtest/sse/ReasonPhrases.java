package com.instainstru.loadtest.sse;

import java.util.Map;

/** Standard reason phrases, because HTTP/2 sends none and test servers send generic ones. */
final class ReasonPhrases {

    private static final Map<Integer, String> STANDARD = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(204, "No Content"),
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(304, "Not Modified"),
            Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
            Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Content"), Map.entry(425, "Too Early"),
            Map.entry(428, "Precondition Required"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private ReasonPhrases() {
    }

    /** The standard phrase, else what the server sent (may be empty). */
    static String forStatus(int status, String serverReason) {
        String standard = STANDARD.get(status);
        if (standard != null) {
            return standard;
        }
        return serverReason == null ? "" : serverReason.strip();
    }
}
