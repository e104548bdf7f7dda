package io.mmplatform.common.messages;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One order of a quote intent. Price and size are exact but not yet on the venue's tick and lot:
 * execution rounds them at the venue boundary, in the safe direction.
 *
 * @param levelId stable name of the ladder slot (b0, b1, a0 ...), so execution can tell a moved level from a new one
 */
public record DesiredOrder(String levelId, Side side, BigDecimal price, BigDecimal size, TimeInForce tif) {
    public DesiredOrder {
        Require.text(levelId, "levelId");
        Objects.requireNonNull(side, "side");
        Require.positive(price, "price");
        Require.positive(size, "size");
        tif = tif == null ? TimeInForce.GTC : tif;
    }
}
