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
import org.apache.jmeter.testelement.TestStateListener;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.instainstru.loadtest.jmeter.EngineNotices;

/**
 * Attached to the login sampler, sets the thread's conversation (and booking) variables for the account it
 * logged in with, from the conversation mapping file. An account with no mapping gets an empty conversation variable (the plans then
 * skip sending for it, like the old suite) and is reported once per test: a warning in the log and one successful
 * {@value #UNMAPPED_LABEL} sample whose message is the account (recorded by the e2e collector, see
 * {@link EngineNotices}), which the summary counts and names.
 */
public class ConversationLookup extends AbstractTestElement implements PostProcessor, TestBean, TestStateListener {

    /** The label the results tool counts as "Accounts without a conversation mapping". */
    public static final String UNMAPPED_LABEL = "account_unmapped";

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
        }, () -> {
            if (reportOnce("account:" + who, "Conversation lookup: " + who + " has no entry in " + mappingFile
                    + "; this account will not send messages")) {
                EngineNotices.note(UNMAPPED_LABEL, who);
            }
        });
    }

    @Override
    public void testStarted() {
        REPORTED.clear(); // each test reports its own unmapped accounts
    }

    @Override
    public void testStarted(String host) {
        testStarted();
    }

    @Override
    public void testEnded() {
        // nothing kept
    }

    @Override
    public void testEnded(String host) {
        testEnded();
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

    /** Logs the message the first time its key is seen in this test; true then. */
    private static boolean reportOnce(String key, String message) {
        if (REPORTED.add(key)) {
            log.warn(message);
            return true;
        }
        return false;
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
