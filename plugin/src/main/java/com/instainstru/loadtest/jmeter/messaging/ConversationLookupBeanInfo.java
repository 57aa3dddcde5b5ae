package com.instainstru.loadtest.jmeter.messaging;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class ConversationLookupBeanInfo extends BeanInfoSupport {

    // The names under which plans save these properties (the bean property names): never rename one, or
    // saved plans lose that field silently. SavedPropertyNamesTest checks them against the shipped plans.
    public static final String MAPPING_FILE = "mappingFile";
    public static final String ACCOUNT = "account";
    public static final String CONVERSATION_VARIABLE = "conversationVariable";
    public static final String BOOKING_VARIABLE = "bookingVariable";

    public ConversationLookupBeanInfo() {
        super(ConversationLookup.class);
        createPropertyGroup("mapping", new String[] {MAPPING_FILE, ACCOUNT});
        createPropertyGroup("variables", new String[] {CONVERSATION_VARIABLE, BOOKING_VARIABLE});
        text(property(MAPPING_FILE), "${conversations_file}");
        text(property(ACCOUNT), "${login_email}");
        text(property(CONVERSATION_VARIABLE), "conversation_id");
        text(property(BOOKING_VARIABLE), "booking_id");
    }
}
