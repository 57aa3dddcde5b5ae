package com.instainstru.loadtest.jmeter.metrics;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.jmeter.config.ConfigTestElement;
import org.apache.jmeter.engine.util.NoConfigMerge;
import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.testbeans.TestBeanHelper;
import org.apache.jmeter.testelement.TestStateListener;
import org.apache.jmeter.util.JMeterUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.instainstru.loadtest.correlation.DeliveryLedger;

/**
 * Writes this engine's own totals to InfluxDB while a test runs: the delivery ledger's running counters
 * ({@value EnginePoints#LEDGER_MEASUREMENT}: streams open, pending, sent, delivered, lost, race-missed, ...) and
 * the JVM's heap ({@value EnginePoints#JVM_MEASUREMENT}), every {@code backend_influxdb.send_interval} seconds
 * (5, JMeter's Backend Listener interval) and once more when the test ends. Off while the URL is empty.
 * <p>
 * Why not inside the Backend Listener: that listener is {@code Remoteable}, so in distributed mode it runs on the
 * controller, whose ledger is empty; this element is not, so each engine runs it for its own ledger and heap
 * (tag {@code engine}). Lifecycle: the plan holds one at its top level, after the Delivery Ledger Config (which
 * resets the ledger at test start); JMeter calls testStarted/testEnded on it once per engine and test. It is
 * never merged into samplers (its URL and token stay out of them) nor cloned per thread: it has nothing per thread.
 */
public class EngineMetrics extends ConfigTestElement
        implements TestBean, TestStateListener, NoConfigMerge, NoThreadClone {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(EngineMetrics.class);
    static final String INTERVAL_PROPERTY = "backend_influxdb.send_interval";

    private String influxdbUrl = "";
    private String influxdbToken = "";
    private String application = "";
    private String engine = "";

    // built at test start on the engine; never shipped to a remote engine
    private transient ScheduledExecutorService timer;
    private transient InfluxWriter writer;
    private transient Map<String, String> tags;

    @Override
    public void testStarted() {
        TestBeanHelper.prepare(this);
        String url = influxdbUrl == null ? "" : influxdbUrl.trim();
        if (url.isEmpty()) {
            log.info("Engine metrics off: no InfluxDB URL (set LOADTEST_INFLUX_URL to write ledger totals and heap)");
            return;
        }
        writer = new InfluxWriter(url, influxdbToken);
        tags = new TreeMap<>(Map.of("application", application.trim(), "engine", engine.trim()));
        long interval = Math.max(1, JMeterUtils.getPropDefault(INTERVAL_PROPERTY, 5L));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loadtest-engine-metrics");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> writer.sendAsync(points()), interval, interval, TimeUnit.SECONDS);
        log.info("Engine metrics on: ledger totals and heap every {} s to {} (tags {})", interval, writer.redacted(),
                tags);
    }

    @Override
    public void testEnded() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.sendAndWait(points()); // the totals as the test ended
        writer.close();
        timer = null;
        writer = null;
    }

    private String points() {
        long now = System.currentTimeMillis();
        return EnginePoints.ledger(DeliveryLedger.shared().snapshot(), tags, now) + '\n'
                + EnginePoints.jvm(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage(), tags, now) + '\n';
    }

    @Override
    public void testStarted(String host) {
        testStarted();
    }

    @Override
    public void testEnded(String host) {
        testEnded();
    }

    public String getInfluxdbUrl() { return influxdbUrl; }
    public void setInfluxdbUrl(String influxdbUrl) { this.influxdbUrl = influxdbUrl; }
    public String getInfluxdbToken() { return influxdbToken; }
    public void setInfluxdbToken(String influxdbToken) { this.influxdbToken = influxdbToken; }
    public String getApplication() { return application; }
    public void setApplication(String application) { this.application = application; }
    public String getEngine() { return engine; }
    public void setEngine(String engine) { this.engine = engine; }
}
