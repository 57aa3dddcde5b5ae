package com.instainstru.loadtest.jmeter.rmi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;

/**
 * RMI sockets whose listening side binds to {@code java.rmi.server.hostname} (read when each socket is made, since
 * JMeter sets it from its {@code -D} options after the JVM started); without that property it binds every
 * interface, as RMI does by default. Client sockets are plain TCP.
 */
final class BoundRmiSocketFactory extends RMISocketFactory {

    static final String HOSTNAME_PROPERTY = "java.rmi.server.hostname";

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        String host = System.getProperty(HOSTNAME_PROPERTY);
        if (host == null || host.isBlank()) {
            return new ServerSocket(port);
        }
        return new ServerSocket(port, 50, InetAddress.getByName(host.strip()));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return new Socket(host, port);
    }
}
