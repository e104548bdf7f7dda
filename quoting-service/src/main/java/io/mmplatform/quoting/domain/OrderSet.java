package io.mmplatform.quoting.domain;

import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;

import java.util.ArrayList;
import java.util.List;

/**
 * A strategy's output: the desired orders of one (wallet, market), in reusable arrays (E8 prices and sizes). Each
 * order has a level id made of its side letter and a number (b0, a3, ...); the number is the strategy's stable name
 * for the slot, so execution can tell a moved level from a new one. Converted to the intent's {@link DesiredOrder}s
 * only when an intent is emitted.
 */
public final class OrderSet {
    public static final int CAPACITY = 512;
    private static final String[] BID_IDS = ids("b");
    private static final String[] ASK_IDS = ids("a");

    private final boolean[] buy = new boolean[CAPACITY];
    private final long[] px = new long[CAPACITY];
    private final long[] sz = new long[CAPACITY];
    private final int[] level = new int[CAPACITY];
    private final TimeInForce[] tif = new TimeInForce[CAPACITY];
    private int count;

    public void clear() {
        count = 0;
    }

    /**
     * Adds an order; a non-positive price or size is skipped (nothing to send). Returns whether it was added.
     *
     * @param level the slot number within the side, 0..CAPACITY-1
     */
    public boolean add(boolean buy, long px, long sz, int level, TimeInForce tif) {
        if (px <= 0 || sz <= 0) {
            return false;
        }
        if (count == CAPACITY) {
            throw new IllegalStateException("more than " + CAPACITY + " orders in one set");
        }
        if (level < 0 || level >= CAPACITY) {
            throw new IllegalArgumentException("level must be in 0.." + (CAPACITY - 1) + ", got " + level);
        }
        this.buy[count] = buy;
        this.px[count] = px;
        this.sz[count] = sz;
        this.level[count] = level;
        this.tif[count] = tif;
        count++;
        return true;
    }

    /** Removes order i, keeping the others' order. */
    public void remove(int i) {
        check(i);
        int tail = count - i - 1;
        System.arraycopy(buy, i + 1, buy, i, tail);
        System.arraycopy(px, i + 1, px, i, tail);
        System.arraycopy(sz, i + 1, sz, i, tail);
        System.arraycopy(level, i + 1, level, i, tail);
        System.arraycopy(tif, i + 1, tif, i, tail);
        count--;
    }

    /** Removes every order of one side. */
    public void removeSide(boolean buySide) {
        int w = 0;
        for (int r = 0; r < count; r++) {
            if (buy[r] != buySide) {
                copy(r, w++);
            }
        }
        count = w;
    }

    public void copyFrom(OrderSet other) {
        System.arraycopy(other.buy, 0, buy, 0, other.count);
        System.arraycopy(other.px, 0, px, 0, other.count);
        System.arraycopy(other.sz, 0, sz, 0, other.count);
        System.arraycopy(other.level, 0, level, 0, other.count);
        System.arraycopy(other.tif, 0, tif, 0, other.count);
        count = other.count;
    }

    private void copy(int from, int to) {
        buy[to] = buy[from];
        px[to] = px[from];
        sz[to] = sz[from];
        level[to] = level[from];
        tif[to] = tif[from];
    }

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public boolean buy(int i) {
        check(i);
        return buy[i];
    }

    public long px(int i) {
        check(i);
        return px[i];
    }

    public long sz(int i) {
        check(i);
        return sz[i];
    }

    public int level(int i) {
        check(i);
        return level[i];
    }

    public TimeInForce tif(int i) {
        check(i);
        return tif[i];
    }

    public void px(int i, long value) {
        check(i);
        px[i] = value;
    }

    public String levelId(int i) {
        check(i);
        return (buy[i] ? BID_IDS : ASK_IDS)[level[i]];
    }

    /** Number of orders on one side. */
    public int count(boolean buySide) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (buy[i] == buySide) {
                n++;
            }
        }
        return n;
    }

    /** The best (highest) bid, or 0 if none. */
    public long bestBid() {
        long best = 0;
        for (int i = 0; i < count; i++) {
            if (buy[i] && px[i] > best) {
                best = px[i];
            }
        }
        return best;
    }

    /** The best (lowest) ask, or 0 if none. */
    public long bestAsk() {
        long best = 0;
        for (int i = 0; i < count; i++) {
            if (!buy[i] && (best == 0 || px[i] < best)) {
                best = px[i];
            }
        }
        return best;
    }

    /** The intent's orders: exact decimals, E8 converted at this boundary. */
    public List<DesiredOrder> toDesired() {
        List<DesiredOrder> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new DesiredOrder(levelId(i), buy[i] ? Side.BUY : Side.SELL, Fixed.toDecimal(px[i]),
                    Fixed.toDecimal(sz[i]), tif[i]));
        }
        return out;
    }

    private void check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("order " + i + " of " + count);
        }
    }

    private static String[] ids(String prefix) {
        String[] ids = new String[CAPACITY];
        for (int i = 0; i < CAPACITY; i++) {
            ids[i] = prefix + i;
        }
        return ids;
    }
}
