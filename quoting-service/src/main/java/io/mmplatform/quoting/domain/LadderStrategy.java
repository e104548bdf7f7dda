package io.mmplatform.quoting.domain;

import io.mmplatform.common.Decimals;
import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A symmetric ladder around the reference, skewed by inventory. Pure function: same inputs, same orders.
 *
 * <p>With q = position / maxPosition clamped to [-1, 1]:
 * <ul>
 *   <li>level i of the bids sits at reference x (1 + (shift - spread/2 - i x spacing) / 10000), asks at
 *       reference x (1 + (shift + spread/2 + i x spacing) / 10000), where shift = -skewBps x q: a long position
 *       moves both sides down (the ask becomes likelier to fill, the bid less), a short one up;</li>
 *   <li>the side that would grow the position (bids when long, asks when short) has its sizes multiplied by
 *       (1 - sizeSkew x |q|), rounded down to the lot; a level below one lot is dropped;</li>
 *   <li>at |position| >= maxPosition that side is not quoted at all.</li>
 * </ul>
 * Prices are exact decimals, not yet on the venue's tick: execution rounds them (bids down, asks up).
 */
public final class LadderStrategy {
    public static final String NAME = "ladder";

    public static List<DesiredOrder> quote(BigDecimal reference, LadderConfig config, BigDecimal position) {
        if (reference == null || reference.signum() <= 0) {
            throw new IllegalArgumentException("reference must be positive, got " + reference);
        }
        BigDecimal pos = position == null ? BigDecimal.ZERO : position;
        BigDecimal q = pos.divide(config.maxPosition(), Decimals.MC);
        if (q.compareTo(BigDecimal.ONE) > 0) {
            q = BigDecimal.ONE;
        } else if (q.compareTo(BigDecimal.ONE.negate()) < 0) {
            q = BigDecimal.ONE.negate();
        }
        BigDecimal shiftBps = config.skewBps().multiply(q).negate();
        BigDecimal half = config.spreadBps().divide(BigDecimal.valueOf(2));
        boolean quoteBids = pos.compareTo(config.maxPosition()) < 0;
        boolean quoteAsks = pos.compareTo(config.maxPosition().negate()) > 0;
        BigDecimal shrink = BigDecimal.ONE.subtract(config.sizeSkew().multiply(q.abs()));
        BigDecimal bidSize = lots(pos.signum() > 0 ? config.size().multiply(shrink) : config.size(), config.lotSize());
        BigDecimal askSize = lots(pos.signum() < 0 ? config.size().multiply(shrink) : config.size(), config.lotSize());

        List<DesiredOrder> bids = new ArrayList<>();
        List<DesiredOrder> asks = new ArrayList<>();
        for (int i = 0; i < config.levels(); i++) {
            BigDecimal offset = half.add(config.levelSpacingBps().multiply(BigDecimal.valueOf(i)));
            if (quoteBids && bidSize.signum() > 0) {
                BigDecimal px = Decimals.shiftBps(reference, shiftBps.subtract(offset)).stripTrailingZeros();
                if (px.signum() > 0) {
                    bids.add(new DesiredOrder("b" + i, Side.BUY, px, bidSize, config.tif()));
                }
            }
            if (quoteAsks && askSize.signum() > 0) {
                BigDecimal px = Decimals.shiftBps(reference, shiftBps.add(offset)).stripTrailingZeros();
                if (px.signum() > 0) {
                    asks.add(new DesiredOrder("a" + i, Side.SELL, px, askSize, config.tif()));
                }
            }
        }
        List<DesiredOrder> all = new ArrayList<>(bids);
        all.addAll(asks);
        return List.copyOf(all);
    }

    private static BigDecimal lots(BigDecimal size, BigDecimal lot) {
        if (size.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return Decimals.toStep(size, lot, RoundingMode.DOWN);
    }

    private LadderStrategy() {
    }
}
