package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Book;
import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import io.mmplatform.quoting.domain.RecentFills;
import io.mmplatform.quoting.domain.Strategy;
import io.mmplatform.quoting.domain.strategy.MakerControlsConfig.SingleSided;

import java.util.Arrays;

/**
 * Maker-side controls around any strategy: after the inner strategy's quote, in this order,
 * <ol>
 *   <li>single-sided: bid, ask, or auto from the recent fill flow (bought much more than sold: only asks, the mirror
 *       for sold; a chosen side is kept at least side-cooldown-ms; going back to both from a single side waits too,
 *       going from both to a single side does not);</li>
 *   <li>minimum spread = max(fee guard, dynamic percentile of the venue's recent spreads): a side whose best order is
 *       closer to the reference than half of it is pushed out as a whole (relative spacing kept) so its best sits at
 *       the guard;</li>
 *   <li>bail-out and take-profit against the average entry of the position (see below);</li>
 *   <li>inventory skew: every price shifted by -inventory-skew-bps x (position - target) / inventory-unit, clamped;</li>
 *   <li>refresh tolerance: a set with the same orders and sizes as the previous one, every price within the
 *       tolerance of its previous price, is replaced by the previous set (no churn on tiny moves);</li>
 *   <li>price ceiling / floor (Hummingbot semantics: above the ceiling only sell, below the floor only buy): a
 *       reference above the ceiling removes the bids, below the floor the asks; independently no bid is left above
 *       the ceiling and no ask below the floor;</li>
 *   <li>fill delay: a side with a fill in the last fill-delay-ms is not quoted.</li>
 * </ol>
 *
 * <p>Position exits use their own level ids, {@link #BAIL_OUT_LEVEL} and {@link #TAKE_PROFIT_LEVEL}, far above any
 * ladder level, and are left alone by the later steps (skew, ceiling/floor, fill delay act on quotes, not on exits).
 * The entry is the average price of the fills that grew the position since it was last flat (a reducing fill keeps
 * it; one that flips the position starts a new entry at its price). A position the controls did not see open (e.g.
 * held at start-up) takes the first reference seen as its entry; the tick's position is the truth for size and sign.
 * Under water = the reference more than bail-out-bps against the entry. After bail-out-after-ms under water the side
 * that would grow the position is no longer quoted and an IOC of bail-out-fraction of the position is sent at the
 * reference -/+ bail-out-slippage-bps; it is repeated every bail-out-after-ms while still under water (an IOC on every
 * tick would dump the position in a burst). In profit by take-profit-bps, a GTC of take-profit-fraction of the
 * position rests at the reference. Exit sizes are rounded down to the lot, but at least one lot when the position
 * has one.
 */
public final class MakerControls implements Strategy {
    public static final int TAKE_PROFIT_LEVEL = OrderSet.CAPACITY - 1;
    public static final int BAIL_OUT_LEVEL = OrderSet.CAPACITY - 2;
    private static final long NONE = Long.MIN_VALUE;

    private final Strategy inner;
    private final MakerControlsConfig config;

    private SingleSided side = SingleSided.OFF;
    private long sideSinceMs = NONE;

    private final double[] spreadRing;
    private final double[] spreadSorted;
    private int spreadHead;
    private int spreadCount;

    private double entry;
    private long entryPosition;
    private long underWaterSinceMs = NONE;
    private long lastBailOutMs = NONE;

    private int seenCount;
    private long seenTimeMs;
    private boolean seenBuy;
    private long seenPx;
    private long seenSz;
    private long flowValidUntilMs;
    private long bought;
    private long sold;
    private long lastBuyMs = NONE;
    private long lastSellMs = NONE;

    private final OrderSet previous = new OrderSet();
    private boolean hasPrevious;
    private boolean exitsInSet;

    public MakerControls(Strategy inner, MakerControlsConfig config) {
        this.inner = inner;
        this.config = config;
        int samples = config.dynamicSpreadPercentile() > 0 ? config.dynamicSpreadSamples() : 1;
        spreadRing = new double[samples];
        spreadSorted = new double[samples];
    }

    /** The inner strategy with the controls the params configure, or the inner strategy itself if none. */
    public static Strategy wrap(Strategy inner, Params p, long lot) {
        MakerControlsConfig config = MakerControlsConfig.from(p, lot);
        return config.configured() ? new MakerControls(inner, config) : inner;
    }

