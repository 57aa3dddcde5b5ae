package com.instainstru.loadtest.jmeter.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void secretsAreMaskedAndOthersShown() {
        assertThat(SecretMasker.headerLine("Authorization", "Bearer eyJ.secret")).isEqualTo("Authorization: Bearer ***");
        assertThat(SecretMasker.headerLine("X-Rate-Limit-Bypass", "s3cret")).isEqualTo("X-Rate-Limit-Bypass: ***");
        assertThat(SecretMasker.headerLine("cookie", "sid_preview=abc")).isEqualTo("cookie: ***");
        assertThat(SecretMasker.headerLine("Origin", "https://preview.instainstru.com"))
                .isEqualTo("Origin: https://preview.instainstru.com");
    }
}
