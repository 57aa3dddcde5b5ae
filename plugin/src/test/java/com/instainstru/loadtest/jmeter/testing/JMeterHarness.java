package com.instainstru.loadtest.jmeter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.apache.jmeter.control.LoopController;
import org.apache.jmeter.engine.StandardJMeterEngine;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testbeans.gui.TestBeanGUI;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.testelement.TestPlan;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jmeter.util.JMeterUtils;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.ListedHashTree;

/**
 * Runs real JMeter test trees in this JVM: a JMeter home made from JMeter's own config jar, elements built as
 * a saved plan would hold them (properties, not fields), and the engine run to the end.
 */
public final class JMeterHarness {

    private static Path home;

    private JMeterHarness() {
    }

    public static synchronized Path init() {
        if (home != null) {
            return home;
        }
        try {
            home = Files.createTempDirectory("jmeter-home");
            Path bin = Files.createDirectories(home.resolve("bin"));
            for (String name : List.of("jmeter.properties", "saveservice.properties", "system.properties",
                    "upgrade.properties", "user.properties", "reportgenerator.properties")) {
                try (InputStream in = JMeterHarness.class.getResourceAsStream("/bin/" + name)) {
                    if (in == null) {
                        throw new IOException("JMeter config jar missing bin/" + name + " on the test classpath");
                    }
                    Files.copy(in, bin.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.createDirectories(home.resolve("lib/ext"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JMeterUtils.setJMeterHome(home.toString());
        JMeterUtils.loadJMeterProperties(home.resolve("bin/jmeter.properties").toString());
        JMeterUtils.initLocale();
        JMeterUtils.setProperty("jmeterengine.nongui.port", "0");
        // A test that cannot stop its threads must fail, not end the test JVM.
        JMeterUtils.setProperty("jmeterengine.stopfail.system.exit", "false");
        return home;
    }

    /** A TestBean element set up as a saved plan would hold it. */
    public static <T extends TestElement> T bean(Class<T> type, String name, Map<String, ?> properties) {
        T element;
        try {
            element = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        element.setName(name);
        element.setProperty(TestElement.TEST_CLASS, type.getName());
        element.setProperty(TestElement.GUI_CLASS, TestBeanGUI.class.getName());
        properties.forEach((key, value) -> element.setProperty(key, String.valueOf(value)));
        return element;
    }

    public static ThreadGroup threadGroup(String name, int threads, int loops) {
        LoopController loop = new LoopController();
        loop.setLoops(loops);
        loop.setFirst(true);
        loop.initialize();
        ThreadGroup group = new ThreadGroup();
        group.setName(name);
        group.setNumThreads(threads);
        group.setRampUp(0);
        group.setSamplerController(loop);
        return group;
    }

    /** A test started by {@link Plan#start()}: the engine, and the thread that runs it until the test ends. */
    public record Running(StandardJMeterEngine engine, Thread runner) {
        /** Waits for the test to end; true if it did within the time. */
        public boolean awaitEnd(java.time.Duration timeout) throws InterruptedException {
            runner.join(Math.max(1, timeout.toMillis()));
            return !runner.isAlive();
        }

        /**
         * Whether the test ended by itself within {@code timeout}; if not, it is stopped now (and given 10 s), so
         * a failing test never leaves JMeter threads behind.
         */
        public boolean endedByItselfWithin(java.time.Duration timeout) throws InterruptedException {
            boolean ended = awaitEnd(timeout);
            if (!ended) {
                engine.stopTest(true);
                awaitEnd(java.time.Duration.ofSeconds(10));
            }
            return ended;
        }
    }

    /** Builds {@code plan → groups}, each group with its children in order. */
    public static final class Plan {
        private final HashTree tree = new ListedHashTree();
        private final HashTree planTree;
        private final RecordingListener recorder = new RecordingListener();

        public Plan() {
            init();
            TestPlan plan = new TestPlan("test");
            planTree = tree.add(plan);
            planTree.add(recorder);
        }

        public Plan config(TestElement element) {
            planTree.add(element);
            return this;
        }

        public Plan group(ThreadGroup group, TestElement... children) {
            HashTree groupTree = planTree.add(group);
            for (TestElement child : children) {
                groupTree.add(child);
            }
            return this;
        }

        /** A group whose children carry their own sub-trees (e.g. a sampler with a post-processor). */
        public Plan group(ThreadGroup group, HashTree children) {
            planTree.add(group).add(children);
            return this;
        }

        public HashTree tree() {
            return tree;
        }

        /** Runs to the end (bounded by the plan itself) and returns every sample in order of arrival. */
        public List<SampleResult> run() {
            StandardJMeterEngine engine = new StandardJMeterEngine();
            engine.configure(tree);
            engine.run();
            return recorder.results();
        }

        /** Starts the test without waiting; for stop tests. */
        public Running start() {
            StandardJMeterEngine engine = new StandardJMeterEngine();
            engine.configure(tree);
            Thread runner = new Thread(engine, "jmeter-engine");
            runner.setDaemon(true);
            runner.start();
            return new Running(engine, runner);
        }

        public List<SampleResult> results() {
            return recorder.results();
        }
    }
}
