package com.instainstru.loadtest.refserver;

import java.security.SecureRandom;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Upper-case, 26-character ULIDs (Crockford base32). Ids made by one generator are strictly increasing,
 * even within one millisecond, so "every message after Last-Event-ID" is a plain string comparison.
 */
public final class Ulid {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern FORMAT = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

    private final Random random;
    private long lastMillis = -1;
    private long randomHigh; // 16 bits
    private long randomLow;  // 64 bits

    public Ulid() {
        this(new SecureRandom());
    }

    Ulid(Random random) {
        this.random = random;
    }

    /** True when {@code text} is a well-formed upper-case ULID. */
    public static boolean isValid(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    public synchronized String next(long epochMillis) {
        long millis = Math.max(epochMillis, lastMillis);
        if (millis == lastMillis) {
            // Same millisecond: increment the 80-bit random part to keep ids monotonic.
            randomLow++;
            if (randomLow == 0) {
                randomHigh = (randomHigh + 1) & 0xFFFF;
            }
        } else {
            lastMillis = millis;
            randomHigh = random.nextInt(1 << 16);
            randomLow = random.nextLong() & 0x7FFF_FFFF_FFFF_FFFFL; // headroom for increments
        }
        char[] out = new char[26];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits = 16 groups of 5 bits: 16 high bits + 64 low bits.
        long low = randomLow;
        long high = randomHigh;
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low = (low >>> 5) | ((high & 31) << 59);
            high >>>= 5;
        }
        return new String(out);
    }
}
