package io.mmplatform.execution.domain;

/**
 * A wallet's circuit breaker over its venue requests. CLOSED: requests go; {@code threshold} consecutive failures open
 * it. OPEN: nothing but cancels goes until the back-off has passed, then one probe may go (HALF_OPEN). A successful
 * probe (or any success) closes it; a failed probe opens it again with the back-off doubled (up to the max). Times are
 * caller-supplied nanos. Not thread-safe: one wallet, one thread.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** What a recorded outcome changed: the caller reports OPENED and CLOSED (kill engaged / released). */
    public enum Transition { NONE, OPENED, CLOSED }

    private final int threshold;
    private final long backoffNanos;
    private final long maxBackoffNanos;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private int trips;
    private long retryAt;
    private String lastError;

    public CircuitBreaker(int threshold, long backoffNanos, long maxBackoffNanos) {
        if (threshold <= 0) {
            throw new IllegalArgumentException("threshold must be positive, got " + threshold);
        }
        if (backoffNanos <= 0 || maxBackoffNanos < backoffNanos) {
            throw new IllegalArgumentException("back-off must be positive and max >= base");
        }
        this.threshold = threshold;
        this.backoffNanos = backoffNanos;
        this.maxBackoffNanos = maxBackoffNanos;
    }

    public State state() {
        return state;
    }

    public boolean closed() {
        return state == State.CLOSED;
    }

    /**
     * May a probe go now? True (and the breaker half-opens) when it is open and the back-off has passed, or when it
     * is half-open already; false while closed (no probe needed) or still backing off.
     */
    public boolean probeDue(long now) {
        if (state == State.OPEN && now - retryAt >= 0) {
            state = State.HALF_OPEN;
        }
        return state == State.HALF_OPEN;
    }

    public Transition success() {
        consecutiveFailures = 0;
        if (state == State.CLOSED) {
            return Transition.NONE;
        }
        state = State.CLOSED;
        trips = 0;
        lastError = null;
        return Transition.CLOSED;
    }

    public Transition failure(String error, long now) {
        lastError = error;
        switch (state) {
            case HALF_OPEN -> {
                open(now);
                return Transition.NONE;
            }
            case OPEN -> {
                return Transition.NONE;
            }
            default -> {
                consecutiveFailures++;
                if (consecutiveFailures < threshold) {
                    return Transition.NONE;
                }
                open(now);
                return Transition.OPENED;
            }
        }
    }

    private void open(long now) {
        long backoff = backoffNanos;
        for (int i = 0; i < trips && backoff < maxBackoffNanos; i++) {
            backoff *= 2;
        }
        trips++;
        state = State.OPEN;
        retryAt = now + Math.min(backoff, maxBackoffNanos);
    }

    /** Nanos from now until a probe is due (0 if due or not open). */
    public long nanosUntilProbe(long now) {
        return state == State.OPEN ? Math.max(0, retryAt - now) : 0;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public String lastError() {
        return lastError;
    }
}
