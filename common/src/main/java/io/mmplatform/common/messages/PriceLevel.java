package io.mmplatform.common.messages;

import java.math.BigDecimal;
import java.util.Objects;

/** One level of an L2 book: price, total size resting there, number of orders. */
public record PriceLevel(BigDecimal price, BigDecimal size, int orders) {
    public PriceLevel {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
    }
}
