package com.instainstru.loadtest.jmeter.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.jmeter.engine.util.CompoundVariable;
import org.apache.jmeter.util.JMeterUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.instainstru.loadtest.jmeter.testing.JMeterHarness;

class LoadtestParamTest {

    private static final UnaryOperator<String> REAL_ENV = LoadtestParam.environment;

    @BeforeAll
    static void jmeter() {
        JMeterHarness.init();
    }

    @AfterEach
    void restore() {
        LoadtestParam.environment = REAL_ENV;
        JMeterUtils.getJMeterProperties().remove("LOADTEST_BASE_URL");
    }

    @Test
    void propertyBeatsEnvironmentBeatsDefault() throws Exception {
        LoadtestParam.environment = Map.of("LOADTEST_BASE_URL", "http://from-env:8000")::get;
        assertThat(evaluate("${__loadtestParam(LOADTEST_BASE_URL,http://localhost:8000)}"))
                .isEqualTo("http://from-env:8000");
        JMeterUtils.setProperty("LOADTEST_BASE_URL", "http://from-property:8000");
        assertThat(evaluate("${__loadtestParam(LOADTEST_BASE_URL,http://localhost:8000)}"))
                .isEqualTo("http://from-property:8000");
    }

    @Test
    void defaultWhenNeitherIsSet() throws Exception {
        LoadtestParam.environment = name -> null;
        assertThat(evaluate("${__loadtestParam(LOADTEST_BASE_URL,http://localhost:8000)}"))
                .isEqualTo("http://localhost:8000");
        assertThat(evaluate("${__loadtestParam(LOADTEST_BASE_URL)}")).isEmpty();
    }

    @Test
    void fileNamedByNameFileHoldsTheValue(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("token");
        java.nio.file.Files.writeString(file, "from-file\n");
        LoadtestParam.environment = Map.of("LOADTEST_BYPASS_TOKEN_FILE", file.toString())::get;
        assertThat(evaluate("${__loadtestParam(LOADTEST_BYPASS_TOKEN)}")).isEqualTo("from-file");
        LoadtestParam.environment = Map.of("LOADTEST_BYPASS_TOKEN_FILE", dir.resolve("missing").toString())::get;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> evaluate("${__loadtestParam(LOADTEST_BYPASS_TOKEN)}"))
                .hasMessageContaining("cannot read LOADTEST_BYPASS_TOKEN_FILE");
    }

    @Test
    void emptyEnvironmentValueCountsAsUnset() throws Exception {
        LoadtestParam.environment = Map.of("LOADTEST_BASE_URL", "")::get;
        assertThat(evaluate("${__loadtestParam(LOADTEST_BASE_URL,d)}")).isEqualTo("d");
    }

    private static String evaluate(String expression) throws Exception {
        CompoundVariable variable = new CompoundVariable();
        variable.setParameters(expression);
        return variable.execute();
    }
}
