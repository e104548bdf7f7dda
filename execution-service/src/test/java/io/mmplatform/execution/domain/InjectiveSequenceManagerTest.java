package io.mmplatform.execution.domain;

import io.mmplatform.execution.domain.InjectiveSequenceManager.Status;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectiveSequenceManagerTest {
    private static final long T = 1_790_000_000_000L;
    private static final long ACCOUNT = 17396;

    private final AtomicLong clock = new AtomicLong(T);

    private static String mismatch(long expected, long got) {
        return "account sequence mismatch, expected " + expected + ", got " + got + ": incorrect account sequence";
    }

    private InjectiveSequenceManager fetched(long sequence) {
        InjectiveSequenceManager m = new InjectiveSequenceManager(clock::get, 3);
        m.refreshed(ACCOUNT, sequence);
        return m;
    }

    @Test
    void nothingIsHandedOutBeforeTheAccountIsFetched() {
        InjectiveSequenceManager m = new InjectiveSequenceManager(clock::get, 3);
        assertEquals(Status.NEEDS_FETCH, m.status());
        assertTrue(m.refreshDue());
        assertThrows(IllegalStateException.class, m::next);
        m.refreshed(ACCOUNT, 10);
        assertEquals(Status.READY, m.status());
        assertEquals(ACCOUNT, m.accountNumber());
        assertEquals(10, m.next());
    }

    @Test
    void oneTransactionAtATimeAndTheSequenceMovesOnlyOnAcceptance() {
        InjectiveSequenceManager m = fetched(10);
        assertEquals(10, m.next());
        assertEquals(Status.IN_FLIGHT, m.status());
        assertEquals(OptionalLong.of(10), m.inFlight());
        assertThrows(IllegalStateException.class, m::next, "a second tx while one is in flight");
        assertFalse(m.refreshDue(), "no refresh while in flight");
        assertThrows(IllegalStateException.class, () -> m.refreshed(ACCOUNT, 10));
        m.accepted(10);
        assertEquals(11, m.next());
        m.accepted(11);
        assertEquals(12, m.next());
    }

    @Test
    void anOtherRejectionLeavesTheSequenceFree() {
        InjectiveSequenceManager m = fetched(10);
        m.next();
        m.rejected(10, 5, "insufficient funds");
        assertEquals(Status.READY, m.status());
        assertEquals(10, m.next(), "CheckTx failed: 10 was not consumed");
        assertEquals(1, m.consecutiveErrors());
        assertEquals("code 5: insufficient funds", m.lastError());
    }

    @Test
    void aSequenceMismatchSetsTheChainsExpectedValue() {
        InjectiveSequenceManager m = fetched(10);
        m.next();
        m.rejected(10, 32, mismatch(14, 10));
        assertEquals(Status.READY, m.status(), "no re-fetch needed: the chain said the value");
        assertEquals(14, m.next());
        m.rejected(14, 32, mismatch(12, 14));
        assertEquals(12, m.next(), "lower too: the chain's word wins");
        m.rejected(12, 32, "  " + mismatch(13, 12) + "\n");
        assertEquals(13, m.next(), "surrounding whitespace is fine");
    }

    @Test
    void anUnparseableMismatchMarksARefetch() {
        List<String> logs = List.of(
                "account sequence mismatch",
                "account sequence mismatch, expected x, got 10: incorrect account sequence",
                "account sequence mismatch, expected -3, got 10: incorrect account sequence",
                "account sequence mismatch, expected 14, got 9: incorrect account sequence", // not what we sent
                "account sequence mismatch, expected 10, got 10: incorrect account sequence", // contradicts itself
                "account sequence mismatch, expected 99999999999999999999, got 10: incorrect account sequence",
                "account sequence mismatch, expected 14, got 10: incorrect account sequence; and more",
                "failed: account sequence mismatch, expected 14, got 10: incorrect account sequence",
                "account sequence mismatch, expected 1 4, got 10: incorrect account sequence",
                "");
        for (String log : logs) {
            InjectiveSequenceManager m = fetched(10);
            m.next();
            m.rejected(10, 32, log);
            assertEquals(Status.NEEDS_FETCH, m.status(), log);
            assertThrows(IllegalStateException.class, m::next, log);
            assertTrue(m.refreshDue(), log);
        }
        InjectiveSequenceManager nullLog = fetched(10);
        nullLog.next();
        nullLog.rejected(10, 32, null);
        assertEquals(Status.NEEDS_FETCH, nullLog.status());
    }

    @Test
    void aRefetchAfterAnUnparseableMismatchReplacesTheValueButNotBelowAnAcceptance() {
        InjectiveSequenceManager m = fetched(10);
        m.next();
        m.accepted(10);
        m.next();
        m.rejected(11, 32, "garbled");
        m.refreshed(ACCOUNT, 10); // committed state lags: tx 10 is still in the mempool
        assertEquals(11, m.next(), "10 was accepted: never handed out again");
        m.rejected(11, 32, "garbled");
        m.refreshed(ACCOUNT, 15);
        assertEquals(15, m.next());
    }

    @Test
    void anUnknownOutcomeMarksARefetch() {
        InjectiveSequenceManager m = fetched(10);
        m.next();
        m.outcomeUnknown(10, "timeout after 10 s");
        assertEquals(Status.NEEDS_FETCH, m.status());
        assertThrows(IllegalStateException.class, m::next);
        m.refreshed(ACCOUNT, 11); // the timed-out tx made it into a block
        assertEquals(11, m.next());
        m.outcomeUnknown(11, "connection reset");
        m.refreshed(ACCOUNT, 11); // it did not (or not yet): 11 again
        assertEquals(11, m.next());
        // if it was in the mempool after all, the chain says so exactly
        m.rejected(11, 32, mismatch(12, 11));
        assertEquals(12, m.next());
    }

    @Test
    void aProactiveRefreshIsDueEveryThirtySecondsAndOnlyRaisesTheValue() {
        InjectiveSequenceManager m = fetched(10);
        assertFalse(m.refreshDue());
        clock.addAndGet(InjectiveSequenceManager.REFRESH_INTERVAL_MS - 1);
        assertFalse(m.refreshDue());
        clock.addAndGet(1);
        assertTrue(m.refreshDue());
        m.next();
        assertFalse(m.refreshDue(), "not while a tx is in flight");
        m.accepted(10);
        assertTrue(m.refreshDue());
        m.refreshed(ACCOUNT, 10); // committed state lags the mempool
        assertEquals(Status.READY, m.status());
        assertFalse(m.refreshDue(), "the interval starts again");
        assertEquals(11, m.next(), "a lagging value does not lower the sequence");
        m.accepted(11);
        clock.addAndGet(InjectiveSequenceManager.REFRESH_INTERVAL_MS);
        m.refreshed(ACCOUNT, 20); // another signer used the wallet
        assertEquals(20, m.next());
    }

    @Test
    void consecutiveErrorsOpenTheBreakerAndAnAcceptanceResetsThem() {
        InjectiveSequenceManager m = fetched(10);
        m.next();
        m.rejected(10, 5, "insufficient funds");
        m.next();
        m.outcomeUnknown(10, "timeout");
        assertFalse(m.breakerShouldOpen());
        m.refreshFailed("GET accounts: 503");
        assertTrue(m.breakerShouldOpen(), "three in a row");
        assertEquals(3, m.consecutiveErrors());
        assertEquals("GET accounts: 503", m.lastError());
        m.refreshed(ACCOUNT, 10);
        assertTrue(m.breakerShouldOpen(), "a fetch is no proof that transactions go through");
        m.next();
        m.accepted(10);
        assertFalse(m.breakerShouldOpen());
        assertEquals(0, m.consecutiveErrors());
    }

    @Test
    void misreportedOutcomesAreRefused() {
        InjectiveSequenceManager m = fetched(10);
        assertThrows(IllegalStateException.class, () -> m.accepted(10), "nothing in flight");
        m.next();
        assertThrows(IllegalStateException.class, () -> m.accepted(11), "not the one in flight");
        assertThrows(IllegalArgumentException.class, () -> m.rejected(10, 0, ""), "code 0 is acceptance");
        assertEquals(Status.IN_FLIGHT, m.status(), "a refused report changes nothing");
        m.accepted(10);
        assertThrows(IllegalStateException.class, () -> m.accepted(10), "reported twice");
        assertThrows(IllegalArgumentException.class, () -> new InjectiveSequenceManager(clock::get, 0));
        assertThrows(IllegalArgumentException.class, () -> m.refreshed(ACCOUNT, -1));
    }

    @Test
    void theMismatchParserIsExact() {
        assertEquals(OptionalLong.of(5), InjectiveSequenceManager.expectedSequence(mismatch(5, 4), 4));
        assertEquals(OptionalLong.of(0), InjectiveSequenceManager.expectedSequence(mismatch(0, 4), 4));
        assertEquals(OptionalLong.of(Long.MAX_VALUE),
                InjectiveSequenceManager.expectedSequence(mismatch(Long.MAX_VALUE, 4), 4));
        assertEquals(OptionalLong.empty(), InjectiveSequenceManager.expectedSequence(mismatch(5, 4), 3));
        assertEquals(OptionalLong.empty(), InjectiveSequenceManager.expectedSequence(
                mismatch(5, 4).toUpperCase(), 4));
    }

    /**
     * A simulated chain and a random run of outcomes: timeouts that did or did not reach the chain, garbled logs,
     * other rejections, failed fetches, a committed state that lags the mempool, another signer using the wallet.
     * Checked on every hand-out: one tx at a time, a sequence reported accepted is never handed out again, no
     * sequence above the chain's next one (no gap), and right after a parsed mismatch exactly the chain's value.
     */
    @Test
    void randomRunsKeepTheInvariants() {
        for (long seed = 1; seed <= 40; seed++) {
            replay(seed, 3_000);
        }
    }

    private void replay(long seed, int steps) {
        Random random = new Random(seed);
        int threshold = 4;
        InjectiveSequenceManager m = new InjectiveSequenceManager(clock::get, threshold);
        long expected = random.nextInt(1000); // the chain's next sequence (CheckTx state, mempool included)
        long committed = expected;            // what GET accounts returns: lags the mempool
        long highestAccepted = -1;            // highest sequence reported accepted to the manager
        boolean exactNext = false;            // the last outcome was a parsed mismatch and nothing changed since
        int errors = 0;
        int acceptedByChain = 0;
        String context = "seed " + seed;
        for (int step = 0; step < steps; step++) {
            String at = context + " step " + step;
            clock.addAndGet(random.nextInt(5_000));
            if (random.nextInt(10) < 3) {
                committed = expected; // a block
            }
            if (random.nextInt(200) == 0) {
                expected++; // another signer (an operator with ./mm inj tx) used the wallet
                committed = expected;
                exactNext = false;
            }
            if (m.refreshDue()) {
                if (random.nextInt(10) == 0) {
                    m.refreshFailed("503");
                    errors++;
                } else {
                    m.refreshed(ACCOUNT, committed);
                    exactNext = false;
                }
                assertEquals(errors >= threshold, m.breakerShouldOpen(), at);
                continue;
            }
            if (m.status() != Status.READY) {
                throw new AssertionError(at + ": not due for a refresh and not ready: " + m.status());
            }
            long s = m.next();
            assertThrows(IllegalStateException.class, m::next, at + ": one in flight");
            assertTrue(s > highestAccepted, at + ": " + s + " was already accepted");
            assertTrue(s <= expected, at + ": " + s + " skips past the chain's " + expected);
            if (exactNext) {
                assertEquals(expected, s, at + ": right after a parsed mismatch");
            }
            exactNext = false;
            int roll = random.nextInt(100);
            if (roll < 8) {
                m.rejected(s, 5, "insufficient funds"); // CheckTx failed: no state change
                errors++;
            } else if (roll < 16) {
                if (s == expected && random.nextBoolean()) {
                    expected++; // it reached the chain before the timeout
                    acceptedByChain++;
                }
                m.outcomeUnknown(s, "timeout");
                errors++;
            } else if (s == expected) {
                expected++;
                acceptedByChain++;
                m.accepted(s);
                highestAccepted = s;
                errors = 0;
            } else {
                boolean garbled = random.nextInt(5) == 0;
                m.rejected(s, 32, garbled ? "account sequence mismatch" : mismatch(expected, s));
                exactNext = !garbled;
                errors++;
            }
            assertEquals(errors, m.consecutiveErrors(), at);
            assertEquals(errors >= threshold, m.breakerShouldOpen(), at);
        }
        assertTrue(acceptedByChain > steps / 4, context + ": the wallet makes progress (" + acceptedByChain + ")");
    }
}
