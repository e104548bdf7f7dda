package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.InvalidDefinitionException;
import io.mmplatform.quoting.domain.Params;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Parameters of a {@link GridStrategy}. Prices E8; margin and leverage stay exact decimals (only read at
 * construction, to size the levels).
 *
 * @param lower       price of the lowest grid level (E8)
 * @param upper       price of the highest grid level (E8), above lower
 * @param levels      number of grid prices, 2..200, both bounds included
 * @param mode        spacing of the grid prices
 * @param direction   which sides the grid opens positions on
 * @param totalMargin quote-currency margin split evenly across the levels
 * @param leverage    multiplies the margin into the notional
 * @param tif         GTC or ALO
 * @param lot         the market's size step (E8)
 */
public record GridConfig(long lower, long upper, int levels, Mode mode, Direction direction, BigDecimal totalMargin,
                         BigDecimal leverage, TimeInForce tif, long lot) {

    /**
     * ARITHMETIC: uniform steps (upper - lower) / (levels - 1). GEOMETRIC: a constant ratio between neighbours,
     * derived so that the top level is exactly upper: price_i = lower x (upper / lower)^(i / (levels - 1)), i.e.
     * ratio = (upper / lower)^(1 / (levels - 1)) - 1. An explicit ratio is not accepted (it would make either the
     * bound or the level count redundant and could disagree with them).
     */
    public enum Mode { ARITHMETIC, GEOMETRIC }

    /** LONG opens with bids only, SHORT with asks only, BOTH with both; counter-orders are always placed. */
    public enum Direction { LONG, SHORT, BOTH }

    public GridConfig {
        if (lower <= 0 || upper <= lower) {
            throw new IllegalArgumentException("need 0 < lower < upper, got " + lower + ", " + upper);
        }
        if (levels < 2 || levels > 200) {
            throw new IllegalArgumentException("levels must be between 2 and 200, got " + levels);
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(direction, "direction");
        if (totalMargin == null || totalMargin.signum() <= 0) {
            throw new IllegalArgumentException("total-margin must be positive");
        }
        if (leverage == null || leverage.signum() <= 0) {
            throw new IllegalArgumentException("leverage must be positive");
        }
        if (tif != TimeInForce.GTC && tif != TimeInForce.ALO) {
            throw new IllegalArgumentException("tif must be gtc or alo, got " + tif);
        }
        if (lot <= 0) {
            throw new IllegalArgumentException("lot must be positive, got " + lot);
        }
    }

    public static GridConfig from(Params p, long lot) {
        long lower = e8(p, "lower", p.positive("lower", null));
        long upper = e8(p, "upper", p.positive("upper", null));
        if (upper <= lower) {
            throw new InvalidDefinitionException(p.path("upper"), "must be above lower ("
                    + Fixed.toDecimal(lower).toPlainString() + "), got " + Fixed.toDecimal(upper).toPlainString());
        }
        if (!p.has("levels")) {
            throw new InvalidDefinitionException(p.path("levels"), "is required");
        }
        int levels = p.integer("levels", 0, 2, 200);
        Mode mode = p.choice("mode", Mode.class, Mode.ARITHMETIC);
        Direction direction = p.choice("direction", Direction.class, Direction.BOTH);
        BigDecimal margin = p.positive("total-margin", null);
        BigDecimal leverage = p.between("leverage", "1", "0.01", "100");
        TimeInForce tif = p.choice("tif", TimeInForce.class, TimeInForce.GTC);
        if (tif == TimeInForce.IOC) {
            throw new InvalidDefinitionException(p.path("tif"), "must be one of [alo, gtc], got 'ioc'");
        }
        if (mode == Mode.ARITHMETIC && upper - lower < levels - 1) {
            throw new InvalidDefinitionException(p.path("levels"), "is too many for the range lower..upper");
        }
        return new GridConfig(lower, upper, levels, mode, direction, margin, leverage, tif, lot);
    }

    private static long e8(Params p, String key, BigDecimal value) {
        try {
            return Fixed.of(value);
        } catch (ArithmeticException e) {
            throw new InvalidDefinitionException(p.path(key), "must have at most " + Fixed.SCALE
                    + " decimals, got " + value.toPlainString());
        }
    }
}
