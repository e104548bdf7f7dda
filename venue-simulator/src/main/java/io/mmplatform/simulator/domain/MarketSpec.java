package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One perpetual market. Prices are kept as a whole number of ticks (tick = 10^-(6 - szDecimals)) and sizes as a
 * whole number of lots (lot = 10^-szDecimals), so price x size in ticks x lots is the notional in micro-USDC.
 *
 * @param name          coin name as the venue spells it (BTC)
 * @param szDecimals    decimals allowed in a size
 * @param startPrice    the reference price at the start of the simulation
 * @param maxLeverage   shown in meta and clearinghouseState
 * @param feedId        Pyth feed id of the reference, 64 lowercase hex chars without 0x
 */
public record MarketSpec(String name, int szDecimals, BigDecimal startPrice, int maxLeverage, String feedId) {
    public static final int PRICE_DECIMALS = 6;

    public MarketSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("market name must not be blank");
        }
        if (szDecimals < 0 || szDecimals > PRICE_DECIMALS) {
            throw new IllegalArgumentException("szDecimals of " + name + " must be within 0.." + PRICE_DECIMALS
                    + ", got " + szDecimals);
        }
        Objects.requireNonNull(startPrice, "startPrice");
        if (startPrice.signum() <= 0) {
            throw new IllegalArgumentException("start price of " + name + " must be positive, got " + startPrice);
        }
        if (maxLeverage <= 0) {
            throw new IllegalArgumentException("maxLeverage of " + name + " must be positive, got " + maxLeverage);
        }
        Objects.requireNonNull(feedId, "feedId");
        feedId = feedId.toLowerCase().startsWith("0x") ? feedId.substring(2).toLowerCase() : feedId.toLowerCase();
        if (!feedId.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("feed id of " + name + " must be 64 hex chars, got " + feedId);
        }
    }

    /** Decimals of a price tick. */
    public int priceScale() {
        return PRICE_DECIMALS - szDecimals;
    }

    /** The price of a number of ticks, as an exact decimal. */
    public BigDecimal price(long ticks) {
        return BigDecimal.valueOf(ticks, priceScale());
    }

    /** The size of a number of lots, as an exact decimal. */
    public BigDecimal size(long lots) {
        return BigDecimal.valueOf(lots, szDecimals);
    }

    /** Whole ticks of a price; ArithmeticException when the price is not on the tick grid. */
    public long ticks(BigDecimal price) {
        return price.movePointRight(priceScale()).longValueExact();
    }

    /** Whole lots of a size; ArithmeticException when the size is not a whole number of lots. */
    public long lots(BigDecimal size) {
        return size.movePointRight(szDecimals).longValueExact();
    }
}
