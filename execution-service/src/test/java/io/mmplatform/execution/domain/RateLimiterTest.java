package io.mmplatform.execution.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    /** IP: 100 weight, 10 a second; wallet: 50 orders, 5 a second; 10 % kept for cancels; back-off 1 s .. 8 s. */
    private static RateLimiter limiter() {
        return new RateLimiter(new RateLimiter.Limits(100, 10, 50, 5, 0.1, SECOND, 8 * SECOND), 0);
    }

    @Test
    void theVenuesWeights() {
        assertEquals(1, RateLimiter.exchangeWeight(1));
        assertEquals(1, RateLimiter.exchangeWeight(39));
        assertEquals(2, RateLimiter.exchangeWeight(40));
        assertEquals(2, RateLimiter.exchangeWeight(79));
        assertEquals(3, RateLimiter.exchangeWeight(80));
        assertEquals(2, RateLimiter.infoWeight("l2Book"));
        assertEquals(2, RateLimiter.infoWeight("clearinghouseState"));
        assertEquals(60, RateLimiter.infoWeight("userRole"));
        assertEquals(20, RateLimiter.infoWeight("openOrders"));
        assertEquals(20, RateLimiter.infoWeight("userFills"));
        assertEquals(0, RateLimiter.infoExtraWeight("userFills", 19));
        assertEquals(3, RateLimiter.infoExtraWeight("userFills", 60));
        assertEquals(0, RateLimiter.infoExtraWeight("openOrders", 500));
        assertEquals(1, RateLimiter.infoExtraWeight("candleSnapshot", 60));
    }

    @Test
    void ordersStopAboveTheCancelReserveAndWaitForTheRefill() {
        RateLimiter r = limiter();
        // the wallet's 50 orders minus the 5 kept for cancels: 45 single orders pass (IP: 45 of 100 weight)
        for (int i = 0; i < 45; i++) {
            assertEquals(0, r.acquire("w1", RateLimiter.Kind.ORDER, 1, 1, 0), "order " + i);
        }
        long wait = r.acquire("w1", RateLimiter.Kind.ORDER, 1, 1, 0);
        assertEquals(SECOND / 5, wait, "one order refills in 1/5 s");
        assertEquals(0, r.acquire("w1", RateLimiter.Kind.ORDER, 1, 1, wait));
        assertEquals(46, r.weightUsed());
    }

    @Test
    void cancelsAlwaysGoEvenIntoDebtAndOrdersThenWait() {
        RateLimiter r = limiter();
        assertEquals(0, r.acquire("w1", RateLimiter.Kind.ORDER, 1, 45, 0));
        assertTrue(r.acquire("w1", RateLimiter.Kind.ORDER, 1, 1, 0) > 0);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, r.acquire("w1", RateLimiter.Kind.CANCEL, 1, 1, 0), "cancel " + i);
        }
        // 50 - 55 = -5 orders in the bucket: the next order waits until it is back above the reserve (5) + 1
        assertEquals(11 * SECOND / 5, r.acquire("w1", RateLimiter.Kind.ORDER, 1, 1, 0));
    }

    @Test
    void anotherWalletHasItsOwnBucketButSharesTheIp() {
        RateLimiter r = limiter();
        assertEquals(0, r.acquire("w1", RateLimiter.Kind.ORDER, 1, 45, 0));
        assertEquals(0, r.acquire("w2", RateLimiter.Kind.ORDER, 1, 40, 0), "w2's own bucket is full");
        // IP: 2 of 100 used; reads need 20 % kept: a read of weight 78 passes, the next does not
        assertEquals(0, r.acquire("w1", RateLimiter.Kind.READ, 78, 0, 0));
        assertTrue(r.acquire("w2", RateLimiter.Kind.READ, 1, 0, 0) > 0, "reads leave the last 20 % to orders and cancels");
        assertEquals(0, r.acquire("w2", RateLimiter.Kind.ORDER, 1, 1, 0), "an order may use down to 10 %");
    }

    @Test
    void aTooManyRequestsAnswerStopsEverythingButCancelsWithADoublingBackOff() {
        RateLimiter r = limiter();
        assertEquals(SECOND, r.throttled(0));
        assertEquals(SECOND, r.acquire("w1", RateLimiter.Kind.ORDER, 1, 1, 0));
        assertEquals(SECOND / 2, r.acquire("w1", RateLimiter.Kind.READ, 20, 0, SECOND / 2));
        assertEquals(0, r.acquire("w1", RateLimiter.Kind.CANCEL, 1, 1, SECOND / 2), "cancels are never held back");
        assertEquals(0, r.acquire("w1", RateLimiter.Kind.ORDER, 1, 1, SECOND));
        assertEquals(2 * SECOND, r.throttled(SECOND));
        assertEquals(4 * SECOND, r.throttled(SECOND));
        assertEquals(8 * SECOND, r.throttled(SECOND));
        assertEquals(8 * SECOND, r.throttled(SECOND), "capped");
        r.succeeded();
        assertEquals(SECOND, r.throttled(20 * SECOND), "a success resets the back-off");
    }

    @Test
    void weightKnownAfterTheAnswerIsCharged() {
        RateLimiter r = limiter();
        assertEquals(0, r.acquire("w1", RateLimiter.Kind.READ, 20, 0, 0));
        r.charge(70, 0);
        assertEquals(90, r.weightUsed());
        assertFalse(r.acquire("w1", RateLimiter.Kind.ORDER, 1, 1, 0) == 0, "10 left is the reserve");
    }

    @Test
    void aBucketRefillsUpToItsCapacityOnly() {
        TokenBucket b = new TokenBucket(10, 1, 0);
        assertTrue(b.tryTake(10, 0, 0));
        assertFalse(b.tryTake(1, 0, 0));
        assertEquals(10, b.available(100 * SECOND));
        b.take(15, 100 * SECOND);
        assertEquals(-5, b.available(100 * SECOND));
        assertEquals(6 * SECOND, b.nanosUntil(1, 0, 100 * SECOND));
    }
}
