package com.instainstru.loadtest.report;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Thread counts of a JTL that one engine or several (JMeter's distributed mode) wrote. Each sample's
 * {@code allThreads} counts its own engine only, and a remote engine's thread names start with its
 * {@code host:port-}; so the run's threads are the sum over engines of each engine's latest count, and its users
 * that less each engine's delivery ledger collector threads.
 */
final class EngineThreads {

    private final Map<String, Integer> latestByEngine = new HashMap<>();
    private final Set<String> collectorThreads = new HashSet<>();
    private long threads = -1;
    private long peakThreads = -1;

    /** "host:port" of a remote engine's thread name ("10.0.0.5:1099-users 1-3"), "" for a local run's. */
    static String engineOf(String threadName) {
        Matcher m = REMOTE_PREFIX.matcher(threadName);
        return m.find() ? m.group(1) : "";
    }

    /** JMeter's remote prefix: the engine's host (no spaces, may hold dashes) and port, then a dash. */
    private static final Pattern REMOTE_PREFIX = Pattern.compile("^(\\S+?:\\d+)-");

    /** The thread name without its engine's prefix. */
    static String localName(String threadName) {
        String engine = engineOf(threadName);
        return engine.isEmpty() ? threadName : threadName.substring(engine.length() + 1);
    }

    void add(JtlSample s) {
        if (JtlStatsCollector.isCollectorThread(localName(s.threadName()))) {
            collectorThreads.add(s.threadName());
        }
        if (s.allThreads() >= 0) {
            Integer before = latestByEngine.put(engineOf(s.threadName()), s.allThreads());
            threads = Math.max(0, threads) + s.allThreads() - (before == null ? 0 : before);
            peakThreads = Math.max(peakThreads, threads);
        }
    }

    /** Threads alive over every engine at the latest sample, or -1 when the JTL has no allThreads. */
    long threads() {
        return threads;
    }

    /** Of those, the users (less the collectors seen so far), or -1 when unknown. */
    long users() {
        return threads < 0 ? -1 : Math.max(0, threads - collectorThreads.size());
    }

    /** The peak of {@link #threads()} less every collector thread seen, or -1 when unknown. */
    long peakUsers() {
        return peakThreads < 0 ? -1 : Math.max(0, peakThreads - collectorThreads.size());
    }

    int engines() {
        return Math.max(1, latestByEngine.size());
    }
}
