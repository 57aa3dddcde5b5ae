package com.instainstru.loadtest.refserver;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigAndCliTest {
    @Test
    void configWithersCopyAndValidate() {
        ReferenceServerConfig base = ReferenceServerConfig.defaults();
        ReferenceServerConfig changed = base.withPort(0).withCsrf(false).withBypassToken("s3cret-token");
        assertThat(base.port()).isEqualTo(8000);
        assertThat(base.csrfEnabled()).isTrue();
        assertThat(changed.port()).isZero();
        assertThat(changed.csrfEnabled()).isFalse();
        assertThat(changed.toString()).doesNotContain("s3cret-token").contains("bypassToken=set");
        assertThat(base.frontendHost()).isEqualTo("preview.instainstru.com");
        assertThatThrownBy(() -> base.withPort(70000)).hasMessageContaining("port must be 0..65535");
        assertThatThrownBy(() -> base.withFrontendOrigin("not a url")).hasMessageContaining("frontend origin");
        assertThatThrownBy(() -> base.withRedisUrl("http://x:1")).hasMessageContaining("redis://host:port");
        assertThatThrownBy(() -> base.withPingInterval(Duration.ZERO)).hasMessageContaining("ping interval must be positive");
        assertThatThrownBy(() -> base.withBypassToken(" ")).hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> base.withLoginConcurrency(0)).hasMessageContaining("login concurrency");
    }

    @Test
    void parsesEveryOption() {
        CliOptions o = CliOptions.parse(new String[]{"--host", "127.0.0.1", "--port", "0", "--frontend-origin",
                "https://app.example.com", "--no-csrf", "--no-rate-limit", "--token-in-body", "--redis-url",
                "redis://127.0.0.1:6390", "--ping-interval-seconds", "0.5", "--heartbeat-idle-seconds", "2",
                "--request-timeout-seconds", "3",
                "--publish-delay-ms", "10", "--drop-fraction", "0.1", "--duplicate-fraction", "0.2",
                "--close-after-events", "3", "--close-after-seconds", "1.5", "--error-fraction", "0.3",
                "--error-status", "502", "--stall-fraction", "0.4", "--malformed-fraction", "0.05",
                "--subscribe-gap-ms", "250", "--login-delay-ms", "20", "--random-seed", "9",
                "--login-concurrency", "4"}, Map.of());
        ReferenceServerConfig c = o.config;
        assertThat(c.port()).isZero();
        assertThat(c.frontendHost()).isEqualTo("app.example.com");
        assertThat(c.csrfEnabled()).isFalse();
        assertThat(c.rateLimitEnabled()).isFalse();
        assertThat(c.tokenInBody()).isTrue();
        assertThat(c.redisUrl()).isEqualTo("redis://127.0.0.1:6390");
        assertThat(c.pingInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.heartbeatIdle()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.requestReadTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ReferenceServerConfig.defaults().requestReadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.randomSeed()).isEqualTo(9);
        assertThat(c.loginConcurrency()).isEqualTo(4);
        assertThat(c.hasBypassToken()).isFalse();
        FaultKnobs f = new FaultKnobs(1);
        o.applyFaults(f);
        assertThat(f.publishDelayMillis()).isEqualTo(10);
        assertThat(f.dropFraction()).isEqualTo(0.1);
        assertThat(f.duplicateFraction()).isEqualTo(0.2);
        assertThat(f.closeAfterEvents()).isEqualTo(3);
        assertThat(f.closeAfterSeconds()).isEqualTo(1.5);
        assertThat(f.errorFraction()).isEqualTo(0.3);
        assertThat(f.errorStatus()).isEqualTo(502);
        assertThat(f.stallFraction()).isEqualTo(0.4);
        assertThat(f.malformedFraction()).isEqualTo(0.05);
        assertThat(f.subscribeGapMillis()).isEqualTo(250);
        assertThat(f.loginDelayMillis()).isEqualTo(20);
    }

    @Test
    void warmsUpByDefaultOnlyFromTheCommandLine() {
        assertThat(ReferenceServerConfig.defaults().warmupMessages()).isZero();
        assertThat(CliOptions.parse(new String[0], Map.of()).config.warmupMessages())
                .isEqualTo(CliOptions.DEFAULT_WARMUP_MESSAGES);
        assertThat(CliOptions.parse(new String[]{"--warmup-messages", "0"}, Map.of()).config.warmupMessages()).isZero();
        assertThat(CliOptions.parse(new String[]{"--warmup-messages", "300"}, Map.of()).config.warmupMessages())
                .isEqualTo(300);
        assertThatThrownBy(() -> CliOptions.parse(new String[]{"--warmup-messages", "-1"}, Map.of()))
                .hasMessageContaining("warm-up messages must be 0..100000, got -1");
        assertThatThrownBy(() -> CliOptions.parse(new String[]{"--warmup-messages", "many"}, Map.of()))
                .hasMessageContaining("--warmup-messages expects an integer");
        assertThatThrownBy(() -> ReferenceServerConfig.defaults().withWarmupMessages(100_001))
                .hasMessageContaining("warm-up messages must be 0..100000");
    }

    @Test
    void takesTheBypassTokenOnlyFromTheEnvironment() {
        assertThat(CliOptions.parse(new String[0], Map.of("REFSERVER_BYPASS_TOKEN", "abc")).config.hasBypassToken()).isTrue();
        assertThat(CliOptions.parse(new String[]{"--bypass-token-env", "MY_TOKEN"}, Map.of("MY_TOKEN", "abc"))
                .config.hasBypassToken()).isTrue();
        assertThat(CliOptions.parse(new String[]{"--bypass-token-env", "MY_TOKEN"}, Map.of("REFSERVER_BYPASS_TOKEN", "abc"))
                .config.hasBypassToken()).isFalse();
        assertThatThrownBy(() -> CliOptions.parse(new String[]{"--bypass-token", "abc"}, Map.of()))
                .hasMessageContaining("unknown option: --bypass-token");
    }

    @Test
    void bypassTokenFileIsCreatedOwnerOnlyThenReused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("sub/bypass-token");
        CliOptions first = CliOptions.parse(new String[]{"--bypass-token-file", file.toString()}, Map.of());
        assertThat(first.config.hasBypassToken()).isTrue();
        String token = java.nio.file.Files.readString(file);
        assertThat(token).matches("[0-9a-f]{48}");
        assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        CliOptions second = CliOptions.parse(new String[]{"--bypass-token-file", file.toString()},
                Map.of("REFSERVER_BYPASS_TOKEN", "other"));
        assertThat(java.nio.file.Files.readString(file)).isEqualTo(token);
        assertThat(second.config.toString()).doesNotContain(token);
        java.nio.file.Files.writeString(file, " ");
        assertThatThrownBy(() -> CliOptions.parse(new String[]{"--bypass-token-file", file.toString()}, Map.of()))
                .hasMessageContaining("is empty");
        java.nio.file.Path pw = dir.resolve("pw");
        CliOptions withPw = CliOptions.parse(new String[]{"--seed-password-file", pw.toString()}, Map.of());
        assertThat(withPw.config.seed().userByEmail("sarah.chen@example.com").orElseThrow().password())
                .isEqualTo(java.nio.file.Files.readString(pw));
    }

    @Test
    void seedPasswordComesFromTheEnvironment() {
        CliOptions options = CliOptions.parse(new String[0], Map.of("REFSERVER_SEED_PASSWORD", "s3cret-pw"));
        assertThat(options.config.seed().userByEmail("sarah.chen@example.com").orElseThrow().password())
                .isEqualTo("s3cret-pw");
        assertThat(CliOptions.parse(new String[0], Map.of()).config.seed()
                .userByEmail("emma.johnson@example.com").orElseThrow().password()).isEqualTo(SeedData.DEFAULT_PASSWORD);
    }

    @Test
    void explainsBadArguments() {
        assertThatThrownBy(() -> CliOptions.parse(new String[]{"--port"}, Map.of())).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> CliOptions.parse(new String[]{"--port", "x"}, Map.of())).hasMessageContaining("--port expects an integer");
        assertThatThrownBy(() -> CliOptions.parse(new String[]{"--drop-fraction", "2"}, Map.of()))
                .hasMessageContaining("--drop-fraction must be between 0 and 1");
        assertThatThrownBy(() -> CliOptions.parse(new String[]{"--error-status", "200"}, Map.of()))
                .hasMessageContaining("--error-status must be 400..599");
        assertThatThrownBy(() -> CliOptions.parse(new String[]{"--ping-interval-seconds", "0"}, Map.of()))
                .hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> CliOptions.parse(new String[]{"--bogus"}, Map.of())).hasMessageContaining("unknown option: --bogus");
        assertThatThrownBy(() -> CliOptions.parse(new String[]{"stray"}, Map.of())).hasMessageContaining("unexpected argument: stray");
        assertThatThrownBy(() -> CliOptions.parse(new String[]{"--users-file", "/nonexistent/users.json"}, Map.of()))
                .hasMessageContaining("cannot read users file");
        assertThat(CliOptions.parse(new String[]{"--help"}, Map.of()).help).isTrue();
        assertThat(CliOptions.USAGE).contains("--subscribe-gap-ms").contains("REFSERVER_BYPASS_TOKEN");
    }
}
