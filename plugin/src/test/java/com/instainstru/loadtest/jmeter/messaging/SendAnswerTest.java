package com.instainstru.loadtest.jmeter.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.ConfigurationException;

/** Issue 10: a backend's send answer (its statuses and where the id is) is configuration, not code. */
class SendAnswerTest {

    @Test
    void theDefaultIsAny2xxWithTheIdAtTheTop() throws ConfigurationException {
        SendAnswer answer = SendAnswer.parse("", "");
        assertThat(answer.accepts(200)).isTrue();
        assertThat(answer.accepts(201)).isTrue();
        assertThat(answer.accepts(204)).isTrue();
        assertThat(answer.accepts(302)).isFalse();
        assertThat(answer.accepts(-1)).isFalse();
        assertThat(answer.messageId("{\"id\": \"01HX\", \"created_at\": \"now\"}")).isEqualTo("01HX");
        assertThat(answer.messageId("{}")).isNull();
        assertThat(answer.messageId("not json")).isNull();
    }

    @Test
    void listedCodesAndANestedIdPath() throws ConfigurationException {
        SendAnswer answer = SendAnswer.parse("201, 202", "$.message.id");
        assertThat(answer.accepts(201)).isTrue();
        assertThat(answer.accepts(200)).as("200 is not listed").isFalse();
        assertThat(answer.acceptedText()).isEqualTo("201,202");
        assertThat(answer.messageId("{\"message\": {\"id\": 42}}")).isEqualTo("42");
        assertThat(answer.messageId("{\"message\": {\"id\": {\"nested\": 1}}}")).as("not a value").isNull();
        assertThat(answer.messageId("{\"id\": \"top\"}")).isNull();
    }

    @Test
    void badValuesAreConfigurationErrorsThatSayWhy() {
        assertThatThrownBy(() -> SendAnswer.parse("2xx,ok", "$.id")).isInstanceOf(ConfigurationException.class)
                .hasMessage("Accepted statuses must be codes or classes like 2xx, 200,201; 'ok' is neither");
        assertThatThrownBy(() -> SendAnswer.parse("2xx", "id")).isInstanceOf(ConfigurationException.class)
                .hasMessage("Message id path must be a JSON path of field names like $.id or $.message.id, not 'id'");
        assertThatThrownBy(() -> SendAnswer.parse("2xx", "$.items[0].id")).isInstanceOf(ConfigurationException.class);
    }
}
