package io.mmplatform.pricefeed.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {
    @Test
    void doublesUpToTheMaxAndResets() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(350));
        assertEquals(100, backoff.nextDelay().toMillis());
        assertEquals(200, backoff.nextDelay().toMillis());
        assertEquals(350, backoff.nextDelay().toMillis());
        assertEquals(350, backoff.nextDelay().toMillis());
        backoff.reset();
        assertEquals(100, backoff.nextDelay().toMillis());
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
