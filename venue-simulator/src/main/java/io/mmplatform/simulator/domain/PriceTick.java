package io.mmplatform.simulator.domain;

import java.math.BigDecimal;

/**
 * One reference price update of one market, in Pyth's terms: integers with exponent -8.
 *
 * @param publishTimeMs     time of this update (millis; Hermes shows seconds)
 * @param prevPublishTimeMs time of the previous update of this feed (millis)
 * @param slot              sequence number of the update across all feeds
 */
public record PriceTick(String coin, String feedId, long priceE8, long confE8, long emaPriceE8, long emaConfE8,
                        long publishTimeMs, long prevPublishTimeMs, long slot) {
    public static final int EXPO = -8;

    public BigDecimal price() {
        return BigDecimal.valueOf(priceE8, -EXPO);
    }
}
