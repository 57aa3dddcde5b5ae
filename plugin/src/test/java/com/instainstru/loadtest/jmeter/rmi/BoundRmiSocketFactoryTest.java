package com.instainstru.loadtest.jmeter.rmi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundRmiSocketFactoryTest {

    private final String saved = System.getProperty(BoundRmiSocketFactory.HOSTNAME_PROPERTY);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(BoundRmiSocketFactory.HOSTNAME_PROPERTY);
        } else {
            System.setProperty(BoundRmiSocketFactory.HOSTNAME_PROPERTY, saved);
        }
    }

    @Test
    void listensOnTheRmiHostnameOnly() throws Exception {
        System.setProperty(BoundRmiSocketFactory.HOSTNAME_PROPERTY, "127.0.0.1");
        try (ServerSocket s = new BoundRmiSocketFactory().createServerSocket(0)) {
            assertThat(s.getInetAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        }
    }

    @Test
    void withoutAHostnameItListensWhereRmiWould() throws Exception {
        System.clearProperty(BoundRmiSocketFactory.HOSTNAME_PROPERTY);
        try (ServerSocket s = new BoundRmiSocketFactory().createServerSocket(0)) {
            assertThat(s.getInetAddress().isAnyLocalAddress()).isTrue();
        }
    }
}
