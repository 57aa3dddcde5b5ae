package com.instainstru.loadtest.jmeter.http;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.gui.TypeEditor;

public class SecretMaskingBeanInfo extends BeanInfoSupport {

    public SecretMaskingBeanInfo() {
        super(SecretMasking.class);
        createPropertyGroup("secrets", new String[] {"secretValues"});
        text(property("secretValues", TypeEditor.TextAreaEditor),
                "${__loadtestParam(LOADTEST_BYPASS_TOKEN)}\n${__loadtestParam(LOADTEST_PASSWORD)}\n${token}");
    }
}
