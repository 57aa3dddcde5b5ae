package com.instainstru.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineThreadsTest {

    private static JtlSample sample(String thread, int allThreads) {
        return new JtlSample(1000, 1, "x", "200", "OK", thread, true, "", 0, 0, allThreads, "", 0, 0);
    }

    @Test
    void remoteEnginesAreToldApartByTheirThreadNamePrefix() {
        assertThat(EngineThreads.engineOf("127.0.0.1:38374-virtual users 1-3")).isEqualTo("127.0.0.1:38374");
        assertThat(EngineThreads.engineOf("engine-a.example.com:1099-users 1-1")).isEqualTo("engine-a.example.com:1099");
        assertThat(EngineThreads.engineOf("virtual users 1-3")).isEmpty();
        assertThat(EngineThreads.engineOf("delivery ledger collector 2-1")).isEmpty();
        assertThat(EngineThreads.localName("10.0.0.5:1099-delivery ledger collector 2-1"))
                .isEqualTo("delivery ledger collector 2-1");
    }

    @Test
    void usersAreSummedOverEnginesLessEachEnginesCollector() {
        EngineThreads t = new EngineThreads();
        t.add(sample("127.0.0.1:1-delivery ledger collector 2-1", 11));
        t.add(sample("127.0.0.1:2-delivery ledger collector 2-1", 11));
        t.add(sample("127.0.0.1:1-virtual users 1-4", 10)); // engine 1 went down to 10 threads
        assertThat(t.threads()).isEqualTo(21);
        assertThat(t.users()).isEqualTo(19);
        assertThat(t.engines()).isEqualTo(2);
    }

    @Test
    void oneEngineIsTheLatestCountLessItsCollector() {
        EngineThreads t = new EngineThreads();
        t.add(sample("virtual users 1-1", 5));
        t.add(sample("delivery ledger collector 2-1", 6));
        assertThat(t.threads()).isEqualTo(6);
        assertThat(t.users()).isEqualTo(5);
    }
}
