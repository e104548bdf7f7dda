package io.mmplatform.quoting.domain;

/**
 * The most recent fills of one (wallet, market), newest first: a fixed ring, so remembering them allocates nothing.
 * Sizes and prices E8.
 */
public final class RecentFills {
    private final long[] timeMs;
    private final boolean[] buy;
    private final long[] px;
    private final long[] sz;
    private int head;
    private int count;

    public RecentFills(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        timeMs = new long[capacity];
        buy = new boolean[capacity];
        px = new long[capacity];
        sz = new long[capacity];
    }

    public void add(long timeMs, boolean buy, long px, long sz) {
        head = (head + 1) % this.timeMs.length;
        this.timeMs[head] = timeMs;
        this.buy[head] = buy;
        this.px[head] = px;
        this.sz[head] = sz;
        if (count < this.timeMs.length) {
            count++;
        }
    }

    public int size() {
        return count;
    }

    private int slot(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        int n = timeMs.length;
        return ((head - i) % n + n) % n;
    }

    /** i = 0 is the newest. */
    public long timeMs(int i) {
        return timeMs[slot(i)];
    }

    public boolean buy(int i) {
        return buy[slot(i)];
    }

    public long px(int i) {
        return px[slot(i)];
    }

    public long sz(int i) {
        return sz[slot(i)];
    }
}
