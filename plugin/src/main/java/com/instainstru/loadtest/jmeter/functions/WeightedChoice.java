package com.instainstru.loadtest.jmeter.functions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.jmeter.engine.util.CompoundVariable;
import org.apache.jmeter.functions.AbstractFunction;
import org.apache.jmeter.functions.InvalidVariableException;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.samplers.Sampler;

/**
 * {@code ${__weightedChoice(auth_check=1,sse_stream=3,send_message=1)}}: one of the names, drawn at random
 * with the given weights — the old Locust suite's task weights. Used as a Switch Controller's value, it picks
 * the child of that name. A weight of 0 disables a choice; weights may be decimals and {@code ${...}}.
 */
public class WeightedChoice extends AbstractFunction {

    static final String KEY = "__weightedChoice";
    private static final List<String> DESCRIPTION = List.of("name=weight (repeat for each choice)");

    private List<CompoundVariable> choices = List.of();

    @Override
    public String execute(SampleResult previousResult, Sampler currentSampler) {
        List<String> names = new ArrayList<>(choices.size());
        double[] cumulative = new double[choices.size()];
        double total = 0;
        for (CompoundVariable choice : choices) {
            String text = choice.execute().trim();
            int eq = text.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(KEY + ": '" + text + "' is not name=weight");
            }
            double weight;
            try {
                weight = new BigDecimal(text.substring(eq + 1).trim()).doubleValue();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(KEY + ": weight of '" + text + "' is not a number");
            }
            if (weight < 0) {
                throw new IllegalArgumentException(KEY + ": weight of '" + text + "' is negative");
            }
            total += weight;
            cumulative[names.size()] = total;
            names.add(text.substring(0, eq).trim());
        }
        if (total <= 0) {
            throw new IllegalArgumentException(KEY + ": all weights are 0");
        }
        return pick(names, cumulative, total, ThreadLocalRandom.current().nextDouble());
    }

    static String pick(List<String> names, double[] cumulative, double total, double uniform) {
        double point = uniform * total;
        for (int i = 0; i < names.size(); i++) {
            if (point < cumulative[i]) {
                return names.get(i);
            }
        }
        return names.get(names.size() - 1);
    }

    @Override
    public void setParameters(Collection<CompoundVariable> parameters) throws InvalidVariableException {
        checkMinParameterCount(parameters, 1);
        choices = List.copyOf(parameters);
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
