package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import io.mmplatform.quoting.domain.Strategy;

/**
 * Avellaneda-Stoikov style quoting: a reservation price shifted against the inventory, a spread widened by
 * volatility and funding, in E8 fixed point.
 *
 * <p>Units (all offsets in bps of the mid m, added before one rounding per price):
 * <ul>
 *   <li>sigma: population standard deviation of the log returns between consecutive mid samples (one sample per
 *       sample-interval-ms at most, the last volatility-window samples), as sigma_bps = sigma x 10000; 0 until
 *       there are two returns to compare;</li>
 *   <li>q = position / order size, where order size = order-notional-usd / m (unrounded);</li>
 *   <li>shift_bps = q x gamma x sigma_bps^2 x T: gamma per bp, T in sample intervals, so a long position
 *       (q &gt; 0) lowers the reservation price r = m x (1 - shift_bps / 10000);</li>
 *   <li>half_bps = base-spread-bps / 2 + alpha x sigma_bps + beta x |funding_bps| / 3, with funding_bps the
 *       tick's hourly funding rate x 10000 (either sign costs one side, so both widen);</li>
 *   <li>bid level l = m x (1 - (shift + half + l x spacing) / 10000) rounded down, ask level l =
 *       m x (1 + (half + l x spacing - shift) / 10000) rounded up.</li>
 * </ul>
 *
 * <p>Sizes: order-notional-usd / m rounded down to the lot; the side that grows |position| shrinks by
 * size-skew x |position| / max-inventory and is absent at |position| &gt;= max-inventory; each side's levels together
 * stay within max-notional-usd / m (the level that reaches the cap gets the rest, the ones after nothing); every
 * size is rounded down to the lot and an order below min-order-size (or one lot) is dropped.
 */
public final class AvellanedaStoikovStrategy implements Strategy {
    public static final String TYPE = "avellaneda-stoikov";
    private static final long SPLIT = 10_000L; // Fixed.ONE = SPLIT x SPLIT, for the overflow-free division
    private static final long MAX_DIVISOR = Long.MAX_VALUE / SPLIT;

    private final AvellanedaStoikovConfig config;
    private final long lot;
    private final TimeInForce tif;
    private final long minSize;
    private final double[] logMid;
    private long samples;
    private long lastSampleMs;
    private double sigma;

    public AvellanedaStoikovStrategy(AvellanedaStoikovConfig config) {
        this.config = config;
        this.lot = config.lot();
        this.tif = config.tif();
        this.minSize = Math.max(config.minOrderSize(), lot);
        this.logMid = new double[config.volatilityWindow()];
    }

    public static AvellanedaStoikovStrategy create(Params p, long lot) {
        return new AvellanedaStoikovStrategy(AvellanedaStoikovConfig.from(p, lot));
    }

    public AvellanedaStoikovConfig config() {
        return config;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The current volatility: standard deviation of the sampled log returns (a fraction, not bps). */
    public double sigma() {
        return sigma;
    }

    @Override
    public void quote(MarketTick tick, OrderSet out) {
        long m = mid(tick);
        if (m <= 0) {
            return;
        }
        sample(m, tick.nowMs());

        AvellanedaStoikovConfig c = config;
        long position = tick.position();
        double sigmaBps = sigma * 10_000.0;
        double q = (double) position * m / ((double) c.orderNotional() * Fixed.ONE);
        double shift = q * c.riskAversion() * sigmaBps * sigmaBps * c.horizon();
        double half = c.baseSpreadBps() / 2 + c.volatilityFactor() * sigmaBps
                + c.fundingFactor() * Math.abs(tick.fundingRate() * 10_000.0) / 3;

        long base = Fixed.lotsDown(divE8(c.orderNotional(), m), lot);
        long cap = c.maxNotional() > 0 ? Fixed.lotsDown(divE8(c.maxNotional(), m), lot) : Long.MAX_VALUE;
        long absPosition = Math.abs(position);
        double shrink = 1 - c.sizeSkew() * Math.min(1.0, (double) absPosition / c.maxInventory());
        long grown = absPosition >= c.maxInventory() ? 0 : Fixed.scaleDown(base, shrink, lot);
        long bidSize = position > 0 ? grown : base;
        long askSize = position < 0 ? grown : base;

        long bidLeft = cap;
        long askLeft = cap;
        for (int l = 0; l < c.levels(); l++) {
            double offset = half + l * c.levelSpacingBps();
            long sz = Fixed.lotsDown(Math.min(bidSize, bidLeft), lot);
            if (sz >= minSize) {
                out.add(true, Fixed.belowBps(m, shift + offset), sz, l, tif);
                bidLeft -= sz;
            }
            sz = Fixed.lotsDown(Math.min(askSize, askLeft), lot);
            if (sz >= minSize) {
                out.add(false, Fixed.aboveBps(m, offset - shift), sz, l, tif);
                askLeft -= sz;
            }
        }
    }

    private long mid(MarketTick tick) {
        if (config.priceSource() == AvellanedaStoikovConfig.PriceSource.VENUE && tick.book().twoSided()) {
            return tick.book().mid();
        }
        return tick.reference();
    }

    private void sample(long m, long nowMs) {
        if (samples > 0 && nowMs - lastSampleMs < config.sampleIntervalMs()) {
            return;
        }
        logMid[(int) (samples % logMid.length)] = Math.log(m);
        samples++;
        lastSampleMs = nowMs;
        sigma = volatility();
    }

    /** O(window), no allocation; only run when a sample is taken. */
    private double volatility() {
        int w = logMid.length;
        int count = (int) Math.min(samples, w);
        int returns = count - 1;
        if (returns < 2) {
            return 0;
        }
        int first = (int) ((samples - count) % w);
        double sum = 0;
        for (int j = 1; j <= returns; j++) {
            sum += logMid[(first + j) % w] - logMid[(first + j - 1) % w];
        }
        double mean = sum / returns;
        double sq = 0;
        for (int j = 1; j <= returns; j++) {
            double d = logMid[(first + j) % w] - logMid[(first + j - 1) % w] - mean;
            sq += d * d;
        }
        return Math.sqrt(sq / returns);
    }

    /** floor(a x 10^8 / c) for a &gt;= 0, c &gt; 0, without overflow for any realistic price. */
    static long divE8(long a, long c) {
        if (c > MAX_DIVISOR) {
            return (long) Math.floor((double) a / c * Fixed.ONE);
        }
        long whole = a / c;
        long t = a % c * SPLIT;
        long mid = t / c;
        long low = t % c * SPLIT / c;
        return whole * Fixed.ONE + mid * SPLIT + low;
    }
}
