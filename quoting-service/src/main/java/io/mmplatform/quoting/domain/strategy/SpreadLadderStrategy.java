package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import io.mmplatform.quoting.domain.Strategy;

/**
 * A symmetric ladder around a base price, skewed by inventory, in E8 fixed point.
 *
 * <p>With q = position / maxPosition clamped to [-1, 1] and shift = -skewBps x q:
 * <ul>
 *   <li>bid level i sits at base x (1 + (shift - spread/2 - i x spacing) / 10000), rounded down; ask level i at
 *       base x (1 + (shift + spread/2 + i x spacing) / 10000), rounded up;</li>
 *   <li>the side that would grow the position has its sizes multiplied by (1 - sizeSkew x |q|), rounded down to the
 *       lot; a level below one lot is dropped; at |position| >= maxPosition that side is not quoted at all;</li>
 *   <li>with order-notional, the size is notional / base, rounded down to the lot.</li>
 * </ul>
 *
 * <p>The base is the current reference, except with max-deviation-bps: then the base is the reference at which the
 * quotes were placed (the anchor), so prices stay put while the reference wanders within the deviation (that is
 * what the rule is for: no re-quoting on every small move). When the reference is more than max-deviation-bps away
 * from the anchor, this tick emits nothing (the quotes are pulled) and the next tick re-anchors at its reference.
 * Inventory still acts on every tick (a fill changes the skew and sizes at once; max-position must remove the
 * growing side immediately), so with an unchanged position the emitted prices are exactly the same.
 * Without a reference (0) nothing is quoted and the anchor is forgotten.
 */
public final class SpreadLadderStrategy implements Strategy {
    public static final String TYPE = "ladder";
    private static final long SPLIT = 10_000L; // Fixed.ONE = SPLIT x SPLIT, for the overflow-free notional division

    private final SpreadLadderConfig config;
    private long anchor;

    public SpreadLadderStrategy(SpreadLadderConfig config) {
        this.config = config;
    }

    public static SpreadLadderStrategy create(Params p, long lot) {
        return new SpreadLadderStrategy(SpreadLadderConfig.from(p, lot));
    }

    public SpreadLadderConfig config() {
        return config;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void quote(MarketTick tick, OrderSet out) {
        long reference = tick.reference();
        if (reference <= 0) {
            anchor = 0;
            return;
        }
        long base = reference;
        if (config.maxDeviationBps() > 0) {
            if (anchor == 0) {
                anchor = reference;
            } else if (Math.abs(Fixed.diffBps(reference, anchor)) > config.maxDeviationBps()) {
                anchor = 0;
                return;
            }
            base = anchor;
        }
        ladder(base, tick.position(), tick.lot(), out);
    }

    private void ladder(long base, long position, long lot, OrderSet out) {
        SpreadLadderConfig c = config;
        double q = Math.max(-1.0, Math.min(1.0, (double) position / c.maxPosition()));
        double shift = -c.skewBps() * q;
        double half = c.spreadBps() / 2;
        long size = c.size() > 0 ? c.size() : notionalSize(c.orderNotional(), base);
        double shrink = 1 - c.sizeSkew() * Math.abs(q);
        long bidSize = position > 0 ? Fixed.scaleDown(size, shrink, lot) : Fixed.lotsDown(size, lot);
        long askSize = position < 0 ? Fixed.scaleDown(size, shrink, lot) : Fixed.lotsDown(size, lot);
        if (position < c.maxPosition() && bidSize > 0) {
            for (int i = 0; i < c.levels(); i++) {
                double offset = half + i * c.levelSpacingBps();
                out.add(true, Fixed.belowBps(base, offset - shift), bidSize, i, c.tif());
            }
        }
        if (position > -c.maxPosition() && askSize > 0) {
            for (int i = 0; i < c.levels(); i++) {
                double offset = half + i * c.levelSpacingBps();
                out.add(false, Fixed.aboveBps(base, offset + shift), askSize, i, c.tif());
            }
        }
    }

    /**
     * floor(notional x ONE / price), exact in longs: ONE is applied in two steps of 10^4 so the remainders never
     * overflow (for prices below about 9.2 x 10^6 per unit; above that, a double estimate rounded down).
     */
    static long notionalSize(long notional, long price) {
        if (price > Long.MAX_VALUE / SPLIT) {
            return (long) Math.floor((double) notional / price * Fixed.ONE);
        }
        long whole = notional / price;
        long r = notional % price * SPLIT;
        long mid = r / price;
        long low = r % price * SPLIT / price;
        return whole * Fixed.ONE + mid * SPLIT + low;
    }
}
