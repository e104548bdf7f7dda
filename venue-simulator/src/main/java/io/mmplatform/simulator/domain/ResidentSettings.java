package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A static ladder of resident liquidity in one market, placed once at start away from the reference and never moved
 * or replenished, so the venue price only comes back to the reference when someone trades through it.
 *
 * @param offsetPct    the ladder's centre is reference x (1 + offsetPct / 100) at start; negative = below
 * @param levels       orders per side
 * @param spacingBps   distance between levels (and from the centre to the first level) in bps of the centre
 * @param sizeNotional notional of each order in USDC (rounded up to whole lots)
 */
public record ResidentSettings(BigDecimal offsetPct, int levels, BigDecimal spacingBps, BigDecimal sizeNotional) {
    public static final int DEFAULT_LEVELS = 20;
    public static final BigDecimal DEFAULT_SPACING_BPS = new BigDecimal("20");
    public static final BigDecimal DEFAULT_SIZE_NOTIONAL = new BigDecimal("500");
    public static final int MAX_LEVELS = 500;

    public ResidentSettings {
        Objects.requireNonNull(offsetPct, "offsetPct");
        Objects.requireNonNull(spacingBps, "spacingBps");
        Objects.requireNonNull(sizeNotional, "sizeNotional");
        String error = check(offsetPct, levels, spacingBps, sizeNotional);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
    }

    /** Null when the values make a ladder, else "<field> <reason>" (field: offsetPct, levels, spacingBps, sizeNotional). */
    public static String check(BigDecimal offsetPct, int levels, BigDecimal spacingBps, BigDecimal sizeNotional) {
        if (offsetPct.compareTo(new BigDecimal("-100")) <= 0 || offsetPct.compareTo(new BigDecimal("1000")) > 0) {
            return "offsetPct must be above -100 and at most 1000, got " + offsetPct.toPlainString();
        }
        if (levels < 1 || levels > MAX_LEVELS) {
            return "levels must be within 1.." + MAX_LEVELS + ", got " + levels;
        }
        if (spacingBps.signum() <= 0) {
            return "spacingBps must be positive, got " + spacingBps.toPlainString();
        }
        // the deepest bid must stay above zero
        if (spacingBps.multiply(BigDecimal.valueOf(levels)).compareTo(new BigDecimal("10000")) >= 0) {
            return "spacingBps x levels must be below 10000 (the deepest bid would not be positive), got "
                    + spacingBps.toPlainString() + " x " + levels;
        }
        if (sizeNotional.signum() <= 0) {
            return "sizeNotional must be positive, got " + sizeNotional.toPlainString();
        }
        return null;
    }

    public static ResidentSettings atOffset(BigDecimal offsetPct) {
        return new ResidentSettings(offsetPct, DEFAULT_LEVELS, DEFAULT_SPACING_BPS, DEFAULT_SIZE_NOTIONAL);
    }
}
