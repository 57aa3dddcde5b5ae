package com.instainstru.loadtest.jmeter.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void readsTheOldSuitesFormatIgnoringComments() throws IOException {
        Path file = write("{\"_comment\": \"seeded users\","
                + "\"sarah.chen@example.com\": {\"conversation_id\": \"01HZZ\", \"booking_id\": \"01HBB\"},"
                + "\"emma.johnson@example.com\": {\"conversation_id\": \"01HZZ\", \"booking_id\": null},"
                + "\"solo@example.com\": {\"conversation_id\": \"01HYY\"}}");
        ConversationDirectory directory = ConversationDirectory.load(file);
        assertThat(directory.size()).isEqualTo(3);
        assertThat(directory.lookup("sarah.chen@example.com")).contains(new ConversationDirectory.Entry("01HZZ", "01HBB"));
        assertThat(directory.lookup("emma.johnson@example.com")).contains(new ConversationDirectory.Entry("01HZZ", null));
        assertThat(directory.lookup("nobody@example.com")).isEmpty();
        assertThat(directory.participantsByConversation()).isEqualTo(Map.of(
                "01HZZ", Set.of("sarah.chen@example.com", "emma.johnson@example.com"),
                "01HYY", Set.of("solo@example.com")));
    }

    @Test
    void missingFileSaysWhere() {
        assertThatThrownBy(() -> ConversationDirectory.load(dir.resolve("nope.json")))
                .isInstanceOf(IOException.class).hasMessageContaining("not found").hasMessageContaining("nope.json");
    }

    @Test
    void brokenJsonIsReported() throws IOException {
        Path file = write("{\"a@b\": ");
        assertThatThrownBy(() -> ConversationDirectory.load(file))
                .isInstanceOf(IOException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void entryWithoutConversationIsRejected() throws IOException {
        Path file = write("{\"a@b\": {\"booking_id\": \"x\"}}");
        assertThatThrownBy(() -> ConversationDirectory.load(file))
                .isInstanceOf(IOException.class).hasMessageContaining("'a@b' needs a non-empty \"conversation_id\"");
    }

    @Test
    void topLevelMustBeAnObject() throws IOException {
        Path file = write("[1, 2]");
        assertThatThrownBy(() -> ConversationDirectory.load(file))
                .isInstanceOf(IOException.class).hasMessageContaining("expected a JSON object");
    }

    private Path write(String json) throws IOException {
        Path file = dir.resolve("conversations.json");
        Files.writeString(file, json);
        return file;
    }
}
