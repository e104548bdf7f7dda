package io.mmplatform.portfolio.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishThrottleTest {

    @Test
    void atMostOncePerIntervalPerKey() {
        PublishThrottle<String> throttle = new PublishThrottle<>(1000);
        assertTrue(throttle.offer("a", 10_000));
        assertTrue(throttle.offer("b", 10_100), "keys are independent");
        assertFalse(throttle.offer("a", 10_500));
        assertFalse(throttle.offer("a", 10_999));
        assertTrue(throttle.offer("a", 11_000));
    }

    @Test
    void aSuppressedKeyBecomesDueAfterTheInterval() {
        PublishThrottle<String> throttle = new PublishThrottle<>(1000);
        throttle.offer("a", 0);
        throttle.offer("a", 200);
        throttle.offer("a", 300);
        assertEquals(1, throttle.pendingCount());
        assertEquals(List.of(), throttle.due(999));
        assertEquals(List.of("a"), throttle.due(1000));
        assertEquals(List.of(), throttle.due(5000), "due once");
        assertFalse(throttle.offer("a", 1500), "the due publication counts");
    }

    @Test
    void anotherPublicationSatisfiesAPendingKey() {
        PublishThrottle<String> throttle = new PublishThrottle<>(1000);
        throttle.offer("a", 0);
        throttle.offer("a", 100);
        throttle.published("a", 400);
        assertEquals(0, throttle.pendingCount());
        assertFalse(throttle.offer("a", 1200));
        assertEquals(List.of("a"), throttle.due(1400));
    }

    @Test
    void zeroIntervalNeverSuppresses() {
        PublishThrottle<String> throttle = new PublishThrottle<>(0);
        assertTrue(throttle.offer("a", 5));
        assertTrue(throttle.offer("a", 5));
    }
}
