package com.instainstru.loadtest.jmeter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jmeter.engine.util.CompoundVariable;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterVariables;
import org.apache.jmeter.util.JMeterUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.instainstru.loadtest.jmeter.auth.FormLoginSampler;
import com.instainstru.loadtest.jmeter.http.SecretMasking;
import com.instainstru.loadtest.jmeter.testing.JMeterHarness;

/**
 * Every shipped plan's Mask Secrets list masks the secrets its login uses: each entry is a well-formed
 * {@code ${...}} expression, and evaluated as JMeter would, the list holds the password and the session token
 * (issue 9: two entries of s2_throughput_open.jmx lacked their {@code ${} and masked nothing).
 */
class PlanSecretMaskingTest {

    private static final String PASSWORD = "pw-for-mask-test";
    private static final String TOKEN = "tok-for-mask-test";
    private static final String BYPASS = "bypass-for-mask-test";

    static Stream<String> shippedPlans() throws IOException {
        Path dir = ScenarioPlans.directory();
        try (Stream<Path> top = Files.list(dir); Stream<Path> fragments = Files.list(dir.resolve("fragments"))) {
            return Stream.concat(top, fragments).filter(p -> p.toString().endsWith(".jmx"))
                    .map(p -> dir.relativize(p).toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedPlans")
    void everyMaskEntryIsAnExpressionThatResolvesToARealSecret(String file) throws Exception {
        JMeterHarness.init();
        // Raw file, includes not resolved: each file is checked on its own (the fragment holds the users' list).
        List<TestElement> elements = ScenarioPlans.elements(
                SaveService.loadTree(ScenarioPlans.directory().resolve(file).toFile()));
        List<TestElement> logins = elements.stream().filter(e -> e instanceof FormLoginSampler).toList();
        List<TestElement> masks = elements.stream().filter(e -> e instanceof SecretMasking).toList();
        if (!logins.isEmpty()) {
            assertThat(masks).as(file + ": a plan that logs in masks its secrets").isNotEmpty();
        }
        for (TestElement mask : masks) {
            List<String> entries = Arrays.stream(mask.getPropertyAsString("secretValues").split("\\R"))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            assertThat(entries).as(file + ": mask entries").allSatisfy(entry ->
                    assertThat(isBalancedExpression(entry)).as(file + ": '" + entry + "' is not a ${...} expression").isTrue());
            List<String> resolved = entries.stream().map(PlanSecretMaskingTest::evaluate).toList();
            assertThat(resolved).as(file + ": " + entries + " resolved").contains(PASSWORD, TOKEN, BYPASS);
            for (TestElement login : logins) {
                assertThat(entries).as(file + ": the login's password and token variable are masked")
                        .contains(login.getPropertyAsString("password"),
                                "${" + login.getPropertyAsString("tokenVariable") + "}");
            }
        }
    }

    /** One {@code ${...}} expression, braces balanced (nested {@code ${...}} allowed). */
    static boolean isBalancedExpression(String entry) {
        if (!entry.startsWith("${") || !entry.endsWith("}")) {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < entry.length(); i++) {
            char c = entry.charAt(i);
            if (c == '$' && i + 1 < entry.length() && entry.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}') {
                depth--;
                if (depth < 0 || (depth == 0 && i != entry.length() - 1)) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    private static String evaluate(String expression) {
        JMeterUtils.setProperty("LOADTEST_PASSWORD", PASSWORD);
        JMeterUtils.setProperty("LOADTEST_BYPASS_TOKEN", BYPASS);
        JMeterVariables variables = new JMeterVariables();
        variables.put("token", TOKEN);
        JMeterContextService.getContext().setVariables(variables);
        try {
            return new CompoundVariable(expression).execute();
        } finally {
            JMeterUtils.getJMeterProperties().remove("LOADTEST_PASSWORD");
            JMeterUtils.getJMeterProperties().remove("LOADTEST_BYPASS_TOKEN");
        }
    }
}
