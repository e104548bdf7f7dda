package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.util.Random;

/**
 * A seeded random walk with jumps for one market's reference price. Integer arithmetic on price x 10^8 with moves
 * in millionths of the price, so a seed gives the same path on every JVM (java.util.Random is specified exactly).
 * The random stream of a market depends only on the seed and the market's name.
 */
public final class ReferenceWalk {
    private static final long MILLIONTH = 1_000_000L;
    private static final int EMA_PERIOD = 30;

    private final MarketSpec market;
    private final Random random;
    private final long volatilityMillionths;
    private final double jumpProbability;
    private final long jumpMillionths;
    private final long confMillionths;
    private final long floorE8;
    private final long ceilingE8;
    private long priceE8;
    private long emaE8;

    public ReferenceWalk(MarketSpec market, long seed, ReferenceSettings settings) {
        this.market = market;
        this.random = new Random(seed * 1_000_003L + market.name().hashCode());
        this.volatilityMillionths = settings.volatilityBps().movePointRight(2).longValue();
        this.jumpProbability = settings.jumpProbability().doubleValue();
        this.jumpMillionths = settings.jumpBps().movePointRight(2).longValue();
        this.confMillionths = settings.confBps().movePointRight(2).longValue();
        this.priceE8 = market.startPrice().movePointRight(8).longValue();
        this.floorE8 = Math.max(1, priceE8 / 100);
        this.ceilingE8 = priceE8 * 100;
        this.emaE8 = priceE8;
    }

    public MarketSpec market() {
        return market;
    }

    /** One step: Gaussian move, plus a jump with the configured probability. Returns the new price x 10^8. */
    public long step() {
        double gaussian = random.nextGaussian();
        boolean jump = random.nextDouble() < jumpProbability;
        boolean up = random.nextBoolean();
        long move = Math.round(gaussian * volatilityMillionths);
        if (jump) {
            move += up ? jumpMillionths : -jumpMillionths;
        }
        long next = priceE8 + Math.multiplyExact(priceE8, move) / MILLIONTH;
        priceE8 = Math.min(ceilingE8, Math.max(floorE8, next));
        emaE8 += (priceE8 - emaE8) / EMA_PERIOD;
        return priceE8;
    }

    public long priceE8() {
        return priceE8;
    }

    public BigDecimal price() {
        return BigDecimal.valueOf(priceE8, 8);
    }

    public long emaE8() {
        return emaE8;
    }

    public long confE8(long valueE8) {
        return Math.max(1, valueE8 / MILLIONTH * confMillionths);
    }
}
