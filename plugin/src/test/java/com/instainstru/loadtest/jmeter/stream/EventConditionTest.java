package com.instainstru.loadtest.jmeter.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.sse.SseEvent;

class EventConditionTest {

    private static final SseEvent CONNECTED = event("connected", "{\"user_id\": \"01U\", \"status\": \"connected\"}");
    private static final SseEvent MESSAGE = event("new_message",
            "{\"message\": {\"id\": \"01M\", \"content\": \"jmeter-e2e:e2e.x\"}, \"recipient_ids\": [\"a\", \"b\"]}");
    private static final SseEvent PING = new SseEvent(SseEvent.Kind.COMMENT, "message", " ping - 2026", null, 1, 1, 10);

    @Test
    void emptyConditionMatchesAnyEventButNotComments() {
        EventCondition any = new EventCondition("", "", "", "", false);
        assertThat(any.matches(CONNECTED)).isTrue();
        assertThat(any.matches(PING)).isFalse();
        assertThat(new EventCondition("", "", "", "", true).matches(PING)).isTrue();
    }

    @Test
    void nameRegexAndJsonPathMustAllHold() {
        assertThat(new EventCondition("new_message", "", "", "", false).matches(CONNECTED)).isFalse();
        assertThat(new EventCondition("new_message", "jmeter-e2e", "", "", false).matches(MESSAGE)).isTrue();
        assertThat(new EventCondition("", "", "message.content", "", false).matches(MESSAGE)).isTrue();
        assertThat(new EventCondition("", "", "$.message.id", "01M", false).matches(MESSAGE)).isTrue();
        assertThat(new EventCondition("", "", "message.id", "02M", false).matches(MESSAGE)).isFalse();
        assertThat(new EventCondition("", "", "recipient_ids.1", "b", false).matches(MESSAGE)).isTrue();
        assertThat(new EventCondition("", "", "message.missing", "", false).matches(MESSAGE)).isFalse();
    }

    @Test
    void nonJsonDataNeverMatchesAJsonPath() {
        assertThat(new EventCondition("", "", "a", "", false).matches(event("x", "not json"))).isFalse();
    }

    @Test
    void badRegexIsAClearError() {
        assertThatThrownBy(() -> new EventCondition("", "([", "", "", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Data regex is not valid");
    }

    @Test
    void describesItselfForFailureMessages() {
        assertThat(new EventCondition("new_message", "e2e", "message.id", "01M", false).describe())
                .isEqualTo("event 'new_message' with data matching /e2e/ with JSON message.id = '01M'");
    }

    private static SseEvent event(String name, String data) {
        return new SseEvent(SseEvent.Kind.MESSAGE, name, data, null, 1, 1, data.length());
    }
}
