package com.instainstru.loadtest.jmeter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LineProtocolTest {

    @Test
    void writesIntegerFieldsTagsAndANanosecondTimestamp() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("application", "s0_smoke");
        tags.put("engine", "gen 1,a=b");
        tags.put("empty", "");
        Map<String, Long> fields = new LinkedHashMap<>();
        fields.put("sent", 12L);
        fields.put("streams_open", 3L);

        assertThat(LineProtocol.point("loadtest_ledger", tags, fields, 1_700_000_000_123L))
                .isEqualTo("loadtest_ledger,application=s0_smoke,engine=gen\\ 1\\,a\\=b sent=12i,streams_open=3i "
                        + "1700000000123000000");
    }

    @Test
    void aLineBreakInATagCannotStartANewPoint() {
        assertThat(LineProtocol.escape("a\nb", true)).isEqualTo("a b");
    }

    @Test
    void aPointNeedsAField() {
        assertThatThrownBy(() -> LineProtocol.point("m", Map.of(), Map.of(), 1L))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
