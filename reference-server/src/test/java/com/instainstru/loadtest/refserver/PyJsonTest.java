package com.instainstru.loadtest.refserver;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PyJsonTest {
    @Test
    void usesPythonDefaultSeparatorsAndKeepsKeyOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of("x", 2L, true));
        m.put("n", null);
        m.put("empty", List.of());
        m.put("obj", Map.of());
        assertThat(PyJson.dumps(m)).isEqualTo("{\"b\": 1, \"a\": [\"x\", 2, true], \"n\": null, \"empty\": [], \"obj\": {}}");
    }

    @Test
    void escapesLikeEnsureAscii() {
        assertThat(PyJson.dumps("quote\" back\\ nl\n cr\r tab\t bs\b ff\f ctl\u0001 del\u007f é 😀"))
                .isEqualTo("\"quote\\\" back\\\\ nl\\n cr\\r tab\\t bs\\b ff\\f ctl\\u0001 del\\u007f \\u00e9 \\ud83d\\ude00\"");
        assertThat(PyJson.dumps("/<>&'")).isEqualTo("\"/<>&'\"");
    }

    @Test
    void rejectsValuesJsonCannotHold() {
        assertThatThrownBy(() -> PyJson.dumps(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");
        Map<Object, Object> badKey = new LinkedHashMap<>();
        badKey.put(1, "x");
        assertThatThrownBy(() -> PyJson.dumps(badKey)).hasMessageContaining("keys must be strings");
        assertThat(PyJson.dumps(Arrays.asList(null, false))).isEqualTo("[null, false]");
    }
}
