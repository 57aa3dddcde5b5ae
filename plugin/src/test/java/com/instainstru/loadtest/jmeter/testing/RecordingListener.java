package com.instainstru.loadtest.jmeter.testing;

import java.util.ArrayList;
import java.util.List;

import org.apache.jmeter.samplers.SampleEvent;
import org.apache.jmeter.samplers.SampleListener;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.engine.util.NoThreadClone;

/** Keeps every sample of a test run, shared by all threads (not cloned), like a results file would. */
public final class RecordingListener extends AbstractTestElement implements SampleListener, NoThreadClone {

    private static final long serialVersionUID = 1L;
    private final transient List<SampleResult> results = new ArrayList<>();

    @Override
    public void sampleOccurred(SampleEvent event) {
        synchronized (results) {
            results.add(event.getResult());
        }
    }

    @Override
    public void sampleStarted(SampleEvent event) {
    }

    @Override
    public void sampleStopped(SampleEvent event) {
    }

    public List<SampleResult> results() {
        synchronized (results) {
            return new ArrayList<>(results);
        }
    }
}
