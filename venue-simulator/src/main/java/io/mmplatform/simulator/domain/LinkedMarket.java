package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An engine market without a reference walk of its own: priced (taker flow, /sim/status) from another market's
 * reference, e.g. Injective's INJ/USDT books following the simulator's INJ.
 *
 * @param minOrderValue the engine's minimum notional for this market (0 when the dialect checks its own)
 */
public record LinkedMarket(MarketSpec spec, String referenceCoin, BigDecimal minOrderValue) {
    public LinkedMarket {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(referenceCoin, "referenceCoin");
        Objects.requireNonNull(minOrderValue, "minOrderValue");
        if (minOrderValue.signum() < 0) {
            throw new IllegalArgumentException("minimum order value must not be negative");
        }
    }
}
