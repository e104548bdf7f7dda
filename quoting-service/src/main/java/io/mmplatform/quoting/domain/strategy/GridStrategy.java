package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.InvalidDefinitionException;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import io.mmplatform.quoting.domain.Strategy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A grid: fixed prices between lower and upper; each fill is answered by the opposite order one level away, and
 * every completed pair (a round trip) books (sell - buy) x size.
 *
 * <p>Per tick, with the reference r and k the grid level nearest to r (ties: the lower one):
 * <ul>
 *   <li>level k carries no base order (it is the slot the next counter-order lands in);</li>
 *   <li>a free level i below r is a bid (LONG, BOTH), above r an ask (SHORT, BOTH). A bid needs a level above it to
 *       put its counter-order on, so the top level is never a base bid and the bottom level never a base ask;</li>
 *   <li>a level whose base order has (partly) filled keeps the side it filled on until its counter-order has
 *       filled: the unfilled rest stays on that side, the filled part is not re-offered;</li>
 *   <li>a level that holds a counter-order shows only that counter-order;</li>
 *   <li>no order crosses the reference: a bid at or above r and an ask at or below r are held back (a counter-order
 *       stays pending and reappears once the reference is back on its side). Hence outside the grid nothing is
 *       extended: with r below lower only asks are possible (LONG quotes nothing), with r above upper only bids.</li>
 * </ul>
 *
 * <p>Fills: a fill is attributed to the grid level nearest to its price. It first closes a counter-order of its side
 * at that level (partly, if smaller), adding its profit; a counter-order completely filled counts one round trip and
 * re-arms its origin level. The rest of the fill is a base fill: it accumulates on the level and moves the same size
 * into the counter-order one level away (a bid at i into an ask at i + 1, an ask at j into a bid at j - 1). A buy
 * at the top level (or a sell at the bottom) counts for the nearest level that has a neighbour for the
 * counter-order. A base fill on a level already locked to the other side matches nothing the grid quoted and is not
 * tracked (the position still shows it).
 *
 * <p>Level prices: arithmetic levels are exact when the step divides in E8, otherwise the bid price is rounded down
 * and the ask price up; geometric levels come from a double power, snapped to the nearest E8 when within double
 * noise of it, otherwise rounded the same safe way. The bounds are always exact. Sizes: each level gets
 * total-margin x leverage / levels of notional, divided by its (ask) price, rounded down to the lot; a level below
 * one lot never gets a base order.
 */
public final class GridStrategy implements Strategy {
    public static final String TYPE = "grid";
    /** Relative distance within which a geometric level is double noise around an E8 integer. */
    private static final double SNAP = 1e-13;

    /** Session totals: completed round trips, their profit (quote currency, E8, before fees), open counter-orders. */
    public record GridSummary(int roundTrips, long profitE8, int openCounterOrders) {
    }

    private final GridConfig config;
    private final int n;
    private final long lot;
    private final TimeInForce tif;
    private final boolean baseBids;
    private final boolean baseAsks;
    private final long[] bidPx;
    private final long[] askPx;
    private final long[] size;
    /** Base fill of each level not yet undone by its counter-order, and the side it filled on. */
    private final long[] filled;
    private final boolean[] filledBuy;
    /** Counter bid at level i (opened by an ask fill at i + 1): remaining size and the sale proceeds it closes. */
    private final long[] counterBidSz;
    private final long[] counterBidProceeds;
    /** Counter ask at level i (opened by a bid fill at i - 1): remaining size and the purchase cost it closes. */
    private final long[] counterAskSz;
    private final long[] counterAskCost;
    private int roundTrips;
    private long profit;

    public GridStrategy(GridConfig config) {
        this.config = config;
        this.n = config.levels();
        this.lot = config.lot();
        this.tif = config.tif();
        this.baseBids = config.direction() != GridConfig.Direction.SHORT;
        this.baseAsks = config.direction() != GridConfig.Direction.LONG;
        bidPx = new long[n];
        askPx = new long[n];
        size = new long[n];
        filled = new long[n];
        filledBuy = new boolean[n];
        counterBidSz = new long[n];
        counterBidProceeds = new long[n];
        counterAskSz = new long[n];
        counterAskCost = new long[n];
        pricesFor(config);
        for (int i = 1; i < n; i++) {
            if (bidPx[i] <= askPx[i - 1]) {
                throw new IllegalArgumentException("levels " + (i - 1) + " and " + i + " collapse to the same price");
            }
        }
        BigDecimal notional = config.totalMargin().multiply(config.leverage());
        BigDecimal count = BigDecimal.valueOf(n);
        for (int i = 0; i < n; i++) {
            BigDecimal levelSize = notional.divide(Fixed.toDecimal(askPx[i]).multiply(count), Fixed.SCALE,
                    RoundingMode.FLOOR);
            size[i] = Fixed.lotsDown(Fixed.of(levelSize), lot);
        }
    }

