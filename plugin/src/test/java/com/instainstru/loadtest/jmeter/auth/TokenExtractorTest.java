package com.instainstru.loadtest.jmeter.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TokenExtractorTest {

    private final TokenExtractor extractor =
            new TokenExtractor("access_token", List.of("sid_preview", "sid", "access_token", "preview_access_token"));

    @Test
    void bodyTokenWinsOverCookie() {
        LoginOutcome outcome = extractor.extract("{\"access_token\": \"body-jwt\", \"token_type\": \"bearer\"}",
                List.of("sid_preview=cookie-jwt; HttpOnly; Path=/"));
        assertThat(outcome.token()).isEqualTo("body-jwt");
        assertThat(outcome.source()).isEqualTo("body field access_token");
    }

    @Test
    void cookieTakenInConfiguredOrder() {
        LoginOutcome outcome = extractor.extract("{\"requires_2fa\":false}", List.of(
                "rid_preview=refresh; Path=/api/v1/auth/refresh", "sid=prod-jwt; HttpOnly", "sid_preview=preview-jwt; HttpOnly"));
        assertThat(outcome.token()).isEqualTo("preview-jwt");
        assertThat(outcome.source()).isEqualTo("cookie sid_preview");
    }

    @Test
    void refreshCookieIsNotASessionToken() {
        LoginOutcome outcome = extractor.extract("{\"requires_2fa\":false}", List.of("rid_preview=refresh; Path=/"));
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.failure()).contains("no 'access_token' in the body").contains("sid_preview");
    }

    @Test
    void twoFactorAccountsAreReportedAsUnusable() {
        LoginOutcome outcome = extractor.extract("{\"requires_2fa\":true,\"temp_token\":\"abc\"}", List.of());
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.failure()).contains("two-factor").contains("requires_2fa=true");
    }

    @Test
    void emptyCookieValueIsNotAToken() {
        LoginOutcome outcome = extractor.extract("", List.of("sid_preview=; Max-Age=0"));
        assertThat(outcome.succeeded()).isFalse();
    }

    @Test
    void nonJsonBodyFallsBackToCookies() {
        LoginOutcome outcome = extractor.extract("<html>ok</html>", List.of("access_token=legacy; Path=/"));
        assertThat(outcome.token()).isEqualTo("legacy");
    }
}
