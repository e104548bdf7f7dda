package io.mmplatform.simulator.domain;

import java.util.Objects;

/**
 * A limit order as the engine receives it, already on the market's grid.
 *
 * @param address    the account (lowercase 0x address)
 * @param coin       market name
 * @param priceTicks limit price in ticks
 * @param sizeLots   size in lots
 * @param cloid      client order id (0x + 32 hex) or null
 */
public record OrderRequest(String address, String coin, Side side, long priceTicks, long sizeLots, Tif tif,
                           boolean reduceOnly, String cloid) {
    public OrderRequest {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(coin, "coin");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(tif, "tif");
        if (priceTicks <= 0) {
            throw new IllegalArgumentException("price must be positive");
        }
        if (sizeLots <= 0) {
            throw new IllegalArgumentException("size must be positive");
        }
    }
}
