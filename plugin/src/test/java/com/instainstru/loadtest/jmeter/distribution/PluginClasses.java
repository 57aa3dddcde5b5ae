package com.instainstru.loadtest.jmeter.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apache.jmeter.functions.Function;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.visualizers.backend.BackendListenerClient;

/**
 * The entries and classes of the plugin as built (the shaded jar, or {@code target/classes} before packaging),
 * and the components among them: public concrete classes JMeter instantiates by name — test elements (what a
 * saved plan's {@code testclass} names), functions and Backend Listener clients.
 */
final class PluginClasses implements AutoCloseable {

    static final String OWN_PACKAGE = "com/instainstru/loadtest/";
    static final String SHADED_PACKAGE = OWN_PACKAGE + "shaded/";
    private static final String JMETER_FACING = OWN_PACKAGE + "jmeter/";

    private final Path root;
    private final List<String> entries;
    private final URLClassLoader loader;

    private PluginClasses(Path root, List<String> entries, URL location) {
        this.root = root;
        this.entries = entries;
        // parent-first: JMeter's types come from the build's classpath, the plugin's from the same bytes
        this.loader = new URLClassLoader(new URL[] {location}, PluginClasses.class.getClassLoader());
    }

    static PluginClasses of(Path jarOrDirectory) throws IOException {
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(jarOrDirectory)) {
            try (Stream<Path> files = Files.walk(jarOrDirectory)) {
                files.filter(Files::isRegularFile)
                        .forEach(f -> entries.add(jarOrDirectory.relativize(f).toString().replace('\\', '/')));
            }
        } else {
            try (JarFile jar = new JarFile(jarOrDirectory.toFile())) {
                Enumeration<JarEntry> all = jar.entries();
                while (all.hasMoreElements()) {
                    JarEntry entry = all.nextElement();
                    if (!entry.isDirectory()) {
                        entries.add(entry.getName());
                    }
                }
            }
        }
        return new PluginClasses(jarOrDirectory, List.copyOf(entries), jarOrDirectory.toUri().toURL());
    }

    List<String> entries() {
        return entries;
    }

    /** A text entry (a service file, the manifest). */
    String text(String entry) {
        try {
            if (Files.isDirectory(root)) {
                return Files.readString(root.resolve(entry));
            }
            try (JarFile jar = new JarFile(root.toFile())) {
                JarEntry found = jar.getJarEntry(entry);
                if (found == null) {
                    throw new IOException("no " + entry + " in " + root);
                }
                return new String(jar.getInputStream(found).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean containsClass(String className) {
        return entries.contains(className.replace('.', '/') + ".class");
    }

    /** Loaded without running static initialisers (they may read JMeter properties nobody loaded here). */
    Class<?> load(String className) throws ClassNotFoundException {
        return Class.forName(className, false, loader);
    }

    static boolean isComponent(Class<?> type) {
        int modifiers = type.getModifiers();
        return Modifier.isPublic(modifiers) && !Modifier.isAbstract(modifiers) && !type.isInterface()
                && (TestElement.class.isAssignableFrom(type) || Function.class.isAssignableFrom(type)
                        || BackendListenerClient.class.isAssignableFrom(type));
    }

    /** Every component class of the JMeter-facing package, sorted. */
    List<String> components() {
        TreeSet<String> found = new TreeSet<>();
        for (String entry : entries) {
            if (entry.startsWith(JMETER_FACING) && entry.endsWith(".class") && !entry.contains("$")) {
                String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                try {
                    if (isComponent(load(name))) {
                        found.add(name);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load " + name + " from the plugin: " + e, e);
                }
            }
        }
        return List.copyOf(found);
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
