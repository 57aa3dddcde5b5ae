package com.instainstru.loadtest.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SseRequestTest {

    private static final URI STREAM = URI.create("https://preview-api.instainstru.com/api/v1/messages/stream");

    @Test
    void defaults() {
        SseRequest r = SseRequest.builder(STREAM).build();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.body()).isEmpty();
        assertThat(r.bodyContentType()).isNull();
        assertThat(r.headers()).containsExactly(Map.entry("Accept", "text/event-stream"));
        assertThat(r.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.readTimeout()).isEqualTo(Duration.ZERO);
        assertThat(r.lastEventId()).isNull();
        assertThat(r.reconnectPolicy()).isSameAs(ReconnectPolicy.NONE);
        assertThat(r.queueCapacity()).isEqualTo(10_000);
        assertThat(r.toString()).isEqualTo("GET " + STREAM);
    }

    @Test
    void headersKeepOrderAndAcceptIsOnlyDefaulted() {
        SseRequest r = SseRequest.builder(STREAM).bearerToken("t").header("Cookie", "sid=1")
                .header("X-Rate-Limit-Bypass", "b").header("X-Multi", "1").header("X-Multi", "2").build();
        assertThat(r.headers()).extracting(Map.Entry::getKey)
                .containsExactly("Accept", "Authorization", "Cookie", "X-Rate-Limit-Bypass", "X-Multi", "X-Multi");
        assertThat(r.header("authorization")).isEqualTo("Bearer t");
        SseRequest custom = SseRequest.builder(STREAM).header("accept", "text/event-stream, */*").build();
        assertThat(custom.headers()).containsExactly(Map.entry("accept", "text/event-stream, */*"));
        SseRequest replaced = r.toBuilder().setHeader("x-multi", "3").bearerToken("u").build();
        assertThat(replaced.headers()).extracting(Map.Entry::getKey)
                .containsExactly("Accept", "Cookie", "X-Rate-Limit-Bypass", "x-multi", "Authorization");
        assertThat(replaced.header("Authorization")).isEqualTo("Bearer u");
    }

    @Test
    void toStringNeverShowsHeaders() {
        assertThat(SseRequest.builder(STREAM).bearerToken("very-secret").build().toString())
                .doesNotContain("very-secret");
    }

    @Test
    void postCarriesBodyAndType() {
        SseRequest r = SseRequest.builder(STREAM).post("{}", "application/json; charset=utf-8").build();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(r.bodyContentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(r.toBuilder().get().build().method()).isEqualTo("GET");
    }

    @Test
    void uppercaseSchemeIsNormalised() {
        assertThat(SseRequest.builder(URI.create("HTTP://127.0.0.1:8080/s")).build().uri())
                .isEqualTo(URI.create("http://127.0.0.1:8080/s"));
    }

    @Test
    void badInputsAreRejectedClearly() {
        assertThatThrownBy(() -> SseRequest.builder(URI.create("ws://h/s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SSE URI must be an absolute http or https URI with a host: ws://h/s");
        assertThatThrownBy(() -> SseRequest.builder(URI.create("/relative")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> SseRequest.builder(null)).isInstanceOf(NullPointerException.class);
        SseRequest.Builder b = SseRequest.builder(STREAM);
        assertThatThrownBy(() -> b.header("Bad Name", "v"))
                .hasMessage("invalid character in header name 'Bad Name'");
        assertThatThrownBy(() -> b.header("X-Secret-Thing", "line\r\nInjected: 1"))
                .hasMessage("control or non-ASCII character in the value of header 'X-Secret-Thing'");
        assertThatThrownBy(() -> b.header(" ", "v")).hasMessage("header name must not be blank");
        assertThatThrownBy(() -> b.header("X", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.bearerToken(" ")).hasMessage("bearer token must not be blank");
        assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO)).hasMessage("connectTimeout must be positive: PT0S");
        assertThatThrownBy(() -> b.readTimeout(Duration.ofSeconds(-1)))
                .hasMessage("readTimeout must not be negative: PT-1S");
        assertThatThrownBy(() -> b.queueCapacity(0)).hasMessage("queueCapacity must be at least 1, got 0");
        assertThatThrownBy(() -> b.lastEventId("a\nb")).hasMessage("lastEventId must not contain CR, LF or NUL");
        assertThatThrownBy(() -> b.post("{}", "json")).hasMessage("POST body content type is not a media type: 'json'");
        assertThatThrownBy(() -> b.post("{}", " ")).hasMessage("POST body content type must not be blank");
        assertThatThrownBy(() -> b.reconnectPolicy(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void emptyLastEventIdMeansNone() {
        assertThat(SseRequest.builder(STREAM).lastEventId("").build().lastEventId()).isNull();
        assertThat(SseRequest.builder(STREAM).lastEventId("01J").build().lastEventId()).isEqualTo("01J");
    }

    @Test
    void bodyIsCopiedBothWays() {
        byte[] body = {1, 2};
        SseRequest r = SseRequest.builder(STREAM).post(body, "application/octet-stream").build();
        body[0] = 9;
        r.body()[1] = 9;
        assertThat(r.body()).containsExactly(1, 2);
    }
}
