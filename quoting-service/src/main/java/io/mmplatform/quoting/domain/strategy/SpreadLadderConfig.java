package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.InvalidDefinitionException;
import io.mmplatform.quoting.domain.Params;

import java.math.BigDecimal;

/**
 * Parameters of a {@link SpreadLadderStrategy}. Prices and sizes E8, bps as doubles (model quantities).
 *
 * @param spreadBps       best bid to best ask, in bps of the reference (each side at half of it)
 * @param levels          orders per side
 * @param levelSpacingBps distance between two consecutive levels of one side, in bps of the reference
 * @param size            size of every level before skew (base units, E8), or 0 when {@code orderNotional} is used
 * @param orderNotional   value of every level in quote currency (E8), converted with the reference; 0 when {@code size} is used
 * @param maxPosition     |position| at which the side that would grow it is no longer quoted; also the skew's unit
 * @param skewBps         price shift of both sides against the inventory at |position| = maxPosition (linear below)
 * @param sizeSkew        fraction [0,1] by which the growing side's sizes shrink at |position| = maxPosition
 * @param tif             time in force of the orders
 * @param maxDeviationBps 0 = off; otherwise quotes stay at the reference they were placed at until the reference
 *                        moves more than this from it, then they are pulled and re-placed on the next tick
 * @param lot             the market's size step (E8)
 */
public record SpreadLadderConfig(double spreadBps, int levels, double levelSpacingBps, long size, long orderNotional,
                                 long maxPosition, double skewBps, double sizeSkew, TimeInForce tif,
                                 double maxDeviationBps, long lot) {

    public SpreadLadderConfig {
        if (lot <= 0) {
            throw new IllegalArgumentException("lot must be positive, got " + lot);
        }
        if ((size > 0) == (orderNotional > 0)) {
            throw new IllegalArgumentException("exactly one of size and order-notional must be positive");
        }
    }

    public static SpreadLadderConfig from(Params p, long lot) {
        double spread = p.nonNegative("spread-bps", "10").doubleValue();
        int levels = p.integer("levels", 3, 1, 100);
        double spacing = p.nonNegative("level-spacing-bps", "5").doubleValue();
        boolean hasSize = p.has("size");
        boolean hasNotional = p.has("order-notional");
        if (hasSize && hasNotional) {
            throw new InvalidDefinitionException(p.path("order-notional"), "cannot be combined with size: give one");
        }
        if (!hasSize && !hasNotional) {
            throw new InvalidDefinitionException(p.path("size"), "is required (or order-notional)");
        }
        long size = 0;
        long notional = 0;
        if (hasSize) {
            size = e8(p, "size", p.positive("size", null));
            if (size % lot != 0) {
                throw new InvalidDefinitionException(p.path("size"), "must be a multiple of the market's lot "
                        + Fixed.toDecimal(lot).toPlainString() + ", got " + Fixed.toDecimal(size).toPlainString());
            }
        } else {
            notional = e8(p, "order-notional", p.positive("order-notional", null));
        }
        long maxPosition = e8(p, "max-position", p.positive("max-position", null));
        double skew = p.nonNegative("skew-bps", "10").doubleValue();
        double sizeSkew = p.between("size-skew", "0.5", "0", "1").doubleValue();
        TimeInForce tif = p.choice("tif", TimeInForce.class, TimeInForce.ALO);
        double maxDeviation = p.nonNegative("max-deviation-bps", "0").doubleValue();
        if (spread / 2 + (levels - 1) * spacing >= 10_000) {
            throw new InvalidDefinitionException(p.path("spread-bps"),
                    "with levels and level-spacing-bps puts the outermost bid at or below zero");
        }
        return new SpreadLadderConfig(spread, levels, spacing, size, notional, maxPosition, skew, sizeSkew, tif,
                maxDeviation, lot);
    }

    /** A decimal parameter as E8, refused with its field when it has more than 8 decimals or does not fit. */
    static long e8(Params p, String key, BigDecimal value) {
        try {
            return Fixed.of(value);
        } catch (ArithmeticException e) {
            throw new InvalidDefinitionException(p.path(key), "must have at most " + Fixed.SCALE
                    + " decimals and fit the price range, got " + value.toPlainString());
        }
    }
}
