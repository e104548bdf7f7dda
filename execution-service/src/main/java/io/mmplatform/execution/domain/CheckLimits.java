package io.mmplatform.execution.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Limits of the pre-trade checks.
 *
 * @param priceBandBps      max distance of an order's price from the intent's reference, in bps
 * @param maxOrderNotional  max price x size of one order (quote currency)
 * @param maxOpenOrders     max live orders of one wallet in one market
 */
public record CheckLimits(BigDecimal priceBandBps, BigDecimal maxOrderNotional, int maxOpenOrders) {
    public CheckLimits {
        Objects.requireNonNull(priceBandBps, "priceBandBps");
        Objects.requireNonNull(maxOrderNotional, "maxOrderNotional");
        if (priceBandBps.signum() <= 0) {
            throw new IllegalArgumentException("priceBandBps must be positive, got " + priceBandBps);
        }
        if (maxOrderNotional.signum() <= 0) {
            throw new IllegalArgumentException("maxOrderNotional must be positive, got " + maxOrderNotional);
        }
        if (maxOpenOrders <= 0) {
            throw new IllegalArgumentException("maxOpenOrders must be positive, got " + maxOpenOrders);
        }
    }
}
