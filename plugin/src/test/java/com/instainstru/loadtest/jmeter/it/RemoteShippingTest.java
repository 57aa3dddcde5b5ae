package com.instainstru.loadtest.jmeter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import org.apache.jmeter.samplers.Interruptible;
import org.apache.jmeter.testelement.TestElement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.instainstru.loadtest.jmeter.testing.JMeterHarness;

/**
 * Distributed mode ships the test tree to each engine by Java serialization: every element must serialize
 * (non-serializable state is transient) and arrive usable, e.g. interruptible with no step in progress.
 */
class RemoteShippingTest {

    static java.util.stream.Stream<Class<?>> elements() {
        return SavedPropertyNamesTest.elements();
    }

    @ParameterizedTest
    @MethodSource("elements")
    void everyElementSurvivesTheTripToARemoteEngine(Class<?> type) throws Exception {
        JMeterHarness.init();
        TestElement element = (TestElement) type.getDeclaredConstructor().newInstance();
        element.setName("shipped " + type.getSimpleName());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(element);
        }
        Object arrived;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            arrived = in.readObject();
        }
        assertThat(arrived).isInstanceOf(type);
        assertThat(((TestElement) arrived).getName()).isEqualTo("shipped " + type.getSimpleName());
        if (arrived instanceof Interruptible interruptible) {
            assertThat(interruptible.interrupt()).as("nothing in progress on arrival").isFalse();
        }
    }
}
