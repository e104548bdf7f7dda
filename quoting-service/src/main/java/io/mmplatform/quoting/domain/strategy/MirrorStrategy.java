package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Book;
import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import io.mmplatform.quoting.domain.Strategy;

/**
 * Makes a (testnet) market follow the (mainnet) reference. With gap = venue mid vs reference:
 * <ul>
 *   <li>|gap| above the move threshold: only bounded IOC orders that walk the venue price toward the reference;</li>
 *   <li>between the build and move thresholds: a smaller IOC order plus the full staircase;</li>
 *   <li>below the build threshold, or no gap known (venue book empty or one-sided): the full staircase;</li>
 *   <li>below the maintain threshold once the staircase is placed: the previous staircase, of which only levels that
 *       drifted beyond the tolerance are refreshed, a few per tick, nearest to the centre first.</li>
 * </ul>
 * Every staircase bid is below the reference and every ask above it, and an aggressive order never goes beyond the
 * reference, so the output never crosses itself. No allocation per tick.
 */
public final class MirrorStrategy implements Strategy {
    public static final String TYPE = "mirror";
    /** Slot of the aggressive order on its side, apart from the staircase's 0..levels-1. */
    static final int MOVE_LEVEL = OrderSet.CAPACITY - 1;
    /** Far beyond any real size; keeps the exact size arithmetic clear of overflow. */
    private static final long MAX_SIZE = 1L << 60;
    private static final double EXACT_DOUBLE = 0x1.0p51;

    private final MirrorConfig config;
    private final int levels;
    private final double[] offsetsBps;
    private final long[] bidNotional;
    private final long[] askNotional;

    // The staircase as last emitted (size 0 = level dropped, below one lot).
    private final long[] bidPx;
    private final long[] bidSz;
    private final long[] askPx;
    private final long[] askSz;
    private boolean placed;

    public MirrorStrategy(MirrorConfig config) {
        this.config = config;
        this.levels = config.levels();
        this.offsetsBps = config.offsetsBps();
        this.bidNotional = new long[levels];
        this.askNotional = new long[levels];
        for (int i = 0; i < levels; i++) {
            double grown = config.baseSizeNotional() * Math.pow(config.sizeGrowth(), i);
            bidNotional[i] = (long) Math.floor(grown * variation(config, 2 * i));
            askNotional[i] = (long) Math.floor(grown * variation(config, 2 * i + 1));
        }
        this.bidPx = new long[levels];
        this.bidSz = new long[levels];
        this.askPx = new long[levels];
        this.askSz = new long[levels];
    }

    public static MirrorStrategy create(Params p, long lot) {
        return new MirrorStrategy(MirrorConfig.from(p, lot));
    }

