package io.mmplatform.simulator.domain;

/**
 * Hyperliquid's request budget of one address for /exchange actions: an initial allowance plus one request per
 * {@code usdcPerRequest} of traded volume; every order or cancel in an action counts as one request. Cancels may
 * use more: min(allowance + cancelExtra, 2 x allowance). Once exhausted, one request per {@code throttledEveryMs}
 * is still let through. Not thread-safe.
 */
public final class AddressBudget {
    private final long initial;
    private final long requestsPerUsdc;
    private final long cancelExtra;
    private final long throttledEveryMs;
    private long used;
    private long lastThrottledMs = Long.MIN_VALUE;

    public AddressBudget(long initial, long requestsPerUsdc, long cancelExtra, long throttledEveryMs) {
        if (initial < 0 || requestsPerUsdc < 0 || cancelExtra < 0 || throttledEveryMs <= 0) {
            throw new IllegalArgumentException("budget parameters must not be negative");
        }
        this.initial = initial;
        this.requestsPerUsdc = requestsPerUsdc;
        this.cancelExtra = cancelExtra;
        this.throttledEveryMs = throttledEveryMs;
    }

    /** The allowance of an address that traded this volume (whole USDC). */
    public long allowance(long volumeUsdc) {
        long cap = Long.MAX_VALUE / 4;
        long earned = volumeUsdc <= 0 ? 0
                : volumeUsdc > cap / Math.max(1, requestsPerUsdc) ? cap : volumeUsdc * requestsPerUsdc;
        return Math.min(cap, Math.min(cap, initial) + earned);
    }

    /**
     * Counts {@code requests} against the budget if allowed: within the allowance (the cancel allowance when
     * onlyCancels), or, once exhausted, as the one request per throttle interval. False: refused, nothing counted.
     */
    public boolean tryUse(long requests, boolean onlyCancels, long volumeUsdc, long nowMs) {
        long allowance = allowance(volumeUsdc);
        long limit = onlyCancels ? Math.min(allowance + cancelExtra, 2 * allowance) : allowance;
        if (used + requests <= limit) {
            used += requests;
            return true;
        }
        if (lastThrottledMs == Long.MIN_VALUE || nowMs - lastThrottledMs >= throttledEveryMs) {
            lastThrottledMs = nowMs;
            used += requests;
            return true;
        }
        return false;
    }

    public long used() {
        return used;
    }
}
