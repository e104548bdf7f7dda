package io.mmplatform.simulator.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitsTest {
    static final long T = 1_800_000_000_000L;

    @Test
    void bucketStartsFullAndRefillsContinuously() {
        TokenBucket b = new TokenBucket(1200, 60_000, T);
        assertTrue(b.tryTake(1200, T));
        assertFalse(b.tryTake(1, T), "empty");
        assertFalse(b.tryTake(1, T + 49), "20 per second: not one token after 49 ms");
        assertTrue(b.tryTake(1, T + 50), "one token after 50 ms");
        assertEquals(0, b.available(T + 50));
        assertEquals(600, b.available(T + 30_050), "half a minute refills half");
        assertEquals(1200, b.available(T + 10 * 60_000), "never above capacity");
    }

    @Test
    void aRefusedTakeTakesNothing() {
        TokenBucket b = new TokenBucket(10, 1000, T);
        assertFalse(b.tryTake(11, T));
        assertTrue(b.tryTake(10, T));
    }

    @Test
    void chargeMayLeaveDebtThatBlocksUntilRefilled() {
        TokenBucket b = new TokenBucket(100, 1000, T);
        b.charge(150, T);
        assertEquals(-50, b.available(T));
        assertFalse(b.tryTake(1, T + 500), "back to 0 after half a second");
        assertTrue(b.tryTake(1, T + 510));
    }

    @Test
    void venueWeights() {
        assertEquals(1, RateLimits.exchangeWeight(1));
        assertEquals(1, RateLimits.exchangeWeight(39));
        assertEquals(2, RateLimits.exchangeWeight(40));
        assertEquals(2, RateLimits.exchangeWeight(79));
        assertEquals(3, RateLimits.exchangeWeight(80));
        assertEquals(2, RateLimits.infoWeight("l2Book"));
        assertEquals(2, RateLimits.infoWeight("allMids"));
        assertEquals(2, RateLimits.infoWeight("clearinghouseState"));
        assertEquals(60, RateLimits.infoWeight("userRole"));
        assertEquals(20, RateLimits.infoWeight("openOrders"));
        assertEquals(20, RateLimits.infoWeight("userFills"));
        assertEquals(20, RateLimits.infoWeight("meta"));
        assertEquals(0, RateLimits.infoItemsWeight("userFills", 19));
        assertEquals(100, RateLimits.infoItemsWeight("userFills", 2000));
        assertEquals(1, RateLimits.infoItemsWeight("userFillsByTime", 39));
        assertEquals(0, RateLimits.infoItemsWeight("openOrders", 2000));
    }

    @Test
    void ipLimitIsPerIp() {
        RateLimits limits = new RateLimits(RateLimitSettings.venue());
        for (int i = 0; i < 60; i++) {
            assertTrue(limits.allowIp("a", 20, T));
        }
        assertFalse(limits.allowIp("a", 20, T), "1200 per minute spent");
        assertTrue(limits.allowIp("b", 20, T), "another IP has its own budget");
        assertTrue(limits.allowIp("a", 20, T + 1000), "20 weight back after a second");
    }

    @Test
    void addressBudgetIsTheInitialAllowancePlusVolumeThenOnePerTenSeconds() {
        AddressBudget b = new AddressBudget(10, 1, 100_000, 10_000);
        assertTrue(b.tryUse(10, false, 0, T));
        assertTrue(b.tryUse(1, false, 0, T), "exhausted: one request let through");
        assertFalse(b.tryUse(1, false, 0, T + 9_999));
        assertTrue(b.tryUse(1, false, 0, T + 10_000));
        assertTrue(b.tryUse(5, false, 20, T + 10_001), "20 USDC traded earned 20 more requests");
    }

    @Test
    void cancelsHaveTheLargerLimit() {
        AddressBudget b = new AddressBudget(10, 1, 100_000, 10_000);
        assertTrue(b.tryUse(10, false, 0, T));
        assertTrue(b.tryUse(10, true, 0, T), "cancels: min(10 + 100000, 2 x 10) = 20");
        assertTrue(b.tryUse(1, true, 0, T), "then throttled to one per 10 s");
        assertFalse(b.tryUse(1, true, 0, T + 1));
    }

    @Test
    void disabledLimitsAllowEverything() {
        RateLimits off = new RateLimits(new RateLimitSettings(false, 1, 0, 0, 0, 10_000));
        for (int i = 0; i < 100; i++) {
            assertTrue(off.allowIp("a", 1000, T));
            assertTrue(off.allowAddress("0xabc", 100, false, BigDecimal.ZERO, T));
        }
    }

    @Test
    void addressLimitCountsEveryOrderOfABatch() {
        RateLimits limits = new RateLimits(new RateLimitSettings(true, 1200, 100, 1, 100_000, 10_000));
        assertTrue(limits.allowAddress("0xa", 60, false, BigDecimal.ZERO, T));
        assertTrue(limits.allowAddress("0xa", 40, false, BigDecimal.ZERO, T));
        assertTrue(limits.allowAddress("0xa", 1, false, BigDecimal.ZERO, T), "the throttled one");
        assertFalse(limits.allowAddress("0xa", 1, false, BigDecimal.ZERO, T));
        assertTrue(limits.allowAddress("0xa", 1, false, new BigDecimal("12.7"), T), "12 USDC earned 12 more");
        assertTrue(limits.allowAddress("0xb", 100, false, BigDecimal.ZERO, T), "per address");
    }
}
