package com.instainstru.loadtest.jmeter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The guard that decides whether the InfluxDB tests run, skip or fail; runs with or without influxd. */
class InfluxdGuardTest {

    @Test
    void missingInfluxdMeansSkipWithTheReason() {
        assertThat(InfluxdServer.binaryOrNull(null, null)).isNull();
        assertThat(InfluxdServer.NOT_INSTALLED).contains("apt-get install influxdb");
    }

    @Test
    void missingInfluxdFailsWhenCiRequiresIt() {
        assertThatThrownBy(() -> InfluxdServer.binaryOrNull(null, "1")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("LOADTEST_REQUIRE_INFLUXDB=1");
    }

    @Test
    void installedInfluxdIsUsedWhateverTheFlag() {
        assertThat(InfluxdServer.binaryOrNull("/usr/bin/influxd", "1")).isEqualTo("/usr/bin/influxd");
        assertThat(InfluxdServer.binaryOrNull("/usr/bin/influxd", null)).isEqualTo("/usr/bin/influxd");
    }
}
