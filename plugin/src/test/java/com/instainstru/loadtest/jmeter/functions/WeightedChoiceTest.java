package com.instainstru.loadtest.jmeter.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.jmeter.engine.util.CompoundVariable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.testing.JMeterHarness;

class WeightedChoiceTest {

    @BeforeAll
    static void jmeter() {
        JMeterHarness.init();
    }

    @Test
    void pickFollowsCumulativeWeights() {
        List<String> names = List.of("auth_check", "sse_stream", "send_message");
        double[] cumulative = {1, 4, 5};
        assertThat(WeightedChoice.pick(names, cumulative, 5, 0.0)).isEqualTo("auth_check");
        assertThat(WeightedChoice.pick(names, cumulative, 5, 0.199)).isEqualTo("auth_check");
        assertThat(WeightedChoice.pick(names, cumulative, 5, 0.2)).isEqualTo("sse_stream");
        assertThat(WeightedChoice.pick(names, cumulative, 5, 0.799)).isEqualTo("sse_stream");
        assertThat(WeightedChoice.pick(names, cumulative, 5, 0.8)).isEqualTo("send_message");
        assertThat(WeightedChoice.pick(names, cumulative, 5, 0.99999)).isEqualTo("send_message");
    }

    @Test
    void drawsRoughlyInProportion() throws Exception {
        CompoundVariable expression = compile("${__weightedChoice(auth_check=1,sse_stream=3,send_message=1)}");
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            counts.merge(expression.execute(), 1, Integer::sum);
        }
        // 10,000 draws: each share within 3 percentage points of its weight (over 8 standard deviations).
        assertThat(counts.get("auth_check")).isBetween(1_700, 2_300);
        assertThat(counts.get("sse_stream")).isBetween(5_700, 6_300);
        assertThat(counts.get("send_message")).isBetween(1_700, 2_300);
    }

    @Test
    void zeroWeightIsNeverDrawn() throws Exception {
        CompoundVariable expression = compile("${__weightedChoice(a=0,b=2.5)}");
        for (int i = 0; i < 200; i++) {
            assertThat(expression.execute()).isEqualTo("b");
        }
    }

    @Test
    void badWeightsAreClearErrors() throws Exception {
        assertThatThrownBy(() -> compile("${__weightedChoice(a=x)}").execute())
                .hasMessageContaining("weight of 'a=x' is not a number");
        assertThatThrownBy(() -> compile("${__weightedChoice(a)}").execute())
                .hasMessageContaining("'a' is not name=weight");
        assertThatThrownBy(() -> compile("${__weightedChoice(a=0)}").execute())
                .hasMessageContaining("all weights are 0");
        assertThatThrownBy(() -> compile("${__weightedChoice(a=-1)}").execute())
                .hasMessageContaining("negative");
    }

    private static CompoundVariable compile(String text) throws Exception {
        CompoundVariable variable = new CompoundVariable();
        variable.setParameters(text);
        return variable;
    }
}
