package io.mmplatform.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one polling wait for tests: checks a condition until it holds or a timeout passes.
 *
 * <p>While waiting, an {@link AssertionError} or {@link RuntimeException} thrown by the condition counts as "not yet";
 * the last one is kept and its message (and the throwable as cause) is part of the final failure.
 */
public final class Await {
    /** The default interval between two checks of the condition. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(50);

    private Await() {
    }

    /** Waits until {@code condition} holds, checking every {@link #DEFAULT_POLL}; fails with an AssertionError naming {@code what}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, DEFAULT_POLL, condition);
    }

    /** Waits until {@code condition} holds, checking every {@code poll}; fails with an AssertionError naming {@code what}. */
    public static void until(String what, Duration timeout, Duration poll, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (AssertionError | RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError failure = new AssertionError("timed out after " + timeout + " waiting for: " + what
                        + (last == null ? "" : " (last error: " + last + ")"));
                if (last != null) {
                    failure.initCause(last);
                }
                throw failure;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
