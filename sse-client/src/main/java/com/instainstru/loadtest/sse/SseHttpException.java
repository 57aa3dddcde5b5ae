package com.instainstru.loadtest.sse;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The server answered a stream request with a non-2xx status.
 *
 * <p>{@link #getMessage()} reads like {@code HTTP 429 Too Many Requests: Rate limit exceeded (code RATE_LIMITED),
 * Retry-After: 12}: the standard reason phrase for the status (MockWebServer and HTTP/2 do not send a useful
 * one), then the problem-JSON {@code detail} (else {@code title}) and {@code code} when the body is a JSON
 * object, else the first 200 characters of the body on one line, then {@code Retry-After} when present.
 */
public class SseHttpException extends IOException {

    /** Bytes of the body kept for {@link #bodyExcerpt()}. */
    public static final int BODY_EXCERPT_LIMIT = 2048;

    private final int status;
    private final Map<String, List<String>> headers;
    private final String bodyExcerpt;
    private final String problemDetail;
    private final String problemCode;

    /**
     * @param status the HTTP status
     * @param serverReason reason phrase the server sent (may be empty), used for statuses without a standard one
     * @param headers response headers
     * @param bodyExcerpt the decoded start of the body (at most {@link #BODY_EXCERPT_LIMIT} bytes)
     */
    public SseHttpException(int status, String serverReason, Map<String, List<String>> headers, String bodyExcerpt) {
        this(status, serverReason, headers, bodyExcerpt, ProblemDetails.parse(bodyExcerpt));
    }

    private SseHttpException(int status, String serverReason, Map<String, List<String>> headers, String bodyExcerpt,
                             ProblemDetails problem) {
        super(describe(status, serverReason, headers, bodyExcerpt, problem));
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.bodyExcerpt = bodyExcerpt;
        this.problemDetail = problem.detail();
        this.problemCode = problem.code();
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    /** First value of a response header (case-insensitive) or {@code null}. */
    public String header(String name) {
        return HeaderMaps.first(headers, name);
    }

    /** Decoded start of the response body, empty when there was none. */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    /** Problem-JSON {@code detail} (or {@code title}), or {@code null}. */
    public String problemDetail() {
        return problemDetail;
    }

    /** Problem-JSON {@code code}, e.g. {@code RATE_LIMITED}, or {@code null}. */
    public String problemCode() {
        return problemCode;
    }

    /** {@code Retry-After} header value or {@code null}. */
    public String retryAfter() {
        return header("Retry-After");
    }

    private static String describe(int status, String serverReason, Map<String, List<String>> headers,
                                   String body, ProblemDetails problem) {
        StringBuilder sb = new StringBuilder("HTTP ").append(status);
        String reason = ReasonPhrases.forStatus(status, serverReason);
        if (!reason.isEmpty()) {
            sb.append(' ').append(reason);
        }
        if (problem.detail() != null) {
            sb.append(": ").append(problem.detail());
            if (problem.code() != null) {
                sb.append(" (code ").append(problem.code()).append(')');
            }
        } else if (problem.code() != null) {
            sb.append(": code ").append(problem.code());
        } else if (!body.isBlank()) {
            String oneLine = body.strip().replaceAll("\\s+", " ");
            sb.append(": ").append(oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
        }
        String retryAfter = HeaderMaps.first(headers, "Retry-After");
        if (retryAfter != null) {
            sb.append(", Retry-After: ").append(retryAfter);
        }
        return sb.toString();
    }
}
