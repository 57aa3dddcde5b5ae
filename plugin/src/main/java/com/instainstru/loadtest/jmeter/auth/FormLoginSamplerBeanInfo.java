package com.instainstru.loadtest.jmeter.auth;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.gui.TypeEditor;

public class FormLoginSamplerBeanInfo extends BeanInfoSupport {

    public FormLoginSamplerBeanInfo() {
        super(FormLoginSampler.class);
        createPropertyGroup("request", new String[] {"loginUrl", "accounts", "password"});
        createPropertyGroup("headers", new String[] {"origin", "bypassToken"});
        createPropertyGroup("token", new String[] {"bodyTokenField", "cookieNames", "tokenVariable", "accountVariable"});
        createPropertyGroup("timeouts", new String[] {"connectTimeoutMs", "responseTimeoutMs"});

        text(property("loginUrl"), "${base_url}/api/v1/auth/login");
        text(property("accounts"), "${accounts}");
        text(property("password", TypeEditor.PasswordEditor), "");
        text(property("origin"), "${frontend_origin}");
        text(property("bypassToken", TypeEditor.PasswordEditor), "");
        text(property("bodyTokenField"), "access_token");
        text(property("cookieNames"), "sid_preview,sid,access_token,preview_access_token");
        text(property("tokenVariable"), "token");
        text(property("accountVariable"), "login_email");
        text(property("connectTimeoutMs"), 10_000);
        text(property("responseTimeoutMs"), 30_000);
    }
}
