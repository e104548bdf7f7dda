package io.mmplatform.simulator.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceWalkTest {
    static long[] path(long seed, MarketSpec m, ReferenceSettings s, int n) {
        ReferenceWalk w = new ReferenceWalk(m, seed, s);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = w.step();
        }
        return out;
    }

    @Test
    void sameSeedSamePathDifferentSeedDifferentPath() {
        long[] a = path(7, MatchingEngineTest.BTC, ReferenceSettings.defaults(), 1000);
        long[] b = path(7, MatchingEngineTest.BTC, ReferenceSettings.defaults(), 1000);
        long[] c = path(8, MatchingEngineTest.BTC, ReferenceSettings.defaults(), 1000);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
        long moves = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] != a[i - 1]) {
                moves++;
            }
        }
        assertTrue(moves > 900, "the price moves at most steps: " + moves);
    }

    @Test
    void startsAtTheConfiguredPriceAndStepsAreBounded() {
        ReferenceSettings s = new ReferenceSettings(400, new BigDecimal("2"), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ONE);
        ReferenceWalk w = new ReferenceWalk(MatchingEngineTest.BTC, 1, s);
        assertEquals(100_000_00000000L, w.priceE8());
        assertEquals(new BigDecimal("100000.00000000"), w.price());
        long prev = w.priceE8();
        for (int i = 0; i < 5000; i++) {
            long p = w.step();
            // 2 bps sigma: a step beyond 12 sigma (24 bps) does not happen without jumps
            assertTrue(Math.abs(p - prev) * 10_000 <= prev * 24 / 10 * 10, "step too large at " + i);
            prev = p;
        }
        assertEquals(w.priceE8() / 1_000_000 * 100, w.confE8(w.priceE8()));
    }

    @Test
    void jumpsHaveTheConfiguredSize() {
        ReferenceSettings s = new ReferenceSettings(400, BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal("50"),
                BigDecimal.ONE);
        ReferenceWalk w = new ReferenceWalk(MatchingEngineTest.SOL, 3, s);
        long prev = w.priceE8();
        for (int i = 0; i < 100; i++) {
            long p = w.step();
            long expectedMove = prev * 5000 / 1_000_000;
            assertEquals(expectedMove, Math.abs(p - prev), "jump of 50 bps at step " + i);
            prev = p;
        }
    }
}
