package com.instainstru.loadtest.sse;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * Starts the one reader thread each stream has.
 *
 * <p><b>Virtual</b> (Java 21+, the default there): a virtual thread costs a few hundred bytes plus the stack
 * chunks it actually uses (a blocked socket read holds about 1-2 KiB on the heap), so thousands of streams are
 * cheap. okhttp-eventsource waits out reconnect delays in {@code synchronized}/{@code Object.wait}, which pins
 * the carrier thread on Java 21-23 for the length of the delay; without reconnects nothing pins for long.
 * <br><b>Platform</b> (Java 17, or forced): a daemon thread with a {@value #PLATFORM_STACK_BYTES}-byte stack
 * reservation (committed lazily by the OS, typically 16-64 KiB resident) plus a kernel thread each.
 *
 * <p>Either way the thread is named {@code sse-reader-<streamName>}. The choice can be forced with the system
 * property {@value #PROPERTY} = {@code virtual} | {@code platform}; {@code virtual} on a JVM without virtual
 * threads falls back to platform ({@link #fellBack()} tells). Reflection keeps the module compiling at release 17.
 */
public final class ReaderThreads {

    /** System property forcing the mode. */
    public static final String PROPERTY = "sse.reader.threads";
    /** Stack size asked for platform readers. */
    public static final long PLATFORM_STACK_BYTES = 256 * 1024;

    /** Kind of reader thread. */
    public enum Mode { VIRTUAL, PLATFORM }

    private static final MethodHandle OF_VIRTUAL;
    private static final MethodHandle BUILDER_NAME;
    private static final MethodHandle BUILDER_UNSTARTED;

    static {
        MethodHandle ofVirtual = null;
        MethodHandle name = null;
        MethodHandle unstarted = null;
        try {
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualType));
            name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class));
            unstarted = lookup.findVirtual(builder, "unstarted", MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            ofVirtual = null; // Java 17-20: no virtual threads
        }
        OF_VIRTUAL = ofVirtual;
        BUILDER_NAME = name;
        BUILDER_UNSTARTED = unstarted;
    }

    private final Mode mode;
    private final boolean fellBack;

    private ReaderThreads(Mode mode, boolean fellBack) {
        this.mode = mode;
        this.fellBack = fellBack;
    }

    /** Whether this JVM has virtual threads. */
    public static boolean virtualThreadsAvailable() {
        return OF_VIRTUAL != null;
    }

    /** The mode chosen by {@value #PROPERTY}, else virtual where available. */
    public static ReaderThreads fromSystemProperties() {
        return forSetting(System.getProperty(PROPERTY));
    }

    /**
     * The mode for a property value: {@code null}/blank = automatic, {@code virtual}, {@code platform}
     * (case-insensitive).
     *
     * @throws IllegalArgumentException for any other value
     */
    public static ReaderThreads forSetting(String setting) {
        if (setting == null || setting.isBlank()) {
            return new ReaderThreads(virtualThreadsAvailable() ? Mode.VIRTUAL : Mode.PLATFORM, false);
        }
        switch (setting.strip().toLowerCase(Locale.ROOT)) {
            case "virtual":
                return virtualThreadsAvailable() ? new ReaderThreads(Mode.VIRTUAL, false)
                        : new ReaderThreads(Mode.PLATFORM, true);
            case "platform":
                return new ReaderThreads(Mode.PLATFORM, false);
            default:
                throw new IllegalArgumentException(
                        PROPERTY + " must be 'virtual' or 'platform', got '" + setting + "'");
        }
    }

    /** The effective mode. */
    public Mode mode() {
        return mode;
    }

    /** True when {@code virtual} was asked for on a JVM without virtual threads. */
    public boolean fellBack() {
        return fellBack;
    }

    /** Starts {@code task} on a new reader thread named {@code sse-reader-<streamName>}. */
    public Thread start(String streamName, Runnable task) {
        Thread thread = newThread("sse-reader-" + streamName, task);
        thread.start();
        return thread;
    }

    private Thread newThread(String name, Runnable task) {
        if (mode == Mode.VIRTUAL) {
            try {
                Object builder = OF_VIRTUAL.invoke();
                builder = BUILDER_NAME.invoke(builder, name);
                return (Thread) BUILDER_UNSTARTED.invoke(builder, task);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot create a virtual thread", e);
            }
        }
        Thread thread = new Thread(null, task, name, PLATFORM_STACK_BYTES);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public String toString() {
        return "ReaderThreads[" + mode + (fellBack ? ", virtual unavailable" : "") + "]";
    }
}
