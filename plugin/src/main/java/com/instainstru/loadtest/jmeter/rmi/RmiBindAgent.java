package com.instainstru.loadtest.jmeter.rmi;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.rmi.server.RMISocketFactory;

/**
 * A Java agent for JMeter engines whose RMI runs without SSL: {@code -javaagent:jmeter-sse-plugin-<version>-rmi-agent.jar},
 * a jar of this package alone (the whole plugin jar as an agent would load its JMeter classes where JMeter is not
 * visible). With SSL, JMeter binds its RMI ports to {@code java.rmi.server.hostname}; without SSL it passes no socket
 * factory, so the JDK binds the registry and the engine object to every interface. The agent installs RMI's default
 * socket factory as {@link BoundRmiSocketFactory}, which binds to that hostname: an engine on loopback stays on
 * loopback. It changes nothing else (SSL factories are JMeter's own and are not affected).
 */
public final class RmiBindAgent {

    private RmiBindAgent() {}

    public static void premain(String args, Instrumentation instrumentation) {
        install();
    }

    /** Installs the bound factory once per JVM (RMI allows setting it only once). */
    static synchronized void install() {
        if (RMISocketFactory.getSocketFactory() instanceof BoundRmiSocketFactory) {
            return;
        }
        try {
            RMISocketFactory.setSocketFactory(new BoundRmiSocketFactory());
        } catch (IOException | IllegalStateException e) {
            System.err.println("RmiBindAgent: RMI's socket factory was already set; RMI may listen on every interface ("
                    + e.getMessage() + ")");
        }
    }
}
