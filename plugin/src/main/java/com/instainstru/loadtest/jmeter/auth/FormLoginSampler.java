package com.instainstru.loadtest.jmeter.auth;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.jmeter.protocol.http.control.CookieManager;
import org.apache.jmeter.protocol.http.sampler.HTTPSampleResult;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.instainstru.loadtest.jmeter.ConfigurationException;
import com.instainstru.loadtest.jmeter.http.HttpExchange;
import com.instainstru.loadtest.jmeter.http.JsonBody;
import com.instainstru.loadtest.jmeter.http.ManagedHttpSampler;

/**
 * Form login ({@code application/x-www-form-urlencoded} username + password) that leaves the session token
 * in a variable for a {@code Authorization: Bearer ${token}} header, and the account's e-mail in another.
 *
 * <p>Each JMeter thread takes an account round-robin from the comma-separated list by its thread number, like
 * the old suite. The token comes from the body's {@code access_token} when present, else from the first of
 * the configured session cookies. Failures say what happened: bad credentials (401), rate limit or login
 * queue (429, with Retry-After), CSRF origin (403), malformed form (422), 2FA accounts. The password and the
 * bypass token never appear in the sample.
 */
public class FormLoginSampler extends ManagedHttpSampler<FormLoginSampler.Login> implements TestBean {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(FormLoginSampler.class);

    private static final String TWO_FACTOR_REQUIRED = "TWO_FACTOR_REQUIRED";

    private String loginUrl = "";
    private String accounts = "";
    private String password = "";
    private String usernameField = "username";
    private String passwordField = "password";
    private String origin = "";
    private String bypassToken = "";
    private String bodyTokenField = "access_token";
    private String cookieNames = "sid_preview,sid,access_token,preview_access_token";
    private String tokenVariable = "token";
    private String accountVariable = "login_email";
    private int connectTimeoutMs = 10_000;
    private int responseTimeoutMs = 30_000;

    /** The account this thread logs in with, at the login URL. */
    record Login(String account, URL url) {
    }

    @Override
    protected void beforeValidation() {
        if (!tokenVariable.isBlank()) {
            // A failed login leaves an empty token, so the plan can tell (and never reuses a stale one).
            JMeterContextService.getContext().getVariables().put(tokenVariable, "");
        }
    }

    @Override
    protected Login validate() throws ConfigurationException {
        String account = pickAccount();
        if (loginUrl.isBlank()) {
            throw new ConfigurationException("Login URL is empty");
        }
        if (account.isEmpty()) {
            throw new ConfigurationException("No account to log in with: 'Accounts' is empty (set LOADTEST_USERS)");
        }
        if (password.isEmpty()) {
            throw new ConfigurationException(
                    "Password is empty (set LOADTEST_PASSWORD in the environment or -JLOADTEST_PASSWORD)");
        }
        if (tokenVariable.isBlank()) {
            throw new ConfigurationException("Token variable name is empty");
        }
        try {
            return new Login(account, new URL(loginUrl.trim()));
        } catch (MalformedURLException e) {
            throw new ConfigurationException("Login URL is not a URL: '" + loginUrl + "'");
        }
    }

    @Override
    protected SampleResult sampleValid(SampleResult result, Login login) {
        String account = login.account();
        URL url = login.url();
        HttpExchange exchange = new HttpExchange()
                .headers(managers().headers()) // headers only: a login does not send the Cookie Manager's cookies
                .header("Accept", "application/json")
                .header("Origin", origin.trim())
                .header("Referer", origin.isBlank() ? null : origin.trim() + "/")
                .header("X-Rate-Limit-Bypass", bypassToken.trim());
        String user = usernameField.isBlank() ? "username" : usernameField.trim();
        String secret = passwordField.isBlank() ? "password" : passwordField.trim();
        String form = encode(user) + "=" + encode(account) + "&" + encode(secret) + "=" + encode(password);
        // JMeter's HTTP result shows method, URL and this as "POST data": the request block appears once
        ((HTTPSampleResult) result).setQueryString(encode(user) + "=" + encode(account) + "&" + encode(secret) + "=***");
        HttpExchange.Outcome outcome = execute(exchange, result, url, "application/x-www-form-urlencoded", form,
                connectTimeoutMs, responseTimeoutMs);
        if (outcome.status() < 0) {
            return result;
        }
        if (!outcome.ok()) {
            result.setSuccessful(false);
            result.setResponseMessage("login failed for " + account + ": " + outcome.problem() + location(outcome)
                    + hint(outcome));
            return result;
        }
        LoginOutcome loggedIn = extractor().extract(outcome.body(), outcome.headerValues("Set-Cookie"));
        if (!loggedIn.succeeded()) {
            result.setSuccessful(false);
            result.setResponseMessage("login failed for " + account + ": " + loggedIn.failure());
            return result;
        }
        JMeterVariables vars = JMeterContextService.getContext().getVariables();
        vars.put(tokenVariable, loggedIn.token());
        vars.put(accountVariable, account);
        keepCookies(outcome.headerValues("Set-Cookie"), url);
        result.setResponseMessage("OK: token from " + loggedIn.source() + " stored in variable " + tokenVariable);
        log.debug("{} logged in as {} (token from {})", getThreadName(), account, loggedIn.source());
        return result;
    }

