package com.instainstru.loadtest.jmeter.auth;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class FormLoginSamplerBeanInfo extends BeanInfoSupport {

    public FormLoginSamplerBeanInfo() {
        super(FormLoginSampler.class);
        createPropertyGroup("request", new String[] {"loginUrl", "accounts", "password", "usernameField",
                "passwordField"});
        createPropertyGroup("headers", new String[] {"origin", "bypassToken"});
        createPropertyGroup("token", new String[] {"bodyTokenField", "cookieNames", "tokenVariable", "accountVariable"});
        createPropertyGroup("timeouts", new String[] {"connectTimeoutMs", "responseTimeoutMs"});

        text(property("loginUrl"), "${base_url}/api/v1/auth/login");
        text(property("accounts"), "${accounts}");
        // Plain text on purpose: the field should hold ${__loadtestParam(LOADTEST_PASSWORD)}, which must stay visible.
        text(property("password"), "${__loadtestParam(LOADTEST_PASSWORD)}");
        text(property("usernameField"), "${__loadtestParam(LOADTEST_LOGIN_USER_FIELD,username)}");
        text(property("passwordField"), "${__loadtestParam(LOADTEST_LOGIN_PASSWORD_FIELD,password)}");
        text(property("origin"), "${frontend_origin}");
        text(property("bypassToken"), "${__loadtestParam(LOADTEST_BYPASS_TOKEN)}");
        text(property("bodyTokenField"), "access_token");
        text(property("cookieNames"), "sid_preview,sid,access_token,preview_access_token");
        text(property("tokenVariable"), "token");
        text(property("accountVariable"), "login_email");
        text(property("connectTimeoutMs"), 10_000);
        text(property("responseTimeoutMs"), 30_000);
    }
}
