package io.mmplatform.quoting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point money for the strategies' hot path: prices and sizes are longs in units of 10^-8 (E8). Exact to
 * add, compare and convert; a relative move (bps) is a model output, applied with rounding in the safe direction
 * (a bid never ends up higher, an ask never lower, a size never larger than the exact value).
 */
public final class Fixed {
    public static final int SCALE = 8;
    public static final long ONE = 100_000_000L;

    /** An exact E8 value; more than 8 decimals is an error (nothing the platform prices is finer). */
    public static long of(BigDecimal value) {
        return value.movePointRight(SCALE).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }

    /** E8, rounding extra decimals in the given direction (FLOOR for bids and sizes, CEILING for asks). */
    public static long of(BigDecimal value, RoundingMode mode) {
        return value.movePointRight(SCALE).setScale(0, mode).longValueExact();
    }

    /** Parses a decimal literal ("0.01") to E8, exactly. */
    public static long of(String decimal) {
        return of(new BigDecimal(decimal));
    }

    public static BigDecimal toDecimal(long e8) {
        return BigDecimal.valueOf(e8, SCALE).stripTrailingZeros();
    }

    /** price x (1 - bps / 10000), rounded down: a bid moved away from the mid. */
    public static long belowBps(long price, double bps) {
        return price - (long) Math.ceil(price * bps / 10_000.0);
    }

    /** price x (1 + bps / 10000), rounded up: an ask moved away from the mid. */
    public static long aboveBps(long price, double bps) {
        return price + (long) Math.ceil(price * bps / 10_000.0);
    }

    /** (a - b) / b in bps. */
    public static double diffBps(long a, long b) {
        return (a - b) * 10_000.0 / b;
    }

    /** Rounds a size down to a whole number of lots (0 if below one lot). */
    public static long lotsDown(long size, long lot) {
        return size <= 0 ? 0 : size - size % lot;
    }

    /** value x factor for a model factor (e.g. a size skew), rounded down to the lot. */
    public static long scaleDown(long value, double factor, long lot) {
        if (factor <= 0) {
            return 0;
        }
        return lotsDown((long) Math.floor(value * factor), lot);
    }

    private Fixed() {
    }
}
