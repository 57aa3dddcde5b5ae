package com.instainstru.loadtest.refserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedDataTest {
    @Test
    void defaultsShareOneConversationAndAConfirmedBooking() {
        SeedData seed = SeedData.defaults();
        SeedUser sarah = seed.userByEmail("Sarah.Chen@example.com").orElseThrow();
        SeedUser emma = seed.userByEmail("emma.johnson@example.com").orElseThrow();
        assertThat(sarah.roles()).containsExactly("instructor");
        assertThat(emma.roles()).containsExactly("student");
        assertThat(seed.conversationsOf(sarah.id())).singleElement()
                .satisfies(c -> assertThat(c.participantIds()).containsExactly(sarah.id(), emma.id()));
        assertThat(seed.bookingsOf(emma.id())).singleElement()
                .satisfies(b -> assertThat(b.status()).isEqualTo("CONFIRMED"));
        assertThat(seed.users()).allMatch(u -> Ulid.isValid(u.id()));
        assertThat(sarah.toString()).doesNotContain(SeedData.DEFAULT_PASSWORD);
    }

    @Test
    void readsMoreAccountsAndConversationsFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("users.json");
        Files.writeString(file, """
                {"users": [{"email": "load1@example.com", "password": "pw1", "first_name": "Load", "last_name": "One",
                            "roles": ["instructor"]},
                           {"email": "load2@example.com", "password": "pw2"}],
                 "conversations": [{"participants": ["load1@example.com", "load2@example.com"],
                                    "booking": {"status": "CONFIRMED"}}]}
                """);
        SeedData seed = SeedData.fromFile(file);
        SeedUser one = seed.userByEmail("load1@example.com").orElseThrow();
        SeedUser two = seed.userByEmail("load2@example.com").orElseThrow();
        assertThat(seed.userByEmail("sarah.chen@example.com")).isPresent();
        assertThat(seed.conversationsOf(one.id())).singleElement().satisfies(c -> {
            assertThat(Ulid.isValid(c.id())).isTrue();
            assertThat(c.participantIds()).containsExactly(one.id(), two.id());
        });
        assertThat(seed.bookingsOf(two.id())).singleElement().satisfies(b -> {
            assertThat(b.instructorId()).isEqualTo(one.id());
            assertThat(b.studentId()).isEqualTo(two.id());
        });
        assertThat(two.roles()).containsExactly("student");
    }

    @Test
    void canLeaveTheDefaultsOut() {
        SeedData seed = SeedData.fromJson(json("{\"include_defaults\": false, \"users\": "
                + "[{\"email\": \"a@x.com\", \"password\": \"p\"}]}"), "test");
        assertThat(seed.users()).extracting(SeedUser::email).containsExactly("a@x.com");
    }

    @Test
    void reportsBadFilesClearly(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> SeedData.fromJson(json("[]"), "f.json")).hasMessageContaining("top level must be a JSON object");
        assertThatThrownBy(() -> SeedData.fromJson(json("{\"users\": [{\"password\": \"p\"}]}"), "f.json"))
                .hasMessageContaining("users[0]").hasMessageContaining("email");
        assertThatThrownBy(() -> SeedData.fromJson(json("{\"users\": [{\"email\": \"sarah.chen@example.com\", "
                + "\"password\": \"p\"}]}"), "f.json")).hasMessageContaining("duplicate e-mail");
        assertThatThrownBy(() -> SeedData.fromJson(json("{\"conversations\": [{\"participants\": "
                + "[\"sarah.chen@example.com\", \"nobody@example.com\"]}]}"), "f.json"))
                .hasMessageContaining("conversations[0]").hasMessageContaining("unknown participant nobody@example.com");
        assertThatThrownBy(() -> SeedData.fromJson(json("{\"users\": [{\"email\": \"a@x.com\", \"password\": \"p\", "
                + "\"id\": \"not-a-ulid\"}]}"), "f.json")).hasMessageContaining("not an upper-case ULID");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{not json");
        assertThatThrownBy(() -> SeedData.fromFile(broken)).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot read users file");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
