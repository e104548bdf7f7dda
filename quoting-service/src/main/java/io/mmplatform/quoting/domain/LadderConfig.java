package io.mmplatform.quoting.domain;

import io.mmplatform.common.messages.TimeInForce;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Parameters of one symmetric ladder.
 *
 * @param spreadBps       distance between the best bid and the best ask, in bps of the reference (each side sits at half of it)
 * @param levels          number of orders per side
 * @param levelSpacingBps distance between two consecutive levels of one side, in bps of the reference
 * @param size            size of every level before skew
 * @param maxPosition     absolute position at which the side that would grow it is no longer quoted; also the unit of the skew
 * @param skewBps         how far both sides move away from the inventory when |position| = maxPosition (linear below)
 * @param sizeSkew        fraction [0,1] by which the growing side's sizes shrink when |position| = maxPosition (linear below)
 * @param lotSize         the market's size step (10^-szDecimals): sizes are rounded down to it, a level below one lot is dropped
 * @param tif             time in force of the orders
 */
public record LadderConfig(BigDecimal spreadBps, int levels, BigDecimal levelSpacingBps, BigDecimal size,
                           BigDecimal maxPosition, BigDecimal skewBps, BigDecimal sizeSkew, BigDecimal lotSize,
                           TimeInForce tif) {
    public LadderConfig {
        requireNonNegative(spreadBps, "spread-bps");
        if (levels < 1 || levels > 100) {
            throw new IllegalArgumentException("levels must be between 1 and 100, got " + levels);
        }
        requireNonNegative(levelSpacingBps, "level-spacing-bps");
        requirePositive(size, "size");
        requirePositive(maxPosition, "max-position");
        requireNonNegative(skewBps, "skew-bps");
        requireNonNegative(sizeSkew, "size-skew");
        if (sizeSkew.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("size-skew must be between 0 and 1, got " + sizeSkew.toPlainString());
        }
        requirePositive(lotSize, "lot-size");
        if (size.compareTo(lotSize) < 0) {
            throw new IllegalArgumentException("size " + size.toPlainString() + " is below the market's lot "
                    + lotSize.toPlainString());
        }
        if (size.remainder(lotSize).signum() != 0) {
            throw new IllegalArgumentException("size " + size.toPlainString() + " is not a multiple of the market's lot "
                    + lotSize.toPlainString());
        }
        Objects.requireNonNull(tif, "tif");
    }

    /** The lot of a market whose sizes have szDecimals decimals: 10^-szDecimals. */
    public static BigDecimal lotOf(int szDecimals) {
        return BigDecimal.ONE.scaleByPowerOfTen(-szDecimals);
    }

    private static void requirePositive(BigDecimal value, String name) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + (value == null ? "nothing" : value.toPlainString()));
        }
    }

    private static void requireNonNegative(BigDecimal value, String name) {
        if (value == null || value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + (value == null ? "nothing" : value.toPlainString()));
        }
    }
}
