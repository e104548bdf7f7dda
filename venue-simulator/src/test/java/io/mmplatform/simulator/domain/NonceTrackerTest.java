package io.mmplatform.simulator.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NonceTrackerTest {
    static final long NOW = 1_800_000_000_000L;

    @Test
    void duplicateIsRefusedPerSigner() {
        NonceTracker t = new NonceTracker();
        assertNull(t.use("a", NOW, NOW));
        assertTrue(t.use("a", NOW, NOW).contains("duplicate"));
        assertNull(t.use("b", NOW, NOW));
        assertNull(t.use("a", NOW - 5, NOW), "older nonces are fine while fewer than 100 are kept");
    }

    @Test
    void mustExceedSmallestOfTheHighestHundred() {
        NonceTracker t = new NonceTracker();
        for (int i = 0; i < 100; i++) {
            assertNull(t.use("a", NOW + i * 10, NOW));
        }
        assertNotNull(t.use("a", NOW - 1, NOW));
        assertNotNull(t.use("a", NOW, NOW));
        assertNull(t.use("a", NOW + 1, NOW), "larger than the smallest kept, and new");
        // now NOW is dropped, the smallest kept is NOW+1
        assertNotNull(t.use("a", NOW + 1, NOW));
        assertNull(t.use("a", NOW + 2, NOW));
    }

    @Test
    void mustLieFromTwoDaysBeforeToOneDayAfterTheVenueClock() {
        NonceTracker t = new NonceTracker();
        assertNotNull(t.use("a", NOW - 2 * 86_400_000L - 1, NOW));
        assertNotNull(t.use("a", NOW + 86_400_001L, NOW));
        assertNull(t.use("a", NOW - 2 * 86_400_000L, NOW), "two days back is the oldest accepted");
        assertNull(t.use("a", NOW - 86_400_001L, NOW), "older than a day is still fine");
        assertNull(t.use("a", NOW + 86_400_000L, NOW), "one day ahead is the latest accepted");
    }

    @Test
    void aRefusedNonceIsNotRecorded() {
        NonceTracker t = new NonceTracker(2, 1000, 1000);
        assertNotNull(t.use("a", NOW + 5000, NOW));
        assertNull(t.use("a", NOW + 500, NOW), "the refused one did not take a slot");
        assertNull(t.use("a", NOW + 600, NOW));
        assertNotNull(t.use("a", NOW + 400, NOW), "below the smallest of the 2 kept");
        assertNull(t.use("a", NOW + 700, NOW));
    }
}
