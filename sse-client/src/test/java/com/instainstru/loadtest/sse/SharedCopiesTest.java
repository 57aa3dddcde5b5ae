package com.instainstru.loadtest.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Held streams keep their open's headers: equal ones are kept once, and what is kept cannot change. */
class SharedCopiesTest {

    private static Map<String, List<String>> headers(String date) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Content-Type", new ArrayList<>(List.of("text/event-stream")));
        h.put("Date", new ArrayList<>(List.of(date)));
        return h;
    }

    private static OpenResult open(Map<String, List<String>> headers, String requestLines) {
        return new OpenResult(200, headers, 0L, 1L, 2L, requestLines, 100L);
    }

    @Test
    void equalHeadersOfTwoOpensAreOneKeptCopy() {
        OpenResult a = open(headers("Fri, 04 Dec 2026 21:00:00 GMT"), "Host: h\nAuthorization: Bearer <redacted>");
        OpenResult b = open(headers("Fri, 04 Dec 2026 21:00:00 GMT"), new String("Host: h\nAuthorization: Bearer <redacted>"));
        assertThat(b.headers()).isSameAs(a.headers()).isEqualTo(headers("Fri, 04 Dec 2026 21:00:00 GMT"));
        assertThat(b.requestHeaders()).isSameAs(a.requestHeaders());
        assertThat(b.header("content-type")).isEqualTo("text/event-stream");
    }

    @Test
    void headersThatDifferAreKeptApartAndTheKeptCopyNeverChanges() {
        Map<String, List<String>> source = headers("Fri, 04 Dec 2026 21:00:01 GMT");
        OpenResult a = open(source, "Host: h");
        OpenResult b = open(headers("Fri, 04 Dec 2026 21:00:02 GMT"), "Host: other");
        assertThat(b.headers()).isNotSameAs(a.headers());
        assertThat(b.header("Date")).isEqualTo("Fri, 04 Dec 2026 21:00:02 GMT");
        assertThat(b.requestHeaders()).isEqualTo("Host: other");

        source.get("Date").set(0, "changed later by the caller");
        source.put("X-Added", List.of("later"));
        assertThat(a.header("Date")).isEqualTo("Fri, 04 Dec 2026 21:00:01 GMT");
        assertThat(a.headers()).doesNotContainKey("X-Added");
        assertThatThrownBy(() -> a.headers().get("Date").add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> a.headers().put("X", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }
}
