package com.instainstru.loadtest.jmeter.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.jmeter.JMeter;
import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.services.FileServer;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.HashTreeTraverser;

import com.instainstru.loadtest.jmeter.testing.JMeterHarness;
import com.instainstru.loadtest.jmeter.testing.RecordingListener;

/** Loads the repository's scenario plans the way non-GUI JMeter does (include controllers resolved). */
final class ScenarioPlans {

    static final List<String> FILES = List.of("s0_smoke.jmx", "s1_capacity.jmx", "s2_throughput.jmx",
            "s3_burst.jmx", "s4_soak.jmx");

    private ScenarioPlans() {
    }

    /** {@code plans/} of this repository (tests run in {@code plugin/}). */
    static Path directory() {
        Path dir = Path.of("..", "plans").toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("s0_smoke.jmx"))) {
            throw new IllegalStateException("scenario plans not found in " + dir);
        }
        return dir;
    }

    static HashTree load(String file) throws IOException {
        JMeterHarness.init();
        Path dir = directory();
        JMeterUtils.setProperty("includecontroller.prefix", dir + "/");
        // As JMeter does for the plan it runs: relative files (includes, config/...) resolve from its folder.
        FileServer.getFileServer().setBaseForScript(dir.resolve(file).toFile());
        HashTree tree = SaveService.loadTree(dir.resolve(file).toFile());
        return JMeter.convertSubTree(tree, true);
    }

    /**
     * Runs a plan in this JVM with these JMeter properties set (the caller removes them afterwards) and returns
     * every sample, recorded by a listener added at the plan's top level.
     */
    static List<SampleResult> run(String file, Map<String, String> properties) throws IOException {
        JMeterHarness.init();
        properties.forEach(JMeterUtils::setProperty);
        HashTree tree = load(file);
        RecordingListener recorder = new RecordingListener();
        tree.getTree(tree.getArray()[0]).add(recorder);
        StandardJMeterEngine engine = new StandardJMeterEngine();
        engine.configure(tree);
        engine.run();
        return recorder.results();
    }

    /** Every element of the tree, depth first. */
    static List<TestElement> elements(HashTree tree) {
        List<TestElement> all = new ArrayList<>();
        tree.traverse(new HashTreeTraverser() {
            @Override
            public void addNode(Object node, HashTree subTree) {
                if (node instanceof TestElement element) {
                    all.add(element);
                }
            }

            @Override
            public void subtractNode() {
            }

            @Override
            public void processPath() {
            }
        });
        return all;
    }
}
