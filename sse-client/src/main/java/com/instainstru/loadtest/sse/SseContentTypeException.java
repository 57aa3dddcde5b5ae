package com.instainstru.loadtest.sse;

import java.io.IOException;

/** A 2xx response that is not {@code text/event-stream} (e.g. a proxy's HTML page or a JSON endpoint). */
public class SseContentTypeException extends IOException {

    private final int status;
    private final String contentType;
    private final String bodyExcerpt;

    public SseContentTypeException(int status, String contentType, String bodyExcerpt) {
        super("HTTP " + status + " with Content-Type " + (contentType == null ? "(none)" : "'" + contentType + "'")
                + ", expected text/event-stream" + excerpt(bodyExcerpt));
        this.status = status;
        this.contentType = contentType;
        this.bodyExcerpt = bodyExcerpt;
    }

    public int status() {
        return status;
    }

    /** The Content-Type received, {@code null} when absent. */
    public String contentType() {
        return contentType;
    }

    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
    }
}
