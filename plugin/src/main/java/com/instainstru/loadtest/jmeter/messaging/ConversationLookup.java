package com.instainstru.loadtest.jmeter.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.jmeter.processor.PostProcessor;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attached to the login sampler, sets the thread's conversation (and booking) variables for the account it
 * logged in with, from the conversation mapping file. An account with no mapping gets an empty conversation variable (the plans then
 * skip sending for it, like the old suite) and is reported once in the log, not once per iteration.
 */
public class ConversationLookup extends AbstractTestElement implements PostProcessor, TestBean {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(ConversationLookup.class);

    /** Parsed files, keyed by path and modification time, shared by all threads of the engine. */
    private static final Map<String, ConversationDirectory> LOADED = new ConcurrentHashMap<>();
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private String mappingFile = "config/conversations.json";
    private String account = "${login_email}";
    private String conversationVariable = "conversation_id";
    private String bookingVariable = "booking_id";

    @Override
    public void process() {
        JMeterVariables vars = JMeterContextService.getContext().getVariables();
        String who = account.trim();
        vars.put(conversationVariable, "");
        vars.put(bookingVariable, "");
        if (who.isEmpty()) {
            reportOnce("no-account", "Conversation lookup: the account is empty (has the thread logged in?)");
            return;
        }
        ConversationDirectory directory;
        try {
            directory = directory(mappingFile);
        } catch (UncheckedIOException e) {
            reportOnce("file:" + mappingFile, "Conversation lookup: " + e.getCause().getMessage());
            return;
        }
        directory.lookup(who).ifPresentOrElse(entry -> {
            vars.put(conversationVariable, entry.conversationId());
            vars.put(bookingVariable, entry.bookingId() == null ? "" : entry.bookingId());
        }, () -> reportOnce("account:" + who, "Conversation lookup: " + who + " has no entry in " + mappingFile
                + "; this account will not send messages"));
    }

    /** Loads (or reuses) the mapping; throws UncheckedIOException with a clear message when it cannot. */
    static ConversationDirectory directory(String name) {
        Path path = PlanFiles.resolve(name);
        String key;
        try {
            key = path + "@" + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("conversation mapping file not found: " + path, e));
        }
        return LOADED.computeIfAbsent(key, k -> {
            try {
                return ConversationDirectory.load(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void reportOnce(String key, String message) {
        if (REPORTED.add(key)) {
            log.warn(message);
        }
    }

    public String getMappingFile() { return mappingFile; }
    public void setMappingFile(String mappingFile) { this.mappingFile = mappingFile; }
    public String getAccount() { return account; }
    public void setAccount(String account) { this.account = account; }
    public String getConversationVariable() { return conversationVariable; }
    public void setConversationVariable(String conversationVariable) { this.conversationVariable = conversationVariable; }
    public String getBookingVariable() { return bookingVariable; }
    public void setBookingVariable(String bookingVariable) { this.bookingVariable = bookingVariable; }
}
