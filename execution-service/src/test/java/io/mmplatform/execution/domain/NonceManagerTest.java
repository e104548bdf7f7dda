package io.mmplatform.execution.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NonceManagerTest {
    private static final long T = 1_790_000_000_000L;

    /** A store that remembers the marks, like the file. */
    private static final class Store implements NonceManager.Store {
        final List<Long> marks = new ArrayList<>();

        @Override
        public void reserve(long upTo) {
            marks.add(upTo);
        }

        long last() {
            return marks.isEmpty() ? Long.MIN_VALUE : marks.get(marks.size() - 1);
        }
    }

    @Test
    void followsTheClockAndNeverRepeatsEvenWhenCalledFasterOrTheClockStepsBack() {
        AtomicLong clock = new AtomicLong(T);
        NonceManager n = new NonceManager(Long.MIN_VALUE, clock::get, new Store(), 10_000);
        assertEquals(T, n.next());
        assertEquals(T + 1, n.next(), "same millisecond");
        clock.set(T - 5000);
        assertEquals(T + 2, n.next(), "clock stepped back");
        clock.set(T + 100);
        assertEquals(T + 100, n.next());
    }

    @Test
    void theMarkIsPersistedAheadOfUseAndWrittenOncePerReserve() {
        AtomicLong clock = new AtomicLong(T);
        Store store = new Store();
        NonceManager n = new NonceManager(Long.MIN_VALUE, clock::get, store, 10_000);
        n.next();
        assertEquals(List.of(T + 10_000), store.marks, "persisted before the nonce is handed out");
        for (int i = 1; i <= 100; i++) {
            clock.set(T + i * 50L);
            n.next();
        }
        assertEquals(1, store.marks.size(), "5 s of nonces inside the 10 s reserve: one write");
        clock.set(T + 10_001);
        assertEquals(T + 10_001, n.next());
        assertEquals(T + 20_001, store.last());
    }

    @Test
    void aRestartStartsAboveEveryNonceThePreviousRunCouldHaveUsed() {
        AtomicLong clock = new AtomicLong(T);
        Store store = new Store();
        NonceManager first = new NonceManager(Long.MIN_VALUE, clock::get, store, 10_000);
        long used = 0;
        for (int i = 0; i < 30; i++) {
            used = first.next();
        }
        // restart at once (the clock has not moved past the nonces used): the mark wins
        NonceManager second = new NonceManager(store.last(), clock::get, store, 10_000);
        long next = second.next();
        assertTrue(next > used, next + " must exceed " + used);
        assertEquals(T + 10_001, next);
        // restart much later: the clock wins (nonces stay near the venue's clock)
        clock.set(T + 3_600_000);
        NonceManager third = new NonceManager(store.last(), clock::get, store, 10_000);
        assertEquals(T + 3_600_000, third.next());
    }

    @Test
    void aMarkFromAnotherOwnerIsPassed() {
        AtomicLong clock = new AtomicLong(T);
        NonceManager n = new NonceManager(Long.MIN_VALUE, clock::get, new Store(), 0);
        n.next();
        n.advancePast(T + 500);
        assertEquals(T + 501, n.next());
        n.advancePast(T); // an older mark changes nothing
        assertEquals(T + 502, n.next());
    }

    @Test
    void aMarkMoreThanADayAheadOfTheClockIsRefusedNotUsed() {
        AtomicLong clock = new AtomicLong(T);
        assertThrows(IllegalStateException.class,
                () -> new NonceManager(T + NonceManager.MAX_AHEAD_MS, clock::get, new Store(), 0));
        NonceManager ok = new NonceManager(T + NonceManager.MAX_AHEAD_MS - 1, clock::get, new Store(), 0);
        assertEquals(T + NonceManager.MAX_AHEAD_MS, ok.next());
    }

    @Test
    void aFailedWriteFailsTheNonceInsteadOfRiskingReuse() {
        NonceManager n = new NonceManager(Long.MIN_VALUE, () -> T, upTo -> {
            throw new IllegalStateException("disk full");
        }, 10_000);
        assertThrows(IllegalStateException.class, n::next);
    }

    @Test
    void halfWayThroughAReserveTheNextOneIsWrittenInTheBackgroundWithoutHoldingUpTheNonce() throws Exception {
        AtomicLong clock = new AtomicLong(T);
        List<Long> marks = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch disk = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            NonceManager n = new NonceManager(Long.MIN_VALUE, clock::get, upTo -> {
                if (upTo > T + 10_000) {
                    try {
                        disk.await(); // a slow fsync
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                marks.add(upTo);
            }, 10_000, writer);
            assertEquals(T, n.next());
            assertEquals(List.of(T + 10_000), marks, "the first mark is durable before the first nonce");
            clock.set(T + 6_000);
            // the refresh of the reserve waits for the disk; the nonce (still inside the durable reserve) does not
            assertEquals(T + 6_000, java.util.concurrent.CompletableFuture.supplyAsync(n::next).get(30,
                    java.util.concurrent.TimeUnit.SECONDS));
            clock.set(T + 7_000);
            assertEquals(T + 7_000, n.next(), "one refresh in flight: no second one");
            disk.countDown();
            writer.submit(() -> { }).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(List.of(T + 10_000, T + 16_000), marks);
            clock.set(T + 10_001);
            assertEquals(T + 10_001, n.next());
            assertEquals(List.of(T + 10_000, T + 16_000), marks, "covered by the mark written ahead");
        } finally {
            writer.shutdownNow();
        }
    }
}
