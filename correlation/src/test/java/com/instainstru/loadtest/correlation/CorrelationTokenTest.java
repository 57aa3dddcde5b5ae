package com.instainstru.loadtest.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorrelationTokenTest {

    private static final CorrelationToken TOKEN = CorrelationToken.of("k3x9q2ab", "t12", 4711, 1_764_235_205_123_456L);

    @Test
    void rendersAndParsesBack() {
        assertThat(TOKEN.render()).isEqualTo("e2e.k3x9q2ab.t12.4711.1764235205123456");
        assertThat(CorrelationToken.parse(TOKEN.render())).isEqualTo(TOKEN);
        assertThat(CorrelationToken.parse("e2e.a.X_y-Z.0.0").senderId()).isEqualTo("X_y-Z");
    }

    @Test
    void contentForJoinsPrefixAndToken() {
        assertThat(CorrelationToken.contentFor("jmeter-e2e", TOKEN)).isEqualTo("jmeter-e2e:e2e.k3x9q2ab.t12.4711.1764235205123456");
        assertThat(CorrelationToken.contentFor("", TOKEN)).isEqualTo(TOKEN.render());
        assertThatThrownBy(() -> CorrelationToken.contentFor(null, TOKEN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefix");
        assertThatThrownBy(() -> CorrelationToken.contentFor("p", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token");
    }

    @Test
    void findsTokenInsideTheBackendsNewMessageJson() {
        String data = "{\"message\": {\"id\": \"01JABCDEFGHJKMNPQRSTVWXYZ0\", \"content\": \"jmeter-e2e:" + TOKEN.render()
                + "\", \"sender_id\": \"01J\", \"sender_name\": \"Emma J.\"}, \"conversation_id\": \"01JC\", \"is_mine\": true}";
        assertThat(CorrelationToken.findIn(data)).contains(TOKEN);
    }

    @Test
    void copesWithJsonEscapingAroundTheToken() {
        // content that was itself JSON, escaped once more: quotes become \" right next to the token
        assertThat(CorrelationToken.findIn("{\"content\": \"{\\\"c\\\":\\\"" + TOKEN.render() + "\\\"}\"}")).contains(TOKEN);
        // a newline escape right before it: the 'n' of \n touches the prefix
        assertThat(CorrelationToken.findIn("{\"content\": \"hello\\n" + TOKEN.render() + "\\n\"}")).contains(TOKEN);
        // sentence-ending dot and a unicode escape after it
        assertThat(CorrelationToken.findIn("see " + TOKEN.render() + ". ok")).contains(TOKEN);
        assertThat(CorrelationToken.findIn(TOKEN.render() + "\\u00e9")).contains(TOKEN);
    }

    @Test
    void takesTheFirstWellFormedTokenOfSeveral() {
        CorrelationToken second = CorrelationToken.of("zz", "u1", 1, 2);
        String text = "e2e.k3x9q2ab.t12.notanumber.1 e2e. e2e.ABC.t.1.2 " + TOKEN.render() + " " + second.render();
        assertThat(CorrelationToken.findIn(text)).contains(TOKEN);
        assertThat(CorrelationToken.findIn(second.render() + " " + TOKEN.render())).contains(second);
    }

    @Test
    void worksOnCharSequencesOtherThanString() {
        StringBuilder data = new StringBuilder("{\"content\": \"x:").append(TOKEN.render()).append("\"}");
        assertThat(CorrelationToken.findIn(data)).contains(TOKEN);
    }

    @Test
    void rejectsGarbage() {
        String[] garbage = {
            "", "e2e", "e2e.", "e2e.abc", "e2e.abc.t1", "e2e.abc.t1.5", "e2e.abc.t1.5.", "e2e..t1.5.6",
            "e2e.ABC.t1.5.6", "e2e.abcdefghijklmn.t1.5.6", "e2e.abc.t 1.5.6", "e2e.abc.t1.-5.6",
            "e2e.abc.t1.5.6x", "e2e.abc.t1.5.6.7", "e2e.abc.t1.5.1234567890123456789", "e2e.abc." + "s".repeat(33) + ".5.6",
            "locust-e2e:1b4e28ba-2fa1-11d2-883f-0016d3cca427", "{\"type\": \"heartbeat\"}"
        };
        for (String text : garbage) {
            assertThat(CorrelationToken.findIn(text)).as(text).isEqualTo(Optional.empty());
            assertThatThrownBy(() -> CorrelationToken.parse(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a well-formed correlation token");
        }
        assertThat(CorrelationToken.findIn(null)).isEmpty();
        assertThatThrownBy(() -> CorrelationToken.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorrelationToken.parse(TOKEN.render() + " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofValidatesEveryPart() {
        assertThatThrownBy(() -> CorrelationToken.of(null, "t1", 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("engineId");
        assertThatThrownBy(() -> CorrelationToken.of("ABC", "t1", 1, 1)).hasMessageContaining("engineId");
        assertThatThrownBy(() -> CorrelationToken.of("abc", "", 1, 1)).hasMessageContaining("senderId");
        assertThatThrownBy(() -> CorrelationToken.of("abc", "a.b", 1, 1)).hasMessageContaining("senderId");
        assertThatThrownBy(() -> CorrelationToken.of("abc", "t1", -1, 1)).hasMessageContaining("seq");
        assertThatThrownBy(() -> CorrelationToken.of("abc", "t1", 1, Long.MAX_VALUE)).hasMessageContaining("epochMicros");
    }
}
