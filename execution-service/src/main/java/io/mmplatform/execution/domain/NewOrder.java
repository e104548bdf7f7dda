package io.mmplatform.execution.domain;

import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;

import java.math.BigDecimal;

/** An order the reconciler wants created, with its deterministic client order id. */
public record NewOrder(String cloid, String levelId, Side side, BigDecimal price, BigDecimal size, TimeInForce tif) {
    public static NewOrder of(String cloid, TargetOrder t) {
        return new NewOrder(cloid, t.levelId(), t.side(), t.price(), t.size(), t.tif());
    }

    public BigDecimal notional() {
        return price.multiply(size);
    }
}
