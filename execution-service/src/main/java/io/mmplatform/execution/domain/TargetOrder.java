package io.mmplatform.execution.domain;

import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;

import java.math.BigDecimal;
import java.util.Objects;

/** A desired order already on the venue's tick and lot. */
public record TargetOrder(String levelId, Side side, BigDecimal price, BigDecimal size, TimeInForce tif) {
    public TargetOrder {
        Objects.requireNonNull(levelId, "levelId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
        tif = tif == null ? TimeInForce.GTC : tif;
    }

    public BigDecimal notional() {
        return price.multiply(size);
    }
}
