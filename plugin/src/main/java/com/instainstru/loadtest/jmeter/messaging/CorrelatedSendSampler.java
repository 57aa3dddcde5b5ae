package com.instainstru.loadtest.jmeter.messaging;

import java.net.MalformedURLException;
import java.net.URL;

import org.apache.jmeter.protocol.http.sampler.HTTPSampleResult;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testbeans.TestBean;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.instainstru.loadtest.correlation.DeliveryLedger;
import com.instainstru.loadtest.jmeter.ConfigurationException;
import com.instainstru.loadtest.correlation.PendingSend;
import com.instainstru.loadtest.jmeter.http.HttpExchange;
import com.instainstru.loadtest.jmeter.http.ManagedHttpSampler;

/**
 * Sends a message that carries a correlation token in its content, so every stream that receives it can be
 * matched to this send. The send time is taken by the ledger <em>before</em> the request goes out: the
 * backend publishes before it answers, so a delivery can arrive before the POST returns. It is taken twice:
 * at {@code beginSend} (the token needs it, and it stays the sample's start) and again when the HTTP client
 * starts writing the request, after the body, headers and call are built; latency counts from the second, so
 * the client's own preparation (hundreds of microseconds while that code is cold) is not counted as delivery.
 *
 * <p>The body is a template in which {@code {{content}}} becomes the JSON-escaped content
 * ({@code <prefix>:<token>}). A failed send withdraws the message from the ledger (nothing is expected of it).
 */
public class CorrelatedSendSampler extends ManagedHttpSampler<CorrelatedSendSampler.Target> implements TestBean {

    private static final long serialVersionUID = 1L;
    static final String CONTENT_PLACEHOLDER = "{{content}}";
    private static final int BODY_EXCERPT_CHARS = 200;

    private String url = "";
    private String conversationId = "";
    private String senderIdentity = "";
    private String bodyTemplate = "{\"content\": \"" + CONTENT_PLACEHOLDER + "\"}";
    private String messageIdVariable = "message_id";
    private String acceptedStatuses = SendAnswer.DEFAULT_STATUSES;
    private String messageIdPath = SendAnswer.DEFAULT_ID_PATH;
    private int connectTimeoutMs = 10_000;
    private int responseTimeoutMs = 30_000;

    /** Where to send, and how to read the answer. */
    record Target(URL url, SendAnswer answer) {
    }

    @Override
    protected Target validate() throws ConfigurationException {
        if (url.isBlank()) {
            throw new ConfigurationException("URL is empty");
        }
        if (conversationId.isBlank()) {
            throw new ConfigurationException(
                    "Conversation id is empty: this account has no conversation (see the conversation mapping file)");
        }
        if (senderIdentity.isBlank()) {
            throw new ConfigurationException(
                    "Sender identity is empty: set it to the account this thread logged in with (e.g. ${login_email})");
        }
        if (!bodyTemplate.contains(CONTENT_PLACEHOLDER)) {
            throw new ConfigurationException(
                    "Body template must contain " + CONTENT_PLACEHOLDER + " where the correlated content goes");
        }
        SendAnswer answer = SendAnswer.parse(acceptedStatuses, messageIdPath);
        try {
            return new Target(new URL(url.trim()), answer);
        } catch (MalformedURLException e) {
            throw new ConfigurationException("URL is not a URL: '" + url + "'");
        }
    }

