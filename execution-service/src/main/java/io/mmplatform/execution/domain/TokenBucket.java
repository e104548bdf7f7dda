package io.mmplatform.execution.domain;

/**
 * A token bucket of request weight: holds at most {@code capacity}, refills at {@code perSecond}. Taking may be
 * conditional (only if at least {@code floor} tokens stay) or forced (the balance may go negative: a debt later
 * requests wait for). Times are caller-supplied nanos (monotonic). Not thread-safe: the owner synchronizes.
 */
public final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    public TokenBucket(double capacity, double perSecond, long nowNanos) {
        if (capacity <= 0 || perSecond <= 0) {
            throw new IllegalArgumentException("capacity and rate must be positive, got " + capacity + ", " + perSecond);
        }
        this.capacity = capacity;
        this.perNano = perSecond / 1e9;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
        }
    }

    /** Takes weight if at least floor tokens remain afterwards. */
    public boolean tryTake(double weight, double floor, long now) {
        refill(now);
        if (tokens - weight < floor) {
            return false;
        }
        tokens -= weight;
        return true;
    }

    /** Takes weight unconditionally (may leave a debt). */
    public void take(double weight, long now) {
        refill(now);
        tokens -= weight;
    }

    /** Nanos until {@link #tryTake} of weight with this floor would succeed (0: now). */
    public long nanosUntil(double weight, double floor, long now) {
        refill(now);
        double missing = floor + weight - tokens;
        return missing <= 0 ? 0 : (long) Math.ceil(missing / perNano);
    }

    public double available(long now) {
        refill(now);
        return tokens;
    }

    public double capacity() {
        return capacity;
    }
}
