package com.instainstru.loadtest.jmeter;

/**
 * What JMeter's {@code Interruptible.interrupt()} (called from another thread when a test stops) does to the
 * sample in progress. A sample opens a {@link Scope} around each blocking step saying how to wake it: interrupt
 * the sampling thread (waits in {@code poll} return at once), or cancel an HTTP call (a socket read ignores
 * thread interrupts). Scopes nest; closing one restores the outer one. One per sampler clone, i.e. per thread.
 * Serializable with nothing in it, so a sampler can hold one in a final field and still travel to a remote
 * engine (where it arrives with no step in progress).
 */
public final class Interruption implements java.io.Serializable {

    private static final long serialVersionUID = 1L;
    private transient volatile Runnable cancel;

    /** Until the scope is closed, {@link #interrupt()} runs {@code cancel}. */
    public Scope cancelWith(Runnable cancel) {
        Runnable outer = this.cancel;
        this.cancel = cancel;
        return () -> this.cancel = outer;
    }

    /** Until the scope is closed, {@link #interrupt()} interrupts the calling thread. */
    public Scope interruptThisThread() {
        return cancelWith(Thread.currentThread()::interrupt);
    }

    /** Wakes the blocking step in progress, if any; true when there was one. */
    public boolean interrupt() {
        Runnable current = cancel;
        if (current != null) {
            current.run();
            return true;
        }
        return false;
    }

    /** A blocking step in progress; closing it never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