    private String pickAccount() {
        List<String> list = Arrays.stream(accounts.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (list.isEmpty()) {
            return "";
        }
        int threadNumber = Math.max(0, JMeterContextService.getContext().getThreadNum());
        return list.get(threadNumber % list.size());
    }

    private TokenExtractor extractor() {
        return new TokenExtractor(bodyTokenField.trim(),
                Arrays.stream(cookieNames.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    private void keepCookies(List<String> setCookies, URL url) {
        CookieManager cookies = managers().cookieManager();
        if (cookies != null) {
            setCookies.forEach(header -> cookies.addCookieFromHeader(header, url));
        }
    }

    /** Where a redirect points: a login URL that answers 3xx is usually a page, not the API endpoint. */
    private static String location(HttpExchange.Outcome outcome) {
        if (outcome.status() < 300 || outcome.status() >= 400) {
            return "";
        }
        List<String> location = outcome.headerValues("Location");
        return location.isEmpty() ? ", no Location header" : ", Location: " + location.get(0);
    }

    private static String hint(HttpExchange.Outcome outcome) {
        if (outcome.status() == 428 && TWO_FACTOR_REQUIRED.equals(problemCode(outcome.body()))) {
            return " [this account requires two-factor authentication: use accounts without 2FA for load tests]";
        }
        if (outcome.status() >= 300 && outcome.status() < 400) {
            return " [the login URL redirects: set it to the API endpoint (POST /api/v1/auth/login), not a page]";
        }
        return hint(outcome.status());
    }

    private static String problemCode(String body) {
        return JsonBody.object(body).map(node -> node.path("code").asText("")).orElse("");
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> " [check LOADTEST_USERS / LOADTEST_PASSWORD]";
            case 403 -> " [the Origin/Referer host must be the frontend host: set LOADTEST_FRONTEND_ORIGIN]";
            case 422 -> " [the server wants an OAuth2 password form: username + password]";
            case 428 -> " [the server asks for a CAPTCHA: too many failed logins from this address]";
            case 429 -> " [login rate limit, lockout or the login concurrency queue: ramp up more slowly]";
            default -> "";
        };
    }


    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public String getLoginUrl() { return loginUrl; }
    public void setLoginUrl(String loginUrl) { this.loginUrl = loginUrl; }
    public String getAccounts() { return accounts; }
    public void setAccounts(String accounts) { this.accounts = accounts; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getOrigin() { return origin; }
    public void setOrigin(String origin) { this.origin = origin; }
    public String getBypassToken() { return bypassToken; }
    public void setBypassToken(String bypassToken) { this.bypassToken = bypassToken; }
    public String getUsernameField() { return usernameField; }
    public void setUsernameField(String usernameField) { this.usernameField = usernameField; }
    public String getPasswordField() { return passwordField; }
    public void setPasswordField(String passwordField) { this.passwordField = passwordField; }
    public String getBodyTokenField() { return bodyTokenField; }
    public void setBodyTokenField(String bodyTokenField) { this.bodyTokenField = bodyTokenField; }
    public String getCookieNames() { return cookieNames; }
    public void setCookieNames(String cookieNames) { this.cookieNames = cookieNames; }
    public String getTokenVariable() { return tokenVariable; }
    public void setTokenVariable(String tokenVariable) { this.tokenVariable = tokenVariable; }
    public String getAccountVariable() { return accountVariable; }
    public void setAccountVariable(String accountVariable) { this.accountVariable = accountVariable; }
    public int getConnectTimeoutMs() { return connectTimeoutMs; }
    public void setConnectTimeoutMs(int connectTimeoutMs) { this.connectTimeoutMs = connectTimeoutMs; }
    public int getResponseTimeoutMs() { return responseTimeoutMs; }
    public void setResponseTimeoutMs(int responseTimeoutMs) { this.responseTimeoutMs = responseTimeoutMs; }
}
