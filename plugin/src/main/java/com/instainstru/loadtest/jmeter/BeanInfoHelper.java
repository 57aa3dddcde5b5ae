package com.instainstru.loadtest.jmeter;

import java.beans.PropertyDescriptor;

import org.apache.jmeter.testbeans.BeanInfoSupport;

/** Small helpers so each BeanInfo reads as a list of properties and their defaults. */
public final class BeanInfoHelper {

    private BeanInfoHelper() {
    }

    /** A required property with a default; {@code ${...}} expressions are always allowed. */
    public static void text(PropertyDescriptor p, Object defaultValue) {
        p.setValue(BeanInfoSupport.NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(BeanInfoSupport.DEFAULT, defaultValue);
    }

    /** A property whose value is one of a few words (or an expression that yields one). */
    public static void choice(PropertyDescriptor p, String defaultValue, String... tags) {
        text(p, defaultValue);
        p.setValue(BeanInfoSupport.TAGS, tags);
        p.setValue(BeanInfoSupport.NOT_OTHER, Boolean.TRUE);
    }
}
