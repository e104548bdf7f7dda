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
    void mustBeWithinADayOfTheVenueClock() {
        NonceTracker t = new NonceTracker();
        assertNotNull(t.use("a", NOW - 86_400_001L, NOW));
        assertNotNull(t.use("a", NOW + 86_400_001L, NOW));
        assertNull(t.use("a", NOW - 86_400_000L, NOW));
    }
}
