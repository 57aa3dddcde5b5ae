package com.instainstru.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@code step.json}, written by the scenario scripts into each step directory:
 * {@code {"users": N, "hold_seconds": H, "duration_seconds": D}}. Every key is optional; what is
 * missing is taken from the step's results instead.
 */
public record StepInfo(OptionalInt users, OptionalDouble holdSeconds, OptionalDouble durationSeconds) {

    public static final String FILE = "step.json";

    public static Optional<StepInfo> read(Path stepDir) {
        Path file = stepDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ResultsInputException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new ResultsInputException(file + " must be a JSON object like "
                    + "{\"users\":100,\"hold_seconds\":10,\"duration_seconds\":300}");
        }
        return Optional.of(new StepInfo(
                positive(n, "users", file).isPresent() ? OptionalInt.of((int) positive(n, "users", file).getAsDouble())
                        : OptionalInt.empty(),
                positive(n, "hold_seconds", file), positive(n, "duration_seconds", file)));
    }

    private static OptionalDouble positive(JsonNode n, String key, Path file) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return OptionalDouble.empty();
        }
        if (!v.isNumber() || v.asDouble() <= 0) {
            throw new ResultsInputException(file + ": " + key + " must be a positive number, was " + v);
        }
        return OptionalDouble.of(v.asDouble());
    }
}
