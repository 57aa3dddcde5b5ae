package com.instainstru.loadtest.jmeter.testing;

import java.time.Duration;

import org.apache.jmeter.control.LoopController;
import org.apache.jmeter.threads.JMeterContext;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterThread;
import org.apache.jmeter.threads.JMeterVariables;
import org.apache.jorphan.collections.HashTree;

import com.instainstru.loadtest.jmeter.FatalConfiguration;

/**
 * The calling thread made to look like a JMeter thread (its own variables, optionally a scheduled end), so a
 * test calls samplers' {@code sample()} directly, without an engine. Close it to leave the thread clean.
 */
public final class SamplingContext implements AutoCloseable {

    private final JMeterContext context;

    private SamplingContext() {
        JMeterHarness.init();
        FatalConfiguration.clear(); // an earlier test's fatal error would fail every sample
        context = JMeterContextService.getContext();
        context.setVariables(new JMeterVariables());
    }

    public static SamplingContext fresh() {
        return new SamplingContext();
    }

    /** The thread group's scheduler ends this thread {@code left} from now. */
    public SamplingContext endingIn(Duration left) {
        HashTree tree = new HashTree();
        tree.add(new LoopController());
        JMeterThread thread = new JMeterThread(tree, null, null);
        thread.setEndTime(System.currentTimeMillis() + left.toMillis());
        context.setThread(thread);
        return this;
    }

    public JMeterVariables variables() {
        return context.getVariables();
    }

    @Override
    public void close() {
        context.clear();
    }
}
