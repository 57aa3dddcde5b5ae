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

    @Test
    void headerBlocksKeepOrderAndMaskOnlySecretHeaders() {
        String block = "Connection: keep-alive\nAuthorization: Bearer eyJ.abc\nX-Rate-Limit-Bypass: s3cret-token\n"
                + "Origin: https://preview.instainstru.com";
        assertThat(SecretMasker.headerBlock(block)).isEqualTo("Connection: keep-alive\nAuthorization: Bearer ***\n"
                + "X-Rate-Limit-Bypass: ***\nOrigin: https://preview.instainstru.com");
        assertThat(SecretMasker.headerBlock("")).isEmpty();
        assertThat(SecretMasker.headerBlock(null)).isNull();
    }

    @Test
    void secretValuesAreReplacedWhereverTheyAppearButTinyValuesAreLeftAlone() {
        String text = "GET http://x/?t=s3cret-token\nCookie Data:\nsid_preview=s3cret-token; n=abc";
        assertThat(SecretMasker.values(text, java.util.List.of("s3cret-token", "abc", "")))
                .isEqualTo("GET http://x/?t=***\nCookie Data:\nsid_preview=***; n=abc");
    }

    @Test
    void theMaskingPostProcessorCleansASampleAndItsSubresults() {
        org.apache.jmeter.samplers.SampleResult parent = new org.apache.jmeter.samplers.SampleResult();
        parent.setRequestHeaders("X-Rate-Limit-Bypass: tok-12345\nAccept: */*");
        parent.setSamplerData("GET http://h/api?bypass=tok-12345");
        parent.setResponseHeaders("Set-Cookie: sid_preview=jwt-abcdef; HttpOnly");
        org.apache.jmeter.samplers.SampleResult redirect = new org.apache.jmeter.samplers.SampleResult();
        redirect.setRequestHeaders("Authorization: Bearer jwt-abcdef");
        parent.addRawSubResult(redirect);

        SecretMasking.mask(parent, java.util.List.of("tok-12345", "jwt-abcdef"));

        assertThat(parent.getRequestHeaders()).isEqualTo("X-Rate-Limit-Bypass: ***\nAccept: */*");
        assertThat(parent.getSamplerData()).isEqualTo("GET http://h/api?bypass=***");
        assertThat(parent.getResponseHeaders()).isEqualTo("Set-Cookie: sid_preview=***; HttpOnly");
        assertThat(redirect.getRequestHeaders()).isEqualTo("Authorization: Bearer ***");
    }
}
