package com.instainstru.loadtest.jmeter.functions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.jmeter.engine.util.CompoundVariable;
import org.apache.jmeter.functions.AbstractFunction;
import org.apache.jmeter.functions.InvalidVariableException;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.samplers.Sampler;
import org.apache.jmeter.util.JMeterUtils;

/**
 * {@code ${__loadtestParam(NAME,default)}}: the JMeter property NAME if set (so {@code -J} and, in
 * distributed mode, {@code -G} win), else the environment variable NAME (the old Locust suite's
 * {@code LOADTEST_*} contract), else the contents of the file named by property or variable
 * {@code NAME_FILE} (the usual way to hand a secret to a process without a command line or a log seeing it),
 * else the default. Core JMeter has {@code __P} but no environment lookup.
 */
public class LoadtestParam extends AbstractFunction {

    static final String KEY = "__loadtestParam";
    private static final List<String> DESCRIPTION = List.of(
            "Name of the JMeter property, then environment variable, to read",
            "Default value when neither is set (optional)");

    /** Environment lookup; replaced in tests. */
    static UnaryOperator<String> environment = System::getenv;

    private CompoundVariable name;
    private CompoundVariable defaultValue;

    @Override
    public String execute(SampleResult previousResult, Sampler currentSampler) {
        String key = name.execute().trim();
        String fallback = defaultValue == null ? "" : defaultValue.execute();
        return resolve(key, fallback);
    }

    static String resolve(String key, String fallback) {
        String property = JMeterUtils.getProperty(key);
        if (property != null) {
            return property;
        }
        String env = environment.apply(key);
        if (env != null && !env.isEmpty()) {
            return env;
        }
        String file = JMeterUtils.getProperty(key + "_FILE");
        if (file == null || file.isEmpty()) {
            file = environment.apply(key + "_FILE");
        }
        return file != null && !file.isEmpty() ? readFile(key, file) : fallback;
    }

    private static String readFile(String key, String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            // The message names the file, never its contents.
            throw new IllegalStateException(KEY + ": cannot read " + key + "_FILE " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void setParameters(Collection<CompoundVariable> parameters) throws InvalidVariableException {
        checkParameterCount(parameters, 1, 2);
        Object[] values = parameters.toArray();
        name = (CompoundVariable) values[0];
        defaultValue = values.length > 1 ? (CompoundVariable) values[1] : null;
    }

    @Override
    public String getReferenceKey() {
        return KEY;
    }

    @Override
    public List<String> getArgumentDesc() {
        return DESCRIPTION;
    }
}
