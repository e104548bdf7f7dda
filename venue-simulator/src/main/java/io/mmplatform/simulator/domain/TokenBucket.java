package io.mmplatform.simulator.domain;

/**
 * A token bucket in exact integer arithmetic: holds at most {@code capacity} tokens and refills
 * {@code capacity} every {@code periodMs} (continuously, in micro-tokens). Starts full. Not thread-safe.
 */
public final class TokenBucket {
    private static final long MICRO = 1_000_000L;
    private final long capacityMicro;
    private final long periodMs;
    private long micro;
    private long lastMs;

    public TokenBucket(long capacity, long periodMs, long nowMs) {
        if (capacity <= 0 || periodMs <= 0) {
            throw new IllegalArgumentException("capacity and period must be positive");
        }
        this.capacityMicro = Math.multiplyExact(capacity, MICRO);
        this.periodMs = periodMs;
        this.micro = capacityMicro;
        this.lastMs = nowMs;
    }

    private void refill(long nowMs) {
        if (nowMs > lastMs) {
            long elapsed = nowMs - lastMs;
            // capacity x elapsed / period without overflow (elapsed < period here)
            long add = elapsed >= periodMs ? capacityMicro
                    : capacityMicro / periodMs * elapsed + capacityMicro % periodMs * elapsed / periodMs;
            micro = Math.min(capacityMicro, micro + add);
            lastMs = nowMs;
        }
    }

    /** Takes weight tokens if the bucket holds them all; false (and nothing taken) otherwise. */
    public boolean tryTake(long weight, long nowMs) {
        refill(nowMs);
        long need = Math.multiplyExact(weight, MICRO);
        if (need > micro) {
            return false;
        }
        micro -= need;
        return true;
    }

    /** Takes weight tokens even if that leaves the bucket in debt (for weight known only after answering). */
    public void charge(long weight, long nowMs) {
        refill(nowMs);
        micro -= Math.multiplyExact(weight, MICRO);
    }

    /** Whole tokens available now (negative when in debt). */
    public long available(long nowMs) {
        refill(nowMs);
        return Math.floorDiv(micro, MICRO);
    }
}