    @Override
    protected SampleResult sampleValid(SampleResult result, Target send) {
        URL target = send.url();
        HttpExchange exchange = new HttpExchange()
                .headers(managers().headersWithCookies(target))
                .header("Accept", "application/json");
        DeliveryLedger ledger = DeliveryLedger.shared();
        // Stamped here, before the request exists, on purpose, then again as it goes out (see the class comment).
        PendingSend pending = ledger.beginSend(conversationId.trim(), senderIdentity.trim(), senderId());
        exchange.onRequestStart(() -> ledger.requestStarted(pending));
        String body = bodyTemplate.replace(CONTENT_PLACEHOLDER, jsonEscape(pending.content()));
        ((HTTPSampleResult) result).setQueryString(body); // shown once, as JMeter's "POST data"
        HttpExchange.Outcome outcome = execute(exchange, result, target, "application/json", body,
                connectTimeoutMs, responseTimeoutMs);
        if (!send.answer().accepts(outcome.status())) {
            String why = outcome.status() < 0 ? result.getResponseMessage()
                    : outcome.ok() ? "HTTP " + outcome.status() + " is not an accepted status ("
                    + send.answer().acceptedText() + ")" : outcome.problem() + hint(outcome.status());
            ledger.sendFailed(pending, why);
            result.setSuccessful(false);
            result.setResponseMessage("send failed: " + why);
            return result;
        }
        String messageId = send.answer().messageId(outcome.body());
        // Still a sent message without an id: the ledger expects and matches it by its token.
        ledger.sendSucceeded(pending, messageId);
        if (!messageIdVariable.isBlank()) {
            getThreadContext().getVariables().put(messageIdVariable.trim(), messageId == null ? "" : messageId);
        }
        if (messageId == null) {
            // The backend broke its contract (a 2xx answers with the message, id included): a failed sample.
            result.setSuccessful(false);
            result.setResponseMessage("server answered " + outcome.status() + " without a message id at " + send.answer().idPath() + " (body: "
                    + truncated(outcome.body()) + "); message " + pending.token() + " is still tracked by its token");
            return result;
        }
        result.setResponseMessage("sent " + pending.token() + " as " + messageId
                + ", expected on " + pending.expectedStreams() + " stream(s)");
        return result;
    }

    /** One sender per JMeter thread: message order is checked per sender. */
    private String senderId() {
        return "g" + Math.floorMod(getThreadContext().getThreadGroup().getName().hashCode(), 1000)
                + "t" + getThreadContext().getThreadNum();
    }

    private static String truncated(String body) {
        String text = body == null || body.isBlank() ? "empty" : body.strip();
        return text.length() <= BODY_EXCERPT_CHARS ? text : text.substring(0, BODY_EXCERPT_CHARS) + "...truncated";
    }

    private static String jsonEscape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private static String hint(int status) {
        return switch (status) {
            case 403 -> " [the Origin/Referer host must be the frontend host: set LOADTEST_FRONTEND_ORIGIN]";
            case 404 -> " [the conversation does not exist or this account is not a participant: check the mapping file]";
            case 422 -> " [conversation id must be an upper-case ULID; content 1..1000 characters]";
            case 429 -> " [rate limited: 60 messages/min per user and conversation, 30 writes/min per IP unless bypassed]";
            default -> "";
        };
    }

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getConversationId() { return conversationId; }
    public void setConversationId(String conversationId) { this.conversationId = conversationId; }
    public String getSenderIdentity() { return senderIdentity; }
    public void setSenderIdentity(String senderIdentity) { this.senderIdentity = senderIdentity; }
    public String getBodyTemplate() { return bodyTemplate; }
    public void setBodyTemplate(String bodyTemplate) { this.bodyTemplate = bodyTemplate; }
    public String getMessageIdVariable() { return messageIdVariable; }
    public void setMessageIdVariable(String messageIdVariable) { this.messageIdVariable = messageIdVariable; }
    public String getAcceptedStatuses() { return acceptedStatuses; }
    public void setAcceptedStatuses(String acceptedStatuses) { this.acceptedStatuses = acceptedStatuses; }
    public String getMessageIdPath() { return messageIdPath; }
    public void setMessageIdPath(String messageIdPath) { this.messageIdPath = messageIdPath; }
    public int getConnectTimeoutMs() { return connectTimeoutMs; }
    public void setConnectTimeoutMs(int connectTimeoutMs) { this.connectTimeoutMs = connectTimeoutMs; }
    public int getResponseTimeoutMs() { return responseTimeoutMs; }
    public void setResponseTimeoutMs(int responseTimeoutMs) { this.responseTimeoutMs = responseTimeoutMs; }
}
