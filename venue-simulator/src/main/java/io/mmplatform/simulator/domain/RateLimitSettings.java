package io.mmplatform.simulator.domain;

/**
 * Request limits of the venue. Hyperliquid's own values: 1200 weight per minute per IP; per address 10000 requests
 * plus one per USDC traded, cancels up to min(limit + 100000, 2 x limit), and one request per 10 s once exhausted.
 *
 * @param enabled                   false: nothing is limited
 * @param ipWeightPerMinute         REST weight per IP per minute (token bucket refilled continuously)
 * @param addressInitialRequests    requests every address starts with
 * @param addressRequestsPerUsdc    requests earned per USDC of traded volume
 * @param addressCancelExtra        extra requests for actions made only of cancels
 * @param addressThrottledEveryMs   once exhausted, one request per this many ms
 */
public record RateLimitSettings(boolean enabled, long ipWeightPerMinute, long addressInitialRequests,
                                long addressRequestsPerUsdc, long addressCancelExtra, long addressThrottledEveryMs) {
    public RateLimitSettings {
        if (ipWeightPerMinute <= 0 || addressInitialRequests < 0 || addressRequestsPerUsdc < 0
                || addressCancelExtra < 0 || addressThrottledEveryMs <= 0) {
            throw new IllegalArgumentException("rate limit settings out of range");
        }
    }

    /** The venue's numbers. */
    public static RateLimitSettings venue() {
        return new RateLimitSettings(true, 1200, 10_000, 1, 100_000, 10_000);
    }
}
