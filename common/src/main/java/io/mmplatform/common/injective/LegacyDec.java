package io.mmplatform.common.injective;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Cosmos {@code math.LegacyDec} on the wire: the decimal times 10^18 as a base-10 integer string ("36.1" is sent as
 * "36100000000000000000"). Its JSON form is the plain decimal. Input with more than 18 fractional digits is rejected,
 * as the chain does, rather than silently truncated.
 */
public final class LegacyDec {
    public static final int PRECISION = 18;
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    public static String toWire(BigDecimal value) {
        BigDecimal scaled = value.stripTrailingZeros().movePointRight(PRECISION);
        if (scaled.scale() > 0) {
            throw new IllegalArgumentException("decimal " + value.toPlainString() + " has more than " + PRECISION
                    + " fractional digits");
        }
        return scaled.toBigIntegerExact().toString();
    }

    /** Parses the JSON/text form ("36.1", "0.000000000000000001", "-2"); no exponents, no thousands separators. */
    public static String toWire(String decimal) {
        if (decimal == null || !DECIMAL.matcher(decimal).matches()) {
            throw new IllegalArgumentException("not a plain decimal: " + decimal);
        }
        return toWire(new BigDecimal(decimal));
    }

    private LegacyDec() {
    }
}