    public MirrorConfig config() {
        return config;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void quote(MarketTick tick, OrderSet out) {
        long ref = tick.reference();
        if (ref <= 0) {
            placed = false;
            return;
        }
        Book book = tick.book();
        long mid = book.mid();
        if (mid <= 0) {
            build(ref, tick.lot(), out);
            return;
        }
        double gap = Fixed.diffBps(mid, ref);
        double absGap = Math.abs(gap);
        if (absGap > config.moveThresholdBps()) {
            placed = false;
            move(tick, gap < 0, config.maxMoveNotional(), out);
        } else if (absGap > config.buildThresholdBps()) {
            move(tick, gap < 0, config.gentleMoveNotional(), out);
            build(ref, tick.lot(), out);
        } else if (placed && absGap < config.maintainThresholdBps()) {
            maintain(ref, tick.lot(), out);
        } else {
            build(ref, tick.lot(), out);
        }
    }

    /** One IOC order toward the reference: at most maxAggressionBps beyond the venue's best opposite price. */
    private void move(MarketTick tick, boolean buy, long notional, OrderSet out) {
        long ref = tick.reference();
        long lot = tick.lot();
        long size = lotsFor(notional, ref, lot);
        long maxPosition = config.maxPosition();
        if (maxPosition > 0) {
            long position = tick.position();
            long room = buy ? maxPosition - position : maxPosition + position;
            if (room <= 0) {
                return;
            }
            size = Math.min(size, Fixed.lotsDown(room, lot));
        }
        Book book = tick.book();
        double aggression = config.maxAggressionBps();
        long px;
        if (buy) {
            long bestAsk = book.askPx(0);
            px = Math.min(bestAsk + (long) Math.floor(bestAsk * aggression / 10_000.0), ref);
        } else {
            long bestBid = book.bidPx(0);
            px = Math.max(bestBid - (long) Math.floor(bestBid * aggression / 10_000.0), ref);
        }
        out.add(buy, px, size, MOVE_LEVEL, TimeInForce.IOC);
    }

    /** Every level at its target. */
    private void build(long ref, long lot, OrderSet out) {
        TimeInForce tif = config.restingTif();
        for (int i = 0; i < levels; i++) {
            long bp = Fixed.belowBps(ref, offsetsBps[i]);
            long bs = lotsFor(bidNotional[i], ref, lot);
            bidPx[i] = bp;
            bidSz[i] = bs;
            out.add(true, bp, bs, i, tif);
            long ap = Fixed.aboveBps(ref, offsetsBps[i]);
            long as = lotsFor(askNotional[i], ref, lot);
            askPx[i] = ap;
            askSz[i] = as;
            out.add(false, ap, as, i, tif);
        }
        placed = true;
    }

    /**
     * Keeps each level's previous order unless it drifted beyond the tolerance from its target; changes at most
     * maxUpdatesPerTick of them, nearest first, except a level that would be on the wrong side of the reference,
     * which is always refreshed (never a crossed book).
     */
    private void maintain(long ref, long lot, OrderSet out) {
        TimeInForce tif = config.restingTif();
        double tolerance = ref * config.levelToleranceBps() / 10_000.0;
        int budget = config.maxUpdatesPerTick();
        for (int i = 0; i < levels; i++) {
            long target = Fixed.belowBps(ref, offsetsBps[i]);
            long px = bidPx[i];
            long sz = bidSz[i];
            boolean safe = px < ref;
            if (!safe || sz == 0 || Math.abs(px - target) > tolerance) {
                if (!safe || budget > 0) {
                    long newSz = lotsFor(bidNotional[i], ref, lot);
                    if (newSz != sz || target != px) {
                        budget--;
                        bidPx[i] = px = target;
                        bidSz[i] = sz = newSz;
                    }
                }
            }
            out.add(true, px, sz, i, tif);

            target = Fixed.aboveBps(ref, offsetsBps[i]);
            px = askPx[i];
            sz = askSz[i];
            safe = px > ref;
            if (!safe || sz == 0 || Math.abs(px - target) > tolerance) {
                if (!safe || budget > 0) {
                    long newSz = lotsFor(askNotional[i], ref, lot);
                    if (newSz != sz || target != px) {
                        budget--;
                        askPx[i] = px = target;
                        askSz[i] = sz = newSz;
                    }
                }
            }
            out.add(false, px, sz, i, tif);
        }
    }

    /** {@link #sizeOf} rounded down to the lot. */
    static long lotsFor(long notional, long price, long lot) {
        if (notional <= 0 || price <= 0) {
            return 0;
        }
        // The double quotient is within one unit of the exact one below 2^51, so when it is not within one unit of
        // a lot boundary it rounds to the same number of lots; otherwise take the exact path.
        double estimate = (double) notional * Fixed.ONE / price;
        if (estimate < EXACT_DOUBLE) {
            long size = (long) estimate;
            long rem = size % lot;
            if (rem >= 1 && rem < lot - 1) {
                return size - rem;
            }
        }
        return Fixed.lotsDown(sizeOf(notional, price), lot);
    }

    /**
     * floor(notional x 10^8 / price): the size (E8) worth at most notional (E8) at price (E8). The double estimate
     * is corrected with exact 128-bit products, so the result never exceeds the notional.
     */
    static long sizeOf(long notional, long price) {
        if (notional <= 0 || price <= 0) {
            return 0;
        }
        double estimate = (double) notional * Fixed.ONE / price;
        if (estimate >= MAX_SIZE) {
            return MAX_SIZE;
        }
        long size = (long) estimate;
        while (size > 0 && compareProducts(size, price, notional, Fixed.ONE) > 0) {
            size--;
        }
        while (compareProducts(size + 1, price, notional, Fixed.ONE) <= 0) {
            size++;
        }
        return size;
    }

    /** Compares a x b with c x d exactly, for non-negative operands. */
    private static int compareProducts(long a, long b, long c, long d) {
        long hi1 = Math.multiplyHigh(a, b);
        long hi2 = Math.multiplyHigh(c, d);
        if (hi1 != hi2) {
            return hi1 < hi2 ? -1 : 1;
        }
        return Long.compareUnsigned(a * b, c * d);
    }

    /** 1 +/- sizeJitter, a pure function of (seed, slot): the same level keeps the same size on every tick. */
    private static double variation(MirrorConfig config, int slot) {
        long z = config.seed() + (slot + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        double unit = (z >>> 11) * 0x1.0p-53;
        return 1 + config.sizeJitter() * (2 * unit - 1);
    }
}
