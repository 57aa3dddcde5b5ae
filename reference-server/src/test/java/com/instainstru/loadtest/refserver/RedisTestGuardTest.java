package com.instainstru.loadtest.refserver;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard that decides whether RedisFanoutTest runs, skips or fails; runs with or without redis-server. */
class RedisTestGuardTest {
    @Test
    void missingRedisMeansSkipWithTheReason() {
        assertThat(RedisFanoutTest.redisServerOrNull(null, null)).isNull();
        assertThat(RedisFanoutTest.NOT_INSTALLED)
                .isEqualTo("redis-server not installed: Redis fan-out tests skipped "
                        + "(apt-get install redis-server to run them)");
    }

    @Test
    void missingRedisFailsWhenCiRequiresIt() {
        assertThatThrownBy(() -> RedisFanoutTest.redisServerOrNull(null, "1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LOADTEST_REQUIRE_REDIS=1");
    }

    @Test
    void installedRedisIsUsedWhateverTheFlag() {
        assertThat(RedisFanoutTest.redisServerOrNull("/usr/bin/redis-server", "1")).isEqualTo("/usr/bin/redis-server");
        assertThat(RedisFanoutTest.redisServerOrNull("/usr/bin/redis-server", null)).isEqualTo("/usr/bin/redis-server");
    }
}
