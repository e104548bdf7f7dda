package io.mmplatform.execution.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Limits of the pre-trade checks.
 *
 * @param priceBandBps      max distance of an order's price from the intent's reference on the adverse side (a buy
 *                          above it, a sell below it), in bps
 * @param passiveBandBps    max distance on the passive side (a buy below the reference, a sell above it), in bps: wide
 *                          enough for deep ladders and for walking a market that sits far from the reference, still
 *                          a guard against a price off by a decimal place
 * @param maxOrderNotional  max price x size of one order (quote currency)
 * @param maxOpenOrders     max live orders of one wallet in one market
 */
public record CheckLimits(BigDecimal priceBandBps, BigDecimal passiveBandBps, BigDecimal maxOrderNotional,
                          int maxOpenOrders) {
    public CheckLimits {
        Objects.requireNonNull(priceBandBps, "priceBandBps");
        Objects.requireNonNull(passiveBandBps, "passiveBandBps");
        Objects.requireNonNull(maxOrderNotional, "maxOrderNotional");
        if (priceBandBps.signum() <= 0) {
            throw new IllegalArgumentException("priceBandBps must be positive, got " + priceBandBps);
        }
        if (passiveBandBps.compareTo(priceBandBps) < 0) {
            throw new IllegalArgumentException("passiveBandBps must be at least priceBandBps, got " + passiveBandBps);
        }
        if (maxOrderNotional.signum() <= 0) {
            throw new IllegalArgumentException("maxOrderNotional must be positive, got " + maxOrderNotional);
        }
        if (maxOpenOrders <= 0) {
            throw new IllegalArgumentException("maxOpenOrders must be positive, got " + maxOpenOrders);
        }
    }
}
