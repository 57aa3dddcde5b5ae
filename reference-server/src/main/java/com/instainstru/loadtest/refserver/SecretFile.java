package com.instainstru.loadtest.refserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A secret (bypass token, seed password) shared through a file, so a server and a load generator started side by
 * side (e.g. by a Maven build) agree on it without it ever appearing on a command line or in a log. A missing file
 * is created owner-only with a random value.
 */
final class SecretFile {

    private SecretFile() {
    }

    static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (token.isEmpty()) {
                    throw new IllegalArgumentException("secret file " + file + " is empty");
                }
                return token;
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, token, StandardCharsets.UTF_8);
            return token;
        } catch (FileAlreadyExistsException e) {
            return readOrCreate(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use secret file " + file + ": " + e.getMessage(), e);
        }
    }
}
