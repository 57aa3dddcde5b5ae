package com.instainstru.loadtest.refserver;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class UlidTest {
    @Test
    void makesUpperCaseStrictlyIncreasingIdsEvenWithinOneMillisecond() {
        Ulid ulid = new Ulid(new Random(1));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(ulid.next(1_700_000_000_000L + i / 100));
        }
        assertThat(ids).allMatch(Ulid::isValid);
        assertThat(ids).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
        // The clock going backwards does not break the order.
        assertThat(ulid.next(1_000L)).isGreaterThan(ids.get(999));
    }

    @Test
    void encodesTheTimestampInTheFirstTenCharacters() {
        assertThat(new Ulid(new Random(1)).next(0L)).startsWith("0000000000");
        assertThat(new Ulid(new Random(1)).next(1L)).startsWith("0000000001");
        assertThat(new Ulid(new Random(1)).next(32L)).startsWith("0000000010");
    }

    @Test
    void validatesFormat() {
        assertThat(Ulid.isValid(SeedData.CONVERSATION_ID)).isTrue();
        assertThat(Ulid.isValid(SeedData.CONVERSATION_ID.toLowerCase())).isFalse();
        assertThat(Ulid.isValid("01JCZ0C0NVERSAT10N0000000")).isFalse(); // 25 chars
        assertThat(Ulid.isValid("01JCZ0C0NVERSAT10N0000000I")).isFalse(); // I is not Crockford
        assertThat(Ulid.isValid("81JCZ0C0NVERSAT10N00000001")).isFalse(); // timestamp overflow
        assertThat(Ulid.isValid(null)).isFalse();
    }
}
