package io.mmplatform.common.hyperliquid;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Nonces for one signer: millisecond timestamps, strictly increasing even when called faster than the clock ticks
 * or when the clock steps back: {@code max(nowMillis, last + 1)}. Thread-safe and lock-free.
 */
public final class NonceGenerator {
    private final LongSupplier clockMillis;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    public NonceGenerator() {
        this(System::currentTimeMillis);
    }

    public NonceGenerator(LongSupplier clockMillis) {
        if (clockMillis == null) {
            throw new IllegalArgumentException("clock is required");
        }
        this.clockMillis = clockMillis;
    }

    public long next() {
        long now = clockMillis.getAsLong();
        return last.updateAndGet(previous -> previous == Long.MIN_VALUE ? now : Math.max(now, previous + 1));
    }

    /** The last nonce handed out, or {@code Long.MIN_VALUE} before the first. */
    public long last() {
        return last.get();
    }
}
