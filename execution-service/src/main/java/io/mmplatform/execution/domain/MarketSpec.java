package io.mmplatform.execution.domain;

import io.mmplatform.common.hyperliquid.HyperliquidWire;
import io.mmplatform.common.messages.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One market as the venue describes it (Hyperliquid meta): its asset index for the wire and its size decimals,
 * from which the venue's price rules follow (5 significant figures, at most 6 - szDecimals decimals for perps).
 */
public record MarketSpec(String name, int assetIndex, int szDecimals, boolean perp) {
    public MarketSpec {
        Objects.requireNonNull(name, "name");
        if (assetIndex < 0) {
            throw new IllegalArgumentException("assetIndex must be >= 0, got " + assetIndex);
        }
        if (szDecimals < 0) {
            throw new IllegalArgumentException("szDecimals must be >= 0, got " + szDecimals);
        }
    }

    /**
     * The venue-valid price in the safe direction: a bid never pays more than asked for (rounded down),
     * an ask never sells for less (rounded up).
     */
    public BigDecimal roundPrice(Side side, BigDecimal price) {
        RoundingMode mode = side == Side.BUY ? RoundingMode.DOWN : RoundingMode.UP;
        return HyperliquidWire.roundPrice(price, szDecimals, perp, mode);
    }

    /** The size on the venue's lot, rounded down: never more than wanted. May be zero. */
    public BigDecimal roundSize(BigDecimal size) {
        return HyperliquidWire.roundSize(size, szDecimals, RoundingMode.DOWN);
    }
}
