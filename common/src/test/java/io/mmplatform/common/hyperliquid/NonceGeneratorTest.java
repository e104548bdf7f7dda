package io.mmplatform.common.hyperliquid;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NonceGeneratorTest {

    @Test
    void followsTheClockAndNeverRepeats() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        NonceGenerator nonces = new NonceGenerator(clock::get);
        assertEquals(1_700_000_000_000L, nonces.next());
        assertEquals(1_700_000_000_001L, nonces.next(), "same millisecond: last + 1");
        assertEquals(1_700_000_000_002L, nonces.next());
        clock.set(1_700_000_000_500L);
        assertEquals(1_700_000_000_500L, nonces.next(), "clock ahead: the clock");
        clock.set(1_699_999_999_000L);
        assertEquals(1_700_000_000_501L, nonces.next(), "clock stepped back: still increasing");
    }

    @Test
    void strictlyIncreasingUnderConcurrentCallers() throws Exception {
        NonceGenerator nonces = new NonceGenerator();
        int threads = 8;
        int perThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    long[] seen = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        seen[i] = nonces.next();
                    }
                    return seen;
                }));
            }
            start.countDown();
            Set<Long> all = new HashSet<>();
            long max = Long.MIN_VALUE;
            for (Future<long[]> result : results) {
                long[] seen = result.get(60, TimeUnit.SECONDS);
                for (int i = 0; i < seen.length; i++) {
                    if (i > 0) {
                        assertTrue(seen[i] > seen[i - 1], "each caller sees increasing nonces");
                    }
                    assertTrue(all.add(seen[i]), "nonce handed out twice: " + seen[i]);
                    max = Math.max(max, seen[i]);
                }
            }
            assertEquals(threads * perThread, all.size());
            assertEquals(max, nonces.last());
            assertTrue(nonces.next() > max);
        } finally {
            pool.shutdownNow();
        }
    }
}
