package com.instainstru.loadtest.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LedgerSettingsTest {

    @Test
    void defaultsMatchTheOldSuite() {
        LedgerSettings s = LedgerSettings.defaults();
        assertThat(s.pendingTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.raceWindow()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.closeGrace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.contentPrefix()).isEqualTo("jmeter-e2e");
        assertThat(s.engineId()).matches("[0-9a-z]{8}").isEqualTo(LedgerSettings.jvmEngineId())
                .isEqualTo(LedgerSettings.defaults().engineId());
    }

    @Test
    void builderAndToBuilderRoundTrip() {
        LedgerSettings s = LedgerSettings.builder().pendingTimeoutSeconds(2.5).raceWindow(Duration.ZERO)
                .closeGrace(Duration.ofMillis(300)).engineId("e1").recordQueueCapacity(7).contentPrefix("").build();
        assertThat(s.pendingTimeout()).isEqualTo(Duration.ofMillis(2500));
        LedgerSettings copy = s.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(s.toString());
    }

    @Test
    void rejectsBadValuesWithTheReason() {
        assertThatThrownBy(() -> LedgerSettings.builder().pendingTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pendingTimeout must be positive");
        assertThatThrownBy(() -> LedgerSettings.builder().pendingTimeout(null)).hasMessageContaining("pendingTimeout");
        assertThatThrownBy(() -> LedgerSettings.builder().pendingTimeoutSeconds(Double.NaN)).hasMessageContaining("pendingTimeout");
        assertThatThrownBy(() -> LedgerSettings.builder().raceWindow(Duration.ofMillis(-1))).hasMessageContaining("raceWindow");
        assertThatThrownBy(() -> LedgerSettings.builder().closeGrace(null)).hasMessageContaining("closeGrace");
        assertThatThrownBy(() -> LedgerSettings.builder().engineId("Engine-1")).hasMessageContaining("engineId");
        assertThatThrownBy(() -> LedgerSettings.builder().recordQueueCapacity(0)).hasMessageContaining("recordQueueCapacity");
        assertThatThrownBy(() -> LedgerSettings.builder().contentPrefix("a\nb")).hasMessageContaining("contentPrefix");
    }
}
