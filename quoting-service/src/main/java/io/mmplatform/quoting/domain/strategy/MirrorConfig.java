package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.InvalidDefinitionException;
import io.mmplatform.quoting.domain.Params;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Parameters of the mirror strategy (a testnet market made to follow the mainnet reference). Model quantities are
 * doubles; money (notionals, in quote currency) and sizes are E8.
 *
 * @param levels               staircase levels per side (28..66)
 * @param firstLevelBps        distance of level 0 from the reference
 * @param baseSpacingBps       distance between level 0 and level 1
 * @param spacingGrowth        factor by which the spacing grows from one band to the next (>= 1)
 * @param bandSize             levels sharing one spacing (1 = the spacing grows at every level)
 * @param baseSizeNotional     quote-currency value of level 0, E8
 * @param sizeGrowth           factor by which the notional grows from one level to the next
 * @param sizeJitter           relative size variation per level, in [0, 0.9] (0.3 = +/-30%)
 * @param seed                 seed of the size variation (same seed, same book)
 * @param restingTif           time in force of the staircase (GTC or ALO)
 * @param moveThresholdBps     |gap| above which only aggressive orders are sent
 * @param buildThresholdBps    |gap| above which a gentle aggressive order accompanies the staircase
 * @param maintainThresholdBps |gap| below which a placed staircase is only maintained
 * @param maxAggressionBps     how far beyond the venue's best opposite price an aggressive order may go
 * @param maxMoveNotional      quote-currency value of the aggressive order in move mode, E8
 * @param gentleMoveNotional   quote-currency value of the aggressive order between the thresholds, E8
 * @param levelToleranceBps    drift from its target below which a maintained level keeps its price
 * @param maxUpdatesPerTick    levels (both sides together) a maintained staircase may change per tick
 * @param maxPosition          |position| at which aggressive orders that grow it stop, E8; 0 = no limit
 * @param lot                  the market's lot at definition time, E8 (the tick's lot is used when quoting)
 */
public record MirrorConfig(int levels, double firstLevelBps, double baseSpacingBps, double spacingGrowth, int bandSize,
                           long baseSizeNotional, double sizeGrowth, double sizeJitter, long seed,
                           TimeInForce restingTif, double moveThresholdBps, double buildThresholdBps,
                           double maintainThresholdBps, double maxAggressionBps, long maxMoveNotional,
                           long gentleMoveNotional, double levelToleranceBps, int maxUpdatesPerTick, long maxPosition,
                           long lot) {
    public static final int MIN_LEVELS = 28;
    public static final int MAX_LEVELS = 66;

    /** The staircase's time in force as a definition may write it. */
    public enum RestingTif {
        GTC, ALO
    }

    public static MirrorConfig from(Params p, long lot) {
        if (lot <= 0) {
            throw new IllegalArgumentException("lot must be positive, got " + lot);
        }
        int levels = p.integer("levels", 40, MIN_LEVELS, MAX_LEVELS);
        double first = p.positive("first-level-bps", "5").doubleValue();
        double spacing = p.positive("base-spacing-bps", "3").doubleValue();
        double spacingGrowth = p.between("spacing-growth", "1.06", "1", "2").doubleValue();
        int bandSize = p.integer("band-size", 1, 1, MAX_LEVELS);
        long baseNotional = money(p, "base-size-notional", "200", true);
        double sizeGrowth = p.between("size-growth", "1.03", "1", "2").doubleValue();
        double jitter = p.between("size-jitter", "0.3", "0", "0.9").doubleValue();
        long seed = p.longValue("seed", 7, Long.MIN_VALUE, Long.MAX_VALUE);
        TimeInForce tif = p.choice("tif", RestingTif.class, RestingTif.GTC) == RestingTif.ALO
                ? TimeInForce.ALO : TimeInForce.GTC;
        double movePct = p.positive("move-threshold-pct", "15").doubleValue();
        double buildPct = p.nonNegative("build-threshold-pct", "5").doubleValue();
        if (buildPct >= movePct) {
            throw new InvalidDefinitionException(p.path("build-threshold-pct"),
                    "must be below move-threshold-pct (" + movePct + "), got " + buildPct);
        }
        double maintainBps = p.nonNegative("maintain-threshold-bps", "20").doubleValue();
        double aggression = p.between("max-aggression-bps", "200", "0", "5000").doubleValue();
        long maxMove = money(p, "max-move-notional", "5000", false);
        double gentleFraction = p.between("gentle-move-fraction", "0.25", "0", "1").doubleValue();
        double tolerance = p.nonNegative("level-tolerance-bps", "10").doubleValue();
        int maxUpdates = p.integer("max-updates-per-tick", 6, 1, 2 * MAX_LEVELS);
        long maxPosition = 0;
        if (p.has("max-position")) {
            BigDecimal v = p.positive("max-position", null);
            try {
                maxPosition = Fixed.of(v);
            } catch (ArithmeticException e) {
                throw new InvalidDefinitionException(p.path("max-position"),
                        "must have at most 8 decimals and fit the platform's range, got " + v.toPlainString());
            }
        }
        double outermost = outermostOffsetBps(levels, first, spacing, spacingGrowth, bandSize);
        if (!(outermost < 10_000)) {
            throw new InvalidDefinitionException(p.path("spacing-growth"), "puts the outermost level "
                    + Math.round(outermost) + " bps from the reference (must stay below 10000)");
        }
        return new MirrorConfig(levels, first, spacing, spacingGrowth, bandSize, baseNotional, sizeGrowth, jitter,
                seed, tif, movePct * 100, buildPct * 100, maintainBps, aggression, maxMove,
                (long) Math.floor(maxMove * gentleFraction), tolerance, maxUpdates, maxPosition, lot);
    }

    /** Distance of each level from the reference, in bps, nearest first. */
    public double[] offsetsBps() {
        double[] offsets = new double[levels];
        double offset = firstLevelBps;
        for (int i = 0; i < levels; i++) {
            offsets[i] = offset;
            offset += baseSpacingBps * Math.pow(spacingGrowth, i / bandSize);
        }
        return offsets;
    }

    private static double outermostOffsetBps(int levels, double first, double spacing, double growth, int band) {
        double offset = first;
        for (int i = 0; i < levels - 1; i++) {
            offset += spacing * Math.pow(growth, i / band);
        }
        return offset;
    }

    private static long money(Params p, String key, String def, boolean positive) {
        BigDecimal v = positive ? p.positive(key, def) : p.nonNegative(key, def);
        try {
            return Fixed.of(v, RoundingMode.FLOOR);
        } catch (ArithmeticException e) {
            throw new InvalidDefinitionException(p.path(key), "is too large, got " + v.toPlainString());
        }
    }
}
