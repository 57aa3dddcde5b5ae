package com.instainstru.loadtest.jmeter.messaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.jmeter.services.FileServer;

/**
 * Resolves a file named in a plan. A relative path is tried against the working directory (plans run from
 * the repository root), then the plan's folder, then its parent (so {@code config/...} is found from
 * {@code plans/} wherever JMeter was started).
 */
final class PlanFiles {

    private PlanFiles() {
    }

    static Path resolve(String name) {
        Path path = Path.of(name.trim());
        if (path.isAbsolute()) {
            return path;
        }
        List<Path> candidates = candidates(path);
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(candidates.get(0));
    }

    private static List<Path> candidates(Path relative) {
        List<Path> list = new ArrayList<>();
        list.add(relative.toAbsolutePath());
        String base = FileServer.getFileServer().getBaseDir();
        if (base != null && !base.isBlank()) {
            Path planDir = Path.of(base).toAbsolutePath();
            list.add(planDir.resolve(relative));
            if (planDir.getParent() != null) {
                list.add(planDir.getParent().resolve(relative));
            }
        }
        return list;
    }
}
