package io.mmplatform.pricefeed.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price of one instrument from one source (pyth, injective, hyperliquid ...), exact, before aggregation into
 * the reference.
 *
 * @param confidence       the source's confidence interval (Pyth conf), or null when the source has none
 * @param sourceTimeMs     when the source says the price was made (epoch millis); a source without its own time
 *                         uses the receive time
 * @param receiveTimeNanos when price-feed received it (epoch nanos)
 */
public record SourcePrice(String source, String instrument, BigDecimal price, BigDecimal confidence,
                          long sourceTimeMs, long receiveTimeNanos) {
    public SourcePrice {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(instrument, "instrument");
        if (price == null || price.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive, got " + price);
        }
    }
}
