package io.mmplatform.pricefeed.domain;

import java.math.BigDecimal;

/**
 * One parsed Hermes price: price and conf are exact (integer x 10^expo).
 *
 * @param feedId        64 lowercase hex chars, no 0x
 * @param publishTimeMs the source's publish time (Hermes gives unix seconds)
 * @param slot          the Pythnet slot of the update ({@code metadata.slot}), 0 when absent: Pyth publishes
 *                      several updates a second, which share a publish time and differ by slot
 */
public record HermesPrice(String feedId, BigDecimal price, BigDecimal conf, long publishTimeMs, long slot) {
    public HermesPrice(String feedId, BigDecimal price, BigDecimal conf, long publishTimeMs) {
        this(feedId, price, conf, publishTimeMs, 0);
    }

    /** Newer than an update of the same feed published at {@code otherMs} in {@code otherSlot}. */
    public boolean newerThan(long otherMs, long otherSlot) {
        return publishTimeMs > otherMs || publishTimeMs == otherMs && slot > otherSlot;
    }
}
