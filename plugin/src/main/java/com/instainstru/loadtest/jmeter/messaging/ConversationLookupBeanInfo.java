package com.instainstru.loadtest.jmeter.messaging;

import static com.instainstru.loadtest.jmeter.BeanInfoHelper.text;

import org.apache.jmeter.testbeans.BeanInfoSupport;

public class ConversationLookupBeanInfo extends BeanInfoSupport {

    public ConversationLookupBeanInfo() {
        super(ConversationLookup.class);
        createPropertyGroup("mapping", new String[] {"mappingFile", "account"});
        createPropertyGroup("variables", new String[] {"conversationVariable", "bookingVariable"});
        text(property("mappingFile"), "${conversations_file}");
        text(property("account"), "${login_email}");
        text(property("conversationVariable"), "conversation_id");
        text(property("bookingVariable"), "booking_id");
    }
}
