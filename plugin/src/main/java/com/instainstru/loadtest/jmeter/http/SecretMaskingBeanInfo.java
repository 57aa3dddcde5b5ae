package com.instainstru.loadtest.jmeter.http;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.gui.TypeEditor;

public class SecretMaskingBeanInfo extends BeanInfoSupport {

    // The names under which plans save these properties (the bean property names): never rename one, or
    // saved plans lose that field silently. SavedPropertyNamesTest checks them against the shipped plans.
    public static final String SECRET_VALUES = "secretValues";

    public SecretMaskingBeanInfo() {
        super(SecretMasking.class);
        createPropertyGroup("secrets", new String[] {SECRET_VALUES});
        text(property(SECRET_VALUES, TypeEditor.TextAreaEditor),
                "${__loadtestParam(LOADTEST_BYPASS_TOKEN)}\n${__loadtestParam(LOADTEST_PASSWORD)}\n${token}");
    }
}
