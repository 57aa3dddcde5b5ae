package com.instainstru.loadtest.refserver;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultKnobsTest {
    @Test
    void rejectsOutOfRangeValues() {
        FaultKnobs f = new FaultKnobs(1);
        assertThatThrownBy(() -> f.setDropFraction(1.5)).hasMessageContaining("drop fraction must be between 0 and 1");
        assertThatThrownBy(() -> f.setDuplicateFraction(-0.1)).hasMessageContaining("duplicate fraction");
        assertThatThrownBy(() -> f.setMalformedFraction(Double.NaN)).hasMessageContaining("malformed fraction");
        assertThatThrownBy(() -> f.setStallFraction(2)).hasMessageContaining("stall fraction");
        assertThatThrownBy(() -> f.setErrorFraction(0.5, 200)).hasMessageContaining("error status must be 400..599");
        assertThatThrownBy(() -> f.setPublishDelayMillis(-1)).hasMessageContaining("publish delay must be >= 0");
        assertThatThrownBy(() -> f.setCloseAfterEvents(-1)).hasMessageContaining("close-after events");
        assertThatThrownBy(() -> f.setCloseAfterSeconds(-1)).hasMessageContaining("close-after seconds");
        assertThatThrownBy(() -> f.setSubscribeGapMillis(-5)).hasMessageContaining("subscribe gap");
        assertThatThrownBy(() -> f.setLoginDelayMillis(-5)).hasMessageContaining("login delay");
    }

    @Test
    void sameSeedGivesSameDecisionsAndResetRestoresIt() {
        FaultKnobs f = new FaultKnobs(7);
        List<Boolean> first = rolls(f);
        f.setDropFraction(0.3);
        f.setErrorFraction(0.2, 502);
        f.reset();
        assertThat(rolls(f)).isEqualTo(first);
        assertThat(f.dropFraction()).isZero();
        assertThat(f.errorFraction()).isZero();
        assertThat(f.errorStatus()).isEqualTo(503);
        assertThat(first).contains(true, false);
    }

    @Test
    void extremesNeedNoRandomness() {
        FaultKnobs f = new FaultKnobs(1);
        assertThat(f.roll(0)).isFalse();
        assertThat(f.roll(1)).isTrue();
    }

    private static List<Boolean> rolls(FaultKnobs f) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            out.add(f.roll(0.5));
        }
        return out;
    }
}
