package com.instainstru.loadtest.sse;

import java.io.IOException;

/** How both transports judge a failed attempt: whether a reconnect may follow it, and the close reason it gives. */
final class Failures {

    private Failures() {
    }

    /**
     * False for an answer that would come again: a status the policy does not retry, a wrong content type, or an
     * oversized event (a resume would get the same event).
     */
    static boolean retryable(IOException failure) {
        if (failure instanceof SseHttpException) {
            return ReconnectPolicy.retryableStatus(((SseHttpException) failure).status());
        }
        return !(failure instanceof SseContentTypeException) && !(failure instanceof EventTooLargeException);
    }

    /** HTTP_ERROR with the server's answer for a bad status or content type; else {@link CloseReason#forFailure}. */
    static CloseReason closeReason(IOException failure) {
        if (failure instanceof SseHttpException || failure instanceof SseContentTypeException) {
            return new CloseReason(CloseReason.Kind.HTTP_ERROR, failure.getMessage());
        }
        return CloseReason.forFailure(failure); // one wording for a reset on both transports
    }
}
