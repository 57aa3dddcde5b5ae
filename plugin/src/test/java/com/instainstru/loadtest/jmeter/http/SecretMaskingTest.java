package com.instainstru.loadtest.jmeter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;

import org.apache.jmeter.protocol.http.sampler.HTTPSampleResult;
import org.junit.jupiter.api.Test;

class SecretMaskingTest {

    private static final List<String> SECRETS = List.of("tok-12345", "pw-secret", "jwt-abcdef");

    @Test
    void anHttpSampleShowsItsRequestBlockOnceHoweverOftenItIsMasked() throws Exception {
        HTTPSampleResult login = new HTTPSampleResult();
        login.setHTTPMethod("POST");
        login.setURL(new URL("http://127.0.0.1:8080/api/auth/login?bypass=tok-12345"));
        login.setQueryString("username=a%40b.c&password=pw-secret");
        login.setCookies("sid_preview=jwt-abcdef");
        login.setSamplerData("sent with tok-12345");

        SecretMasking.mask(login, SECRETS);
        SecretMasking.mask(login, SECRETS);

        assertThat(login.getSamplerData()).isEqualTo("""
                POST http://127.0.0.1:8080/api/auth/login?bypass=***

                POST data:
                username=a%40b.c&password=***

                Cookie Data:
                sid_preview=***
                sent with ***""");
        assertThat(login.getURL()).hasToString("http://127.0.0.1:8080/api/auth/login?bypass=***");
    }

    @Test
    void anHttpSampleWithoutSecretsOrOwnSamplerDataIsLeftAsItWas() throws Exception {
        HTTPSampleResult check = new HTTPSampleResult();
        check.setHTTPMethod("GET");
        check.setURL(new URL("http://127.0.0.1:8080/api/auth/me"));
        String shown = check.getSamplerData();

        SecretMasking.mask(check, SECRETS);
        SecretMasking.mask(check, SECRETS);

        assertThat(check.getSamplerData()).isEqualTo(shown).startsWith("GET http://127.0.0.1:8080/api/auth/me\n")
                .containsOnlyOnce("[no cookies]");
    }

    @Test
    void aUrlThatNoLongerParsesOnceMaskedIsDropped() throws Exception {
        HTTPSampleResult odd = new HTTPSampleResult();
        odd.setHTTPMethod("GET");
        odd.setURL(new URL("https://127.0.0.1/"));

        SecretMasking.mask(odd, List.of("https"));

        assertThat(odd.getURL()).isNull();
        assertThat(odd.getSamplerData()).doesNotContain("https");
    }
}