    public static GridStrategy create(Params p, long lot) {
        GridConfig config = GridConfig.from(p, lot);
        try {
            return new GridStrategy(config);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidDefinitionException(p.path("levels"), "does not fit lower..upper: " + e.getMessage());
        }
    }

    private void pricesFor(GridConfig c) {
        long lower = c.lower();
        long upper = c.upper();
        int steps = n - 1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || i == steps) {
                bidPx[i] = i == 0 ? lower : upper;
                askPx[i] = bidPx[i];
            } else if (c.mode() == GridConfig.Mode.ARITHMETIC) {
                long num = Math.multiplyExact(upper - lower, (long) i);
                bidPx[i] = lower + num / steps;
                askPx[i] = bidPx[i] + (num % steps == 0 ? 0 : 1);
            } else {
                double x = lower * Math.pow((double) upper / lower, (double) i / steps);
                double nearest = Math.rint(x);
                if (Math.abs(x - nearest) <= x * SNAP) {
                    bidPx[i] = (long) nearest;
                    askPx[i] = bidPx[i];
                } else {
                    bidPx[i] = (long) Math.floor(x);
                    askPx[i] = (long) Math.ceil(x);
                }
            }
        }
    }

    public GridConfig config() {
        return config;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Level i's price for a bid (E8). */
    public long bidPrice(int level) {
        return bidPx[level];
    }

    /** Level i's price for an ask (E8); equal to the bid price unless the exact level needs more than 8 decimals. */
    public long askPrice(int level) {
        return askPx[level];
    }

    /** Level i's base order size (E8), 0 when below one lot. */
    public long levelSize(int level) {
        return size[level];
    }

    @Override
    public void quote(MarketTick tick, OrderSet out) {
        long r = tick.reference();
        if (r <= 0) {
            return;
        }
        int k = nearest(r);
        for (int i = 0; i < n; i++) {
            boolean counter = false;
            if (counterBidSz[i] > 0) {
                counter = true;
                if (bidPx[i] < r) {
                    out.add(true, bidPx[i], counterBidSz[i], i, tif);
                }
            }
            if (counterAskSz[i] > 0) {
                counter = true;
                if (askPx[i] > r) {
                    out.add(false, askPx[i], counterAskSz[i], i, tif);
                }
            }
            if (counter || i == k) {
                continue;
            }
            long left = Fixed.lotsDown(size[i] - filled[i], lot);
            if (left <= 0) {
                continue;
            }
            boolean locked = filled[i] > 0;
            if (i < n - 1 && bidPx[i] < r && (locked ? filledBuy[i] : baseBids)) {
                out.add(true, bidPx[i], left, i, tif);
            } else if (i > 0 && askPx[i] > r && (locked ? !filledBuy[i] : baseAsks)) {
                out.add(false, askPx[i], left, i, tif);
            }
        }
    }

    @Override
    public void onFill(long timeMs, boolean buy, long px, long sz) {
        if (sz <= 0 || px <= 0) {
            return;
        }
        int i = nearest(px);
        long left = sz;
        if (buy) {
            if (counterBidSz[i] > 0) {
                left -= closeCounterBid(i, px, left);
            }
            if (left > 0) {
                openFromBid(Math.min(i, n - 2), px, left);
            }
        } else {
            if (counterAskSz[i] > 0) {
                left -= closeCounterAsk(i, px, left);
            }
            if (left > 0) {
                openFromAsk(Math.max(i, 1), px, left);
            }
        }
    }

    private void openFromBid(int i, long px, long sz) {
        if (filled[i] > 0 && !filledBuy[i]) {
            return;
        }
        filled[i] += sz;
        filledBuy[i] = true;
        counterAskSz[i + 1] += sz;
        counterAskCost[i + 1] += mulDiv(px, sz, Fixed.ONE);
    }

    private void openFromAsk(int j, long px, long sz) {
        if (filled[j] > 0 && filledBuy[j]) {
            return;
        }
        filled[j] += sz;
        filledBuy[j] = false;
        counterBidSz[j - 1] += sz;
        counterBidProceeds[j - 1] += mulDiv(px, sz, Fixed.ONE);
    }

    /** A sell at counter-ask level i: returns the size it closed. */
    private long closeCounterAsk(int i, long px, long sz) {
        long open = counterAskSz[i];
        long s = Math.min(sz, open);
        long cost = s == open ? counterAskCost[i] : mulDiv(counterAskCost[i], s, open);
        profit += mulDiv(px, s, Fixed.ONE) - cost;
        counterAskCost[i] -= cost;
        counterAskSz[i] = open - s;
        filled[i - 1] = Math.max(0, filled[i - 1] - s);
        if (counterAskSz[i] == 0) {
            roundTrips++;
        }
        return s;
    }

    /** A buy at counter-bid level i: returns the size it closed. */
    private long closeCounterBid(int i, long px, long sz) {
        long open = counterBidSz[i];
        long s = Math.min(sz, open);
        long proceeds = s == open ? counterBidProceeds[i] : mulDiv(counterBidProceeds[i], s, open);
        profit += proceeds - mulDiv(px, s, Fixed.ONE);
        counterBidProceeds[i] -= proceeds;
        counterBidSz[i] = open - s;
        filled[i + 1] = Math.max(0, filled[i + 1] - s);
        if (counterBidSz[i] == 0) {
            roundTrips++;
        }
        return s;
    }

    /** The level whose price is nearest to px; ties go to the lower level. */
    private int nearest(long px) {
        int best = 0;
        long bestDist = Math.abs(bidPx[0] - px);
        for (int i = 1; i < n; i++) {
            long d = Math.abs(bidPx[i] - px);
            if (d < bestDist) {
                best = i;
                bestDist = d;
            } else if (bidPx[i] > px) {
                break;
            }
        }
        return best;
    }

    public GridSummary summary() {
        int open = 0;
        for (int i = 0; i < n; i++) {
            if (counterBidSz[i] > 0) {
                open++;
            }
            if (counterAskSz[i] > 0) {
                open++;
            }
        }
        return new GridSummary(roundTrips, profit, open);
    }

    @Override
    public java.util.Map<String, String> status() {
        GridSummary summary = summary();
        return java.util.Map.of("round-trips", String.valueOf(summary.roundTrips()),
                "round-trip-profit", Fixed.toDecimal(summary.profitE8()).toPlainString(),
                "open-counter-orders", String.valueOf(summary.openCounterOrders()));
    }

    /**
     * "grid1;&lt;fingerprint&gt;;&lt;round trips&gt;;&lt;profit&gt;;" followed by one "filled,side,counterBid,proceeds,
     * counterAsk,cost" group per level, separated by '/'. The fingerprint (levels, bounds, first size) ties the
     * snapshot to the grid it was taken from.
     */
    @Override
    public String snapshot() {
        StringBuilder b = new StringBuilder("grid1;").append(fingerprint()).append(';').append(roundTrips).append(';')
                .append(profit).append(';');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(filled[i]).append(',').append(filledBuy[i] ? 'B' : 'A').append(',').append(counterBidSz[i])
                    .append(',').append(counterBidProceeds[i]).append(',').append(counterAskSz[i]).append(',')
                    .append(counterAskCost[i]);
        }
        return b.toString();
    }

    @Override
    public void restore(String snapshot) {
        String[] parts = snapshot.split(";", -1);
        if (parts.length != 5 || !parts[0].equals("grid1")) {
            throw new IllegalArgumentException("not a grid snapshot");
        }
        if (!parts[1].equals(fingerprint())) {
            throw new IllegalArgumentException("the grid was redefined (was " + parts[1] + ", now " + fingerprint() + ")");
        }
        String[] levels = parts[4].split("/", -1);
        if (levels.length != n) {
            throw new IllegalArgumentException("the snapshot has " + levels.length + " levels, the grid " + n);
        }
        long[][] values = new long[n][];
        boolean[] buys = new boolean[n];
        for (int i = 0; i < n; i++) {
            String[] f = levels[i].split(",", -1);
            if (f.length != 6 || !(f[1].equals("B") || f[1].equals("A"))) {
                throw new IllegalArgumentException("level " + i + " of the snapshot is malformed");
            }
            buys[i] = f[1].equals("B");
            values[i] = new long[] {Long.parseLong(f[0]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5])};
        }
        // parsed completely before anything changes: a bad snapshot leaves the fresh state intact
        roundTrips = Integer.parseInt(parts[2]);
        profit = Long.parseLong(parts[3]);
        for (int i = 0; i < n; i++) {
            filled[i] = values[i][0];
            filledBuy[i] = buys[i];
            counterBidSz[i] = values[i][1];
            counterBidProceeds[i] = values[i][2];
            counterAskSz[i] = values[i][3];
            counterAskCost[i] = values[i][4];
        }
    }

    private String fingerprint() {
        return n + ":" + bidPx[0] + ":" + askPx[n - 1] + ":" + size[0];
    }

    /** floor(a x b / c) for non-negative values; exact, and only allocates past 64 bits (fills, not ticks). */
    private static long mulDiv(long a, long b, long c) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            return lo / c;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }
}
