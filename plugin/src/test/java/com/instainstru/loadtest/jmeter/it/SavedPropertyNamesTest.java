package com.instainstru.loadtest.jmeter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.BeanInfo;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.instainstru.loadtest.jmeter.auth.FormLoginSampler;
import com.instainstru.loadtest.jmeter.http.SecretMasking;
import com.instainstru.loadtest.jmeter.messaging.ConversationLookup;
import com.instainstru.loadtest.jmeter.messaging.CorrelatedSendSampler;
import com.instainstru.loadtest.jmeter.messaging.DeliveryLedgerCollector;
import com.instainstru.loadtest.jmeter.messaging.DeliveryLedgerConfig;
import com.instainstru.loadtest.jmeter.metrics.EngineMetrics;
import com.instainstru.loadtest.jmeter.stream.SseCloseSampler;
import com.instainstru.loadtest.jmeter.stream.SseHoldSampler;
import com.instainstru.loadtest.jmeter.stream.SseOpenSampler;
import com.instainstru.loadtest.jmeter.stream.SseReadSampler;
import com.instainstru.loadtest.jmeter.testing.JMeterHarness;

/**
 * Saved plans name element properties: a BeanInfo property, its resource bundle entries and the shipped .jmx
 * files must agree, or a plan loads with a silently ignored (renamed) field or the GUI shows a raw key.
 */
class SavedPropertyNamesTest {

    static Stream<Class<?>> elements() {
        return Stream.of(FormLoginSampler.class, SecretMasking.class, ConversationLookup.class,
                CorrelatedSendSampler.class, DeliveryLedgerCollector.class, DeliveryLedgerConfig.class,
                SseOpenSampler.class, SseReadSampler.class, SseHoldSampler.class, SseCloseSampler.class,
                EngineMetrics.class);
    }

    @ParameterizedTest
    @MethodSource("elements")
    void beanInfoResourcesAndShippedPlansAgree(Class<?> type) throws Exception {
        JMeterHarness.init();
        Set<String> properties = beanProperties(type);
        ResourceBundle bundle = ResourceBundle.getBundle(type.getName() + "Resources", Locale.ROOT);
        for (String p : properties) {
            assertThat(bundle.containsKey(p + ".displayName")).as("%s.displayName in %sResources", p,
                    type.getSimpleName()).isTrue();
            assertThat(bundle.containsKey(p + ".shortDescription")).as("%s.shortDescription in %sResources", p,
                    type.getSimpleName()).isTrue();
        }
        for (String key : Collections.list(bundle.getKeys())) {
            if (key.endsWith(".shortDescription")) {
                assertThat(properties).as("%s in %sResources names a property", key, type.getSimpleName())
                        .contains(key.substring(0, key.length() - ".shortDescription".length()));
            }
        }
        assertThat(savedNameConstants(type)).as("%sBeanInfo's never-rename constants", type.getSimpleName())
                .isEqualTo(properties);
        List<Path> plans = shippedPlans();
        int saved = 0;
        for (Path plan : plans) {
            for (Set<String> names : savedProperties(plan, type.getName())) {
                saved++;
                assertThat(properties).as("properties of %s saved in %s", type.getSimpleName(), plan.getFileName())
                        .containsAll(names);
                assertThat(names).as("%s in %s saves every property (no silent default)", type.getSimpleName(),
                        plan.getFileName()).containsAll(properties);
            }
        }
        assertThat(saved).as("%s is used by a shipped plan", type.getSimpleName()).isPositive();
    }

    /** The values of the BeanInfo's public static final String constants (one per saved property name). */
    private static Set<String> savedNameConstants(Class<?> type) throws Exception {
        Set<String> values = new TreeSet<>();
        for (java.lang.reflect.Field f : Class.forName(type.getName() + "BeanInfo").getDeclaredFields()) {
            int m = f.getModifiers();
            if (java.lang.reflect.Modifier.isPublic(m) && java.lang.reflect.Modifier.isStatic(m)
                    && java.lang.reflect.Modifier.isFinal(m) && f.getType() == String.class) {
                values.add((String) f.get(null));
            }
        }
        return values;
    }

    /** The properties the GUI edits and a plan saves (BeanInfoSupport hides the inherited ones). */
    private static Set<String> beanProperties(Class<?> type) throws Exception {
        BeanInfo info = Introspector.getBeanInfo(type);
        Set<String> names = new TreeSet<>();
        for (PropertyDescriptor d : info.getPropertyDescriptors()) {
            if (!d.isHidden() && d.getWriteMethod() != null) {
                names.add(d.getName());
            }
        }
        return names;
    }

    private static List<Path> shippedPlans() throws Exception {
        List<Path> plans = new ArrayList<>();
        for (String dir : List.of("../plans", "../plans/fragments", "../bench/plans")) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                files.filter(f -> f.toString().endsWith(".jmx")).sorted().forEach(plans::add);
            }
        }
        assertThat(plans).isNotEmpty();
        return plans;
    }

    private static List<Set<String>> savedProperties(Path plan, String className) throws Exception {
        NodeList found = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(plan.toFile())
                .getElementsByTagName(className);
        List<Set<String>> all = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            Set<String> names = new TreeSet<>();
            NodeList children = found.item(i).getChildNodes();
            for (int c = 0; c < children.getLength(); c++) {
                Node child = children.item(c);
                if (child instanceof Element e && e.getTagName().endsWith("Prop")) {
                    names.add(e.getAttribute("name"));
                }
            }
            all.add(names);
        }
        return all;
    }
}
