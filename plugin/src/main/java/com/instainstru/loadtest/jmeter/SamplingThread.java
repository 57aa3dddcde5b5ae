package com.instainstru.loadtest.jmeter;

/**
 * Remembers which thread is inside a blocking sample, so JMeter's {@code Interruptible.interrupt()} (called
 * from another thread when a test stops) can wake it. One per sampler clone, i.e. per JMeter thread.
 */
public final class SamplingThread {

    private volatile Thread current;

    public void enter() {
        current = Thread.currentThread();
    }

    public void exit() {
        current = null;
    }

    /** Interrupts the sampling thread, if any; true when there was one. */
    public boolean interrupt() {
        Thread thread = current;
        if (thread != null) {
            thread.interrupt();
            return true;
        }
        return false;
    }
}
