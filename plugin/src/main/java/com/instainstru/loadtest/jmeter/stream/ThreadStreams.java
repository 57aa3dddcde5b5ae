package com.instainstru.loadtest.jmeter.stream;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterVariables;

/**
 * The streams a JMeter thread holds, by name. They live in the thread's own variables (as the WebSocket
 * samplers keep their connection), so every sampler of the thread sees them and no other thread does.
 */
final class ThreadStreams {

    private static final String KEY = "__sse.streams";
    private static final String FAILED_PREFIX = "__sse.open_failed.";

    private ThreadStreams() {
    }

    static OpenStream get(String name) {
        return streams(false).getOrDefault(name, null);
    }

    static OpenStream put(String name, OpenStream stream) {
        return streams(true).put(name, stream);
    }

    static OpenStream remove(String name) {
        return streams(false).remove(name);
    }

    /**
     * Remembers that opening {@code name} failed, so the samplers after it skip quietly: the failure is
     * already counted once, on the open sample.
     */
    static void markFailed(String name) {
        JMeterVariables vars = JMeterContextService.getContext().getVariables();
        if (vars != null) {
            vars.put(FAILED_PREFIX + name, "true");
        }
    }

    static void clearFailed(String name) {
        JMeterVariables vars = JMeterContextService.getContext().getVariables();
        if (vars != null) {
            vars.remove(FAILED_PREFIX + name);
        }
    }

    static boolean openFailed(String name) {
        JMeterVariables vars = JMeterContextService.getContext().getVariables();
        return vars != null && vars.get(FAILED_PREFIX + name) != null;
    }

    /**
     * This thread's map of streams itself. JMeter clears a thread's variables <em>before</em> it calls
     * {@code threadFinished}, so whoever closes the streams at thread end must have kept the map.
     */
    static Map<String, OpenStream> held() {
        return streams(true);
    }

    /** Closes every stream of a thread (thread end); quiet, never throws. */
    static void closeAll(Map<String, OpenStream> streams) {
        streams.values().forEach(open -> open.stream().close());
        streams.clear();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, OpenStream> streams(boolean create) {
        JMeterVariables vars = JMeterContextService.getContext().getVariables();
        if (vars == null) {
            return new LinkedHashMap<>();
        }
        Object held = vars.getObject(KEY);
        if (held == null) {
            Map<String, OpenStream> fresh = new LinkedHashMap<>();
            if (create) {
                vars.putObject(KEY, fresh);
            }
            return fresh;
        }
        return (Map<String, OpenStream>) held;
    }
}
