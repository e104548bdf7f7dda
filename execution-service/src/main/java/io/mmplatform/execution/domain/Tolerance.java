package io.mmplatform.execution.domain;

import io.mmplatform.common.Decimals;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How far a live order may be from a desired one and still be kept: price within {@code priceBps} basis points of
 * the desired price, remaining size within {@code sizeFraction} of the desired size.
 */
public record Tolerance(BigDecimal priceBps, BigDecimal sizeFraction) {
    public Tolerance {
        Objects.requireNonNull(priceBps, "priceBps");
        Objects.requireNonNull(sizeFraction, "sizeFraction");
        if (priceBps.signum() < 0) {
            throw new IllegalArgumentException("priceBps must be >= 0, got " + priceBps);
        }
        if (sizeFraction.signum() < 0) {
            throw new IllegalArgumentException("sizeFraction must be >= 0, got " + sizeFraction);
        }
    }

    public boolean priceWithin(BigDecimal live, BigDecimal desired) {
        return Decimals.diffBps(live, desired).abs().compareTo(priceBps) <= 0;
    }

    public boolean sizeWithin(BigDecimal live, BigDecimal desired) {
        return live.subtract(desired).abs().compareTo(desired.multiply(sizeFraction)) <= 0;
    }
}
