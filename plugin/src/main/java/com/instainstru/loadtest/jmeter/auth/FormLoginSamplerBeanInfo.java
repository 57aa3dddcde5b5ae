package com.instainstru.loadtest.jmeter.auth;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class FormLoginSamplerBeanInfo extends BeanInfoSupport {

    // The names under which plans save these properties (the bean property names): never rename one, or
    // saved plans lose that field silently. SavedPropertyNamesTest checks them against the shipped plans.
    public static final String LOGIN_URL = "loginUrl";
    public static final String ACCOUNTS = "accounts";
    public static final String PASSWORD = "password";
    public static final String USERNAME_FIELD = "usernameField";
    public static final String PASSWORD_FIELD = "passwordField";
    public static final String ORIGIN = "origin";
    public static final String BYPASS_TOKEN = "bypassToken";
    public static final String BODY_TOKEN_FIELD = "bodyTokenField";
    public static final String COOKIE_NAMES = "cookieNames";
    public static final String TOKEN_VARIABLE = "tokenVariable";
    public static final String ACCOUNT_VARIABLE = "accountVariable";
    public static final String CONNECT_TIMEOUT_MS = "connectTimeoutMs";
    public static final String RESPONSE_TIMEOUT_MS = "responseTimeoutMs";

    public FormLoginSamplerBeanInfo() {
        super(FormLoginSampler.class);
        createPropertyGroup("request", new String[] {LOGIN_URL, ACCOUNTS, PASSWORD, USERNAME_FIELD,
                PASSWORD_FIELD});
        createPropertyGroup("headers", new String[] {ORIGIN, BYPASS_TOKEN});
        createPropertyGroup("token", new String[] {BODY_TOKEN_FIELD, COOKIE_NAMES, TOKEN_VARIABLE, ACCOUNT_VARIABLE});
        createPropertyGroup("timeouts", new String[] {CONNECT_TIMEOUT_MS, RESPONSE_TIMEOUT_MS});

        text(property(LOGIN_URL), "${base_url}/api/v1/auth/login");
        text(property(ACCOUNTS), "${accounts}");
        // Plain text on purpose: the field should hold ${__loadtestParam(LOADTEST_PASSWORD)}, which must stay visible.
        text(property(PASSWORD), "${__loadtestParam(LOADTEST_PASSWORD)}");
        text(property(USERNAME_FIELD), "${__loadtestParam(LOADTEST_LOGIN_USER_FIELD,username)}");
        text(property(PASSWORD_FIELD), "${__loadtestParam(LOADTEST_LOGIN_PASSWORD_FIELD,password)}");
        text(property(ORIGIN), "${frontend_origin}");
        text(property(BYPASS_TOKEN), "${__loadtestParam(LOADTEST_BYPASS_TOKEN)}");
        text(property(BODY_TOKEN_FIELD), "access_token");
        text(property(COOKIE_NAMES), "sid_preview,sid,access_token,preview_access_token");
        text(property(TOKEN_VARIABLE), "token");
        text(property(ACCOUNT_VARIABLE), "login_email");
        text(property(CONNECT_TIMEOUT_MS), 10_000);
        text(property(RESPONSE_TIMEOUT_MS), 30_000);
    }
}
