package io.mmplatform.common.hyperliquid;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The venue's number formats on exact decimals.
 * <ul>
 *   <li>Wire strings: at most 8 decimals, no trailing zeros, no trailing dot, never "-0".</li>
 *   <li>Prices: integers are always valid; otherwise at most 5 significant figures and at most
 *       {@code 6 - szDecimals} decimals for perps ({@code 8 - szDecimals} for spot).</li>
 *   <li>Sizes: at most {@code szDecimals} decimals.</li>
 * </ul>
 */
public final class HyperliquidWire {
    public static final int WIRE_DECIMALS = 8;
    public static final int MAX_SIGNIFICANT_FIGURES = 5;
    private static final int PERP_MAX_DECIMALS = 6;
    private static final int SPOT_MAX_DECIMALS = 8;
    private static final BigDecimal INTEGER_ONLY_FROM = BigDecimal.TEN.pow(MAX_SIGNIFICANT_FIGURES);

    /**
     * The wire string of an exact decimal, as the venue's float_to_wire writes it. IllegalArgumentException if the
     * value has non-zero digits beyond the 8th decimal (they would be lost).
     */
    public static String decimalToWire(BigDecimal value) {
        if (value == null) {
            throw new IllegalArgumentException("value is required");
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > WIRE_DECIMALS) {
            throw new IllegalArgumentException("value " + value.toPlainString() + " has more than "
                    + WIRE_DECIMALS + " decimals and would be rounded on the wire");
        }
        if (stripped.signum() == 0) {
            return "0";
        }
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /**
     * The integer the venue hashes for a decimal ({@code value * 10^8}, float_to_int_for_hashing).
     * IllegalArgumentException if the value has more than 8 decimals.
     */
    public static BigInteger floatToIntForHashing(BigDecimal value) {
        return toScaledInteger(value, WIRE_DECIMALS);
    }

    /** {@code value * 10^6} (float_to_usd_int). IllegalArgumentException if the value has more than 6 decimals. */
    public static BigInteger floatToUsdInt(BigDecimal value) {
        return toScaledInteger(value, 6);
    }

    private static BigInteger toScaledInteger(BigDecimal value, int decimals) {
        if (value == null) {
            throw new IllegalArgumentException("value is required");
        }
        BigDecimal scaled = value.movePointRight(decimals);
        try {
            return scaled.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("value " + value.toPlainString() + " has more than " + decimals
                    + " decimals and cannot be hashed exactly");
        }
    }

    /** Maximum number of decimals of a price. */
    public static int maxPriceDecimals(int szDecimals, boolean perp) {
        int max = (perp ? PERP_MAX_DECIMALS : SPOT_MAX_DECIMALS) - szDecimals;
        if (szDecimals < 0 || max < 0) {
            throw new IllegalArgumentException("szDecimals out of range for " + (perp ? "perp" : "spot") + ": "
                    + szDecimals);
        }
        return max;
    }

    /**
     * The valid price nearest to px in the given direction (FLOOR/DOWN for bids, CEILING/UP for asks; HALF_* for
     * the nearest). px must be positive. The result has no trailing zeros.
     */
    public static BigDecimal roundPrice(BigDecimal px, int szDecimals, boolean perp, RoundingMode mode) {
        requirePositive(px, "price");
        int maxDecimals = maxPriceDecimals(szDecimals, perp);
        int scale;
        if (px.compareTo(INTEGER_ONLY_FROM) >= 0) {
            scale = 0; // 5 significant figures would be coarser than 1, and integers are always valid
        } else {
            int exponent = px.precision() - px.scale() - 1; // floor(log10(px))
            scale = Math.min(maxDecimals, MAX_SIGNIFICANT_FIGURES - 1 - exponent);
        }
        // Rounding up can reach the next power of ten (one significant figure): still valid.
        return normalize(px.setScale(scale, mode));
    }

    /** Size rounded to szDecimals in the given direction; no trailing zeros. */
    public static BigDecimal roundSize(BigDecimal sz, int szDecimals, RoundingMode mode) {
        if (sz == null) {
            throw new IllegalArgumentException("size is required");
        }
        if (szDecimals < 0) {
            throw new IllegalArgumentException("szDecimals must not be negative: " + szDecimals);
        }
        return normalize(sz.setScale(szDecimals, mode));
    }

    /** Null if px is a valid price, else why not. */
    public static String priceError(BigDecimal px, int szDecimals, boolean perp) {
        if (px == null) {
            return "price is required";
        }
        if (px.signum() <= 0) {
            return "price must be positive, got " + px.toPlainString();
        }
        int maxDecimals;
        try {
            maxDecimals = maxPriceDecimals(szDecimals, perp);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        BigDecimal stripped = px.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return null; // integers are always valid
        }
        if (stripped.scale() > maxDecimals) {
            return "price " + stripped.toPlainString() + " has " + stripped.scale() + " decimals, at most "
                    + maxDecimals + " allowed (szDecimals " + szDecimals + ", " + (perp ? "perp" : "spot") + ")";
        }
        if (stripped.precision() > MAX_SIGNIFICANT_FIGURES) {
            return "price " + stripped.toPlainString() + " has " + stripped.precision()
                    + " significant figures, at most " + MAX_SIGNIFICANT_FIGURES + " allowed unless it is an integer";
        }
        return null;
    }

    /** Null if sz has at most szDecimals decimals, else why not. */
    public static String sizeError(BigDecimal sz, int szDecimals) {
        if (sz == null) {
            return "size is required";
        }
        BigDecimal stripped = sz.stripTrailingZeros();
        if (stripped.scale() > szDecimals) {
            return "size " + stripped.toPlainString() + " has " + stripped.scale() + " decimals, at most "
                    + szDecimals + " allowed";
        }
        return null;
    }

    private static void requirePositive(BigDecimal value, String what) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got "
                    + (value == null ? "null" : value.toPlainString()));
        }
    }

    private static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private HyperliquidWire() {
    }
}
