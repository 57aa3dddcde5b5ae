package com.instainstru.loadtest.jmeter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own bound on a run, so that a plan ends on time however it is started (scripts, Maven,
 * {@code jmeter -n}, the GUI, a distributed engine): once the latest scheduled end of any thread group plus
 * the e2e timeout, the close grace and a margin has passed with JMeter threads still alive, it writes a thread
 * dump, owes one failed {@value #OVERTIME_LABEL} sample naming the threads still alive (the e2e collector
 * records it, so it reaches the JTL and fails the verdict) and stops the test now.
 *
 * <p>Every sampler notes its thread's scheduled end (see {@link SampleFailures#guarded}); threads without a
 * scheduler (the collector's, which loops forever) have none. A plan without any scheduled thread group has
 * no bound here; the scripts still bound it from outside.
 */
public final class RunDeadline {

    public static final String OVERTIME_LABEL = "run_overtime";
    /** Seconds past the e2e timeout and close grace (the scripts use the same property). */
    public static final String END_MARGIN_PROPERTY = "LOADTEST_END_MARGIN_S";
    /** Folder for the thread dump (default: JMeter's working directory). */
    public static final String DUMP_DIR_PROPERTY = "LOADTEST_THREAD_DUMP_DIR";
    public static final String DUMP_FILE = "run-overtime-thread-dump.txt";
    static final long DEFAULT_END_MARGIN_S = 60;
    /** How long the watchdog leaves the collector to record the owed sample before it stops the test. */
    private static final Duration HAND_OVER = Duration.ofSeconds(3);
    private static final int NAMED_THREADS = 10;
    private static final Logger log = LoggerFactory.getLogger(RunDeadline.class);

    private static final AtomicLong latestScheduledEnd = new AtomicLong();
    private static final AtomicReference<String> owedOvertime = new AtomicReference<>();
    private static Thread watchdog;

    private RunDeadline() {
    }

    /** Called on every sample: the later of the known scheduled ends and this thread's own. */
    public static void noteThisThreadsEnd() {
        JMeterThread thread = JMeterContextService.getContext().getThread();
        long end = thread == null ? 0 : thread.getEndTime();
        if (end > 0 && end > latestScheduledEnd.get()) {
            latestScheduledEnd.accumulateAndGet(end, Math::max);
        }
    }

    /**
     * Starts this engine's watchdog for a new test: it fires {@code afterScheduledEnd} after the latest scheduled
     * end; {@code boundExplained} says in the message what that bound is made of.
     */
    public static synchronized void start(Duration afterScheduledEnd, String boundExplained, Path dumpDir) {
        stop();
        latestScheduledEnd.set(0);
        owedOvertime.set(null);
        Thread t = new Thread(() -> watch(afterScheduledEnd, boundExplained, dumpDir), "run deadline watchdog");
        t.setDaemon(true);
        watchdog = t;
        t.start();
        log.info("Run deadline: the test is stopped if JMeter threads are alive {} s after the latest scheduled end "
                + "({})", afterScheduledEnd.toSeconds(), boundExplained);
    }

    public static synchronized void stop() {
        if (watchdog != null) {
            watchdog.interrupt();
            watchdog = null;
        }
    }

    /** The overtime message owed as a failed sample, once; null when none is owed. */
    public static String takeOwedOvertime() {
        return owedOvertime.getAndSet(null);
    }

    /** The margin from the JMeter property (the scripts' {@value #END_MARGIN_PROPERTY}), checked. */
    public static long endMarginSeconds(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_END_MARGIN_S;
        }
        try {
            long s = Long.parseLong(value.trim());
            if (s >= 0) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(END_MARGIN_PROPERTY + " must be a whole number of seconds >= 0, was '"
                + value + "'");
    }

    private static void watch(Duration afterScheduledEnd, String boundExplained, Path dumpDir) {
        try {
            while (true) {
                Thread.sleep(250);
                long end = latestScheduledEnd.get();
                if (end > 0 && System.currentTimeMillis() > end + afterScheduledEnd.toMillis()) {
                    // one snapshot for both the names and the dump, so they agree
                    Map<Thread, StackTraceElement[]> threads = Thread.getAllStackTraces();
                    List<String> alive = aliveJMeterThreads(threads);
                    if (!alive.isEmpty()) {
                        fire(alive, threads, afterScheduledEnd, boundExplained, dumpDir);
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void fire(List<String> alive, Map<Thread, StackTraceElement[]> threads, Duration afterScheduledEnd,
                             String boundExplained, Path dumpDir)
            throws InterruptedException {
        String dump = writeThreadDump(threads, dumpDir);
        List<String> named = alive.subList(0, Math.min(NAMED_THREADS, alive.size()));
        String message = "the run did not end on time: " + alive.size() + " JMeter thread(s) still alive "
                + afterScheduledEnd.toSeconds() + " s after the latest scheduled end (" + boundExplained + "): "
                + String.join(", ", named) + (alive.size() > named.size() ? ", and " + (alive.size() - named.size())
                + " more" : "") + "; thread dump: " + dump + "; the test was stopped (StopTestNow)";
        log.error(message);
        System.err.println("ERROR: " + message); // NOSONAR: the console of a non-GUI run is where users look
        owedOvertime.set(message);
        long until = System.nanoTime() + HAND_OVER.toNanos();
        while (owedOvertime.get() != null && System.nanoTime() - until < 0) {
            Thread.sleep(100);
        }
        if (owedOvertime.get() != null) {
            log.error("Run deadline: no e2e collector recorded the {} sample; only jmeter.log says the run overran",
                    OVERTIME_LABEL);
        }
        StandardJMeterEngine.stopEngineNow();
    }

    /** "name (state, in the first frame outside the JDK)" for each live JMeter sampler thread. */
    static List<String> aliveJMeterThreads(Map<Thread, StackTraceElement[]> threads) {
        List<String> alive = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : threads.entrySet()) {
            if (isJMeterThread(e.getValue())) {
                StackTraceElement frame = firstOwnFrame(e.getValue());
                alive.add(e.getKey().getName() + " (" + e.getKey().getState()
                        + (frame != null ? ", in " + frame.getClassName() + "." + frame.getMethodName() + ":"
                        + frame.getLineNumber() : "") + ")");
            }
        }
        alive.sort(null);
        return alive;
    }

    /** The first frame outside the JDK: the call that is blocking, not the park or sleep under it. */
    private static StackTraceElement firstOwnFrame(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String c = frame.getClassName();
            if (!(c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun."))) {
                return frame;
            }
        }
        return stack.length > 0 ? stack[0] : null;
    }

    private static boolean isJMeterThread(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(JMeterThread.class.getName()) && frame.getMethodName().equals("run")) {
                return true;
            }
        }
        return false;
    }

    private static String writeThreadDump(Map<Thread, StackTraceElement[]> threads, Path dumpDir) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : threads.entrySet()) {
            Thread t = e.getKey();
            text.append('"').append(t.getName()).append("\" ").append(t.isDaemon() ? "daemon " : "")
                    .append(t.getState()).append('\n');
            for (StackTraceElement frame : e.getValue()) {
                text.append("\tat ").append(frame).append('\n');
            }
            text.append('\n');
        }
        Path file = dumpDir.resolve(DUMP_FILE).toAbsolutePath();
        try {
            Files.createDirectories(dumpDir);
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file.toString();
        } catch (IOException | RuntimeException e) {
            log.error("Run deadline: cannot write the thread dump to {}: {}; it follows here\n{}", file, e, text);
            return "jmeter.log (could not write " + file + ")";
        }
    }
}
