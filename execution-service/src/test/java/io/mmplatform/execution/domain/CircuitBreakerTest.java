package io.mmplatform.execution.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {
    private static final long S = 1_000_000_000L;

    private static CircuitBreaker breaker() {
        return new CircuitBreaker(3, S, 4 * S);
    }

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresOnly() {
        CircuitBreaker b = breaker();
        assertEquals(CircuitBreaker.Transition.NONE, b.failure("e1", 0));
        assertEquals(CircuitBreaker.Transition.NONE, b.failure("e2", 0));
        assertEquals(CircuitBreaker.Transition.NONE, b.success(), "a success in between resets the count");
        assertEquals(0, b.consecutiveFailures());
        b.failure("e1", 0);
        b.failure("e2", 0);
        assertTrue(b.closed());
        assertEquals(CircuitBreaker.Transition.OPENED, b.failure("e3", 0));
        assertEquals(CircuitBreaker.State.OPEN, b.state());
        assertEquals("e3", b.lastError());
        assertEquals(CircuitBreaker.Transition.NONE, b.failure("e4", 0), "opened once, reported once");
    }

    @Test
    void aProbeIsDueAfterTheBackOffAndASuccessfulOneCloses() {
        CircuitBreaker b = breaker();
        for (int i = 0; i < 3; i++) {
            b.failure("down", 0);
        }
        assertFalse(b.probeDue(S - 1));
        assertEquals(1, b.nanosUntilProbe(S - 1));
        assertTrue(b.probeDue(S));
        assertEquals(CircuitBreaker.State.HALF_OPEN, b.state());
        assertEquals(CircuitBreaker.Transition.CLOSED, b.success());
        assertTrue(b.closed());
        assertFalse(b.probeDue(10 * S), "closed: no probe");
    }

    @Test
    void aFailedProbeOpensAgainWithTheBackOffDoubledUpToTheMax() {
        CircuitBreaker b = breaker();
        for (int i = 0; i < 3; i++) {
            b.failure("down", 0);
        }
        long now = 0;
        long[] expected = {2 * S, 4 * S, 4 * S};
        now += S;
        for (long backoff : expected) {
            assertTrue(b.probeDue(now));
            assertEquals(CircuitBreaker.Transition.NONE, b.failure("still down", now));
            assertEquals(CircuitBreaker.State.OPEN, b.state());
            assertEquals(backoff, b.nanosUntilProbe(now));
            now += backoff;
        }
        assertTrue(b.probeDue(now));
        assertEquals(CircuitBreaker.Transition.CLOSED, b.success());
        // the next trip starts from the base back-off again
        for (int i = 0; i < 3; i++) {
            b.failure("down", now);
        }
        assertEquals(S, b.nanosUntilProbe(now));
    }
}
