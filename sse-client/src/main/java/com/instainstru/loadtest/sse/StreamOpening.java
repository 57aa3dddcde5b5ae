package com.instainstru.loadtest.sse;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What both transports' streams do the same way while the opening thread waits for the first connection. */
final class StreamOpening {

    private StreamOpening() {
    }

    /**
     * Blocks until {@code opened} completes: its result, or its failure as an {@link IOException}. An interrupt
     * closes {@code stream} (cancelling the attempt) and is rethrown. With an open timeout ({@link
     * SseRequest#openTimeout()}, 0 = none), no headers by then closes the stream and throws
     * {@link SocketTimeoutException}.
     */
    static OpenResult await(CompletableFuture<OpenResult> opened, SseStream stream, Duration openTimeout)
            throws IOException, InterruptedException {
        try {
            return openTimeout.isZero() ? opened.get() : opened.get(openTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stream.close();
            throw new SocketTimeoutException("SSE stream '" + stream.name() + "': no response headers within "
                    + openTimeout.toMillis() + " ms (open timeout: the server accepted but did not answer)");
        } catch (InterruptedException e) {
            stream.close();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            throw new IOException("SSE stream '" + stream.name() + "' failed to open: " + cause, cause);
        }
    }

    static IOException closedWhileOpening(String streamName, Throwable cause) {
        return new IOException("SSE stream '" + streamName + "' was closed while opening", cause);
    }

    /** {@code SimpleClassName: message}, for close reasons and messages. */
    static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isEmpty() ? "" : ": " + message);
    }
}
