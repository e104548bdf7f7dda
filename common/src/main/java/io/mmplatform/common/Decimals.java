package io.mmplatform.common;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Exact decimal arithmetic helpers shared by all services. No double ever reaches a venue. */
public final class Decimals {
    public static final BigDecimal BPS = new BigDecimal("10000");
    public static final MathContext MC = MathContext.DECIMAL64;

    /** Rounds to a multiple of step in the given direction (DOWN/FLOOR for bids and sizes, UP/CEILING for asks). */
    public static BigDecimal toStep(BigDecimal value, BigDecimal step, RoundingMode mode) {
        if (step.signum() <= 0) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
        BigDecimal units = value.divide(step, 0, mode);
        return units.multiply(step).stripTrailingZeros();
    }

    /** value x (1 + bps / 10000), exact. */
    public static BigDecimal shiftBps(BigDecimal value, BigDecimal bps) {
        return value.add(value.multiply(bps).divide(BPS, MC));
    }

    /** (a - b) / b in basis points. */
    public static BigDecimal diffBps(BigDecimal a, BigDecimal b) {
        return a.subtract(b).multiply(BPS).divide(b, MC);
    }

    /** A decimal as the platform writes it: plain, no exponent, no trailing zeros. */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private Decimals() {
    }
}