    public Strategy inner() {
        return inner;
    }

    public MakerControlsConfig config() {
        return config;
    }

    @Override
    public String type() {
        return inner.type();
    }

    @Override
    public java.util.Map<String, String> status() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>(inner.status());
        out.put("single-sided", side.name().toLowerCase(java.util.Locale.ROOT));
        return out;
    }

    @Override
    public String snapshot() {
        return inner.snapshot();
    }

    @Override
    public void restore(String snapshot) {
        inner.restore(snapshot);
    }

    @Override
    public void onFill(long timeMs, boolean buy, long px, long sz) {
        inner.onFill(timeMs, buy, px, sz);
        long signed = buy ? sz : -sz;
        long next = entryPosition + signed;
        if (entryPosition == 0 || Long.signum(entryPosition) == Long.signum(signed)) {
            double held = Math.abs((double) entryPosition);
            entry = entryPosition == 0 ? px : (entry * held + (double) px * sz) / (held + sz);
        } else if (next == 0) {
            entry = 0;
        } else if (Long.signum(next) != Long.signum(entryPosition)) {
            entry = px;
        }
        entryPosition = next;
    }

    @Override
    public void quote(MarketTick tick, OrderSet out) {
        inner.quote(tick, out);
        exitsInSet = false;
        MakerControlsConfig c = config;
        long now = tick.nowMs();
        long reference = tick.reference();
        long position = tick.position();

        if (c.singleSided() != SingleSided.OFF) {
            singleSided(tick, out);
        }
        double minSpread = c.feeGuardBps();
        if (c.dynamicSpreadPercentile() > 0) {
            sampleSpread(tick.book());
            if (spreadCount > 0) {
                minSpread = Math.max(minSpread, spreadPercentile());
            }
        }
        if (reference > 0 && minSpread > 0) {
            guardSpread(out, reference, minSpread);
        }
        trackEntry(position, reference);
        if (reference > 0 && position != 0 && (c.bailOutBps() > 0 || c.takeProfitBps() > 0)) {
            exits(out, now, reference, position, tick.lot());
        }
        if (c.inventorySkewBps() > 0) {
            inventorySkew(out, position);
        }
        if (c.refreshToleranceBps() > 0) {
            if (hasPrevious && withinTolerance(out, previous, c.refreshToleranceBps())) {
                out.copyFrom(previous);
            } else {
                previous.copyFrom(out);
                hasPrevious = true;
            }
            exitsInSet = hasExit(out);
        }
        if (reference > 0 && (c.priceCeiling() > 0 || c.priceFloor() > 0)) {
            ceilingAndFloor(out, reference);
        }
        if (c.fillDelayMs() > 0) {
            scanFills(tick.fills(), now); // the newest fill per side, without a scan per tick
            if (recent(lastBuyMs, now)) {
                removeQuotes(out, true);
            }
            if (recent(lastSellMs, now)) {
                removeQuotes(out, false);
            }
        }
    }

    private boolean recent(long fillMs, long now) {
        return fillMs != NONE && now - fillMs < config.fillDelayMs();
    }

    private void singleSided(MarketTick tick, OrderSet out) {
        SingleSided keep = config.singleSided();
        if (keep == SingleSided.AUTO) {
            keep = autoSide(tick.fills(), tick.nowMs());
        }
        if (keep == SingleSided.BID) {
            removeQuotes(out, false);
        } else if (keep == SingleSided.ASK) {
            removeQuotes(out, true);
        }
    }

    /** OFF = both sides. */
    private SingleSided autoSide(RecentFills fills, long now) {
        scanFills(fills, now);
        double total = (double) bought + sold;
        SingleSided wanted = SingleSided.OFF;
        if (total > 0) {
            double imbalance = (bought - sold) / total;
            if (imbalance > config.flowImbalance()) {
                wanted = SingleSided.ASK;
            } else if (imbalance < -config.flowImbalance()) {
                wanted = SingleSided.BID;
            }
        }
        if (wanted != side && (side == SingleSided.OFF || now - sideSinceMs >= config.sideCooldownMs())) {
            side = wanted;
            sideSinceMs = now;
        }
        return side;
    }

    /**
     * Sizes bought and sold within the flow window and the newest fill of each side. A full scan of the fill memory
     * on every tick would cost microseconds, so the result is kept until a new fill shows up (the newest fill or the
     * count differs) or the oldest counted fill leaves the window.
     */
    private void scanFills(RecentFills fills, long now) {
        int n = fills.size();
        boolean changed = n != seenCount || n > 0 && (fills.timeMs(0) != seenTimeMs || fills.buy(0) != seenBuy
                || fills.px(0) != seenPx || fills.sz(0) != seenSz);
        if (!changed && now < flowValidUntilMs) {
            return;
        }
        seenCount = n;
        if (n > 0) {
            seenTimeMs = fills.timeMs(0);
            seenBuy = fills.buy(0);
            seenPx = fills.px(0);
            seenSz = fills.sz(0);
        }
        long since = now - config.flowWindowMs();
        bought = 0;
        sold = 0;
        lastBuyMs = NONE;
        lastSellMs = NONE;
        flowValidUntilMs = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            long t = fills.timeMs(i);
            boolean buy = fills.buy(i);
            if (t >= since) {
                if (buy) {
                    bought += fills.sz(i);
                } else {
                    sold += fills.sz(i);
                }
                flowValidUntilMs = t + config.flowWindowMs() + 1;
            } else if (lastBuyMs != NONE && lastSellMs != NONE) {
                break;
            }
            if (buy && lastBuyMs == NONE) {
                lastBuyMs = t;
            } else if (!buy && lastSellMs == NONE) {
                lastSellMs = t;
            }
        }
    }

    private void sampleSpread(Book book) {
        if (!book.twoSided()) {
            return;
        }
        double sample = book.spreadBps();
        int capacity = spreadRing.length;
        if (spreadCount == capacity) {
            int at = Arrays.binarySearch(spreadSorted, 0, spreadCount, spreadRing[spreadHead]);
            System.arraycopy(spreadSorted, at + 1, spreadSorted, at, spreadCount - at - 1);
            spreadCount--;
        }
        spreadRing[spreadHead] = sample;
        spreadHead = (spreadHead + 1) % capacity;
        int at = Arrays.binarySearch(spreadSorted, 0, spreadCount, sample);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(spreadSorted, at, spreadSorted, at + 1, spreadCount - at);
        spreadSorted[at] = sample;
        spreadCount++;
    }

    /** Nearest-rank percentile of the remembered spreads (as many as there are so far). */
    private double spreadPercentile() {
        int rank = (int) Math.ceil(config.dynamicSpreadPercentile() / 100.0 * spreadCount);
        return spreadSorted[Math.max(0, Math.min(spreadCount - 1, rank - 1))];
    }

    private static void guardSpread(OrderSet out, long reference, double minSpreadBps) {
        double half = minSpreadBps / 2;
        long bestBid = out.bestBid();
        long guardBid = Fixed.belowBps(reference, half);
        if (bestBid > guardBid) {
            shiftSide(out, true, guardBid - bestBid);
        }
        long bestAsk = out.bestAsk();
        long guardAsk = Fixed.aboveBps(reference, half);
        if (bestAsk > 0 && bestAsk < guardAsk) {
            shiftSide(out, false, guardAsk - bestAsk);
        }
    }

    private static void shiftSide(OrderSet out, boolean buySide, long delta) {
        for (int i = out.size() - 1; i >= 0; i--) {
            if (out.buy(i) == buySide) {
                long px = out.px(i) + delta;
                if (px > 0) {
                    out.px(i, px);
                } else {
                    out.remove(i);
                }
            }
        }
    }

    private void trackEntry(long position, long reference) {
        if (position == 0) {
            entry = 0;
            entryPosition = 0;
            underWaterSinceMs = NONE;
            lastBailOutMs = NONE;
            return;
        }
        if (entry <= 0 || Long.signum(entryPosition) != Long.signum(position)) {
            entry = reference;
            underWaterSinceMs = NONE;
            lastBailOutMs = NONE;
        }
        entryPosition = position;
    }

    private void exits(OrderSet out, long now, long reference, long position, long lot) {
        MakerControlsConfig c = config;
        boolean isLong = position > 0;
        double pnlBps = (reference - entry) * 10_000.0 / entry * (isLong ? 1 : -1);
        long held = Math.abs(position);
        if (c.bailOutBps() > 0 && -pnlBps > c.bailOutBps()) {
            if (underWaterSinceMs == NONE) {
                underWaterSinceMs = now;
            }
            if (now - underWaterSinceMs >= c.bailOutAfterMs()) {
                removeQuotes(out, isLong);
                if (lastBailOutMs == NONE || now - lastBailOutMs >= c.bailOutAfterMs()) {
                    long px = isLong ? Fixed.aboveBps(reference, -c.bailOutSlippageBps())
                            : Fixed.belowBps(reference, -c.bailOutSlippageBps());
                    exitsInSet |= out.add(!isLong, px, exitSize(held, c.bailOutFraction(), lot), BAIL_OUT_LEVEL,
                            TimeInForce.IOC);
                    lastBailOutMs = now;
                }
            }
        } else {
            underWaterSinceMs = NONE;
            lastBailOutMs = NONE;
        }
        if (c.takeProfitBps() > 0 && pnlBps >= c.takeProfitBps()) {
            exitsInSet |= out.add(!isLong, reference, exitSize(held, c.takeProfitFraction(), lot), TAKE_PROFIT_LEVEL,
                    TimeInForce.GTC);
        }
    }

    private static long exitSize(long held, double fraction, long lot) {
        long size = Fixed.scaleDown(held, fraction, lot);
        return size > 0 ? size : Fixed.lotsDown(Math.min(held, lot), lot);
    }

    private void inventorySkew(OrderSet out, long position) {
        MakerControlsConfig c = config;
        double units = (double) (position - c.targetInventory()) / c.inventoryUnit();
        double max = c.maxInventorySkewBps();
        double shift = Math.max(-max, Math.min(max, -c.inventorySkewBps() * units));
        if (shift == 0) {
            return;
        }
        for (int i = 0; i < out.size(); i++) {
            if (isExit(out.level(i))) {
                continue;
            }
            long px = out.px(i);
            out.px(i, out.buy(i) ? Fixed.belowBps(px, -shift) : Fixed.aboveBps(px, shift));
        }
    }

    /** Same orders (side, level, size, tif) and every price within the tolerance of the previous one. */
    private static boolean withinTolerance(OrderSet now, OrderSet before, double toleranceBps) {
        int n = now.size();
        if (n != before.size()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int j = match(before, now.buy(i), now.level(i), i);
            if (j < 0 || before.sz(j) != now.sz(i) || before.tif(j) != now.tif(i)
                    || Math.abs(Fixed.diffBps(now.px(i), before.px(j))) > toleranceBps) {
                return false;
            }
        }
        return true;
    }

    private static int match(OrderSet set, boolean buy, int level, int guess) {
        if (set.buy(guess) == buy && set.level(guess) == level) {
            return guess;
        }
        for (int j = 0; j < set.size(); j++) {
            if (set.buy(j) == buy && set.level(j) == level) {
                return j;
            }
        }
        return -1;
    }

    private void ceilingAndFloor(OrderSet out, long reference) {
        long ceiling = config.priceCeiling();
        long floor = config.priceFloor();
        boolean noBids = ceiling > 0 && reference > ceiling;
        boolean noAsks = floor > 0 && reference < floor;
        for (int i = out.size() - 1; i >= 0; i--) {
            if (isExit(out.level(i))) {
                continue;
            }
            boolean buy = out.buy(i);
            long px = out.px(i);
            if (buy ? noBids || (ceiling > 0 && px > ceiling) : noAsks || (floor > 0 && px < floor)) {
                out.remove(i);
            }
        }
    }

    /** Removes the quotes (not the exits) of one side. */
    private void removeQuotes(OrderSet out, boolean buySide) {
        if (!exitsInSet) {
            out.removeSide(buySide);
            return;
        }
        for (int i = out.size() - 1; i >= 0; i--) {
            if (out.buy(i) == buySide && !isExit(out.level(i))) {
                out.remove(i);
            }
        }
    }

    private static boolean hasExit(OrderSet out) {
        for (int i = 0; i < out.size(); i++) {
            if (isExit(out.level(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isExit(int level) {
        return level >= BAIL_OUT_LEVEL;
    }
}
