package io.mmplatform.quoting.domain;

/**
 * The target venue's book as a strategy sees it: up to {@link #CAPACITY} levels per side, best first, E8 prices and
 * sizes. Mutable and reused: filled by the adapter from md.venue-book, never allocated per tick.
 */
public final class Book {
    public static final int CAPACITY = 128;

    private final long[] bidPx = new long[CAPACITY];
    private final long[] bidSz = new long[CAPACITY];
    private final long[] askPx = new long[CAPACITY];
    private final long[] askSz = new long[CAPACITY];
    private int bids;
    private int asks;
    private long timeMs;

    public void clear(long timeMs) {
        bids = 0;
        asks = 0;
        this.timeMs = timeMs;
    }

    /** Appends a bid level (worse than the previous one); levels beyond the capacity are ignored. */
    public void addBid(long px, long sz) {
        if (bids < CAPACITY) {
            bidPx[bids] = px;
            bidSz[bids++] = sz;
        }
    }

    public void addAsk(long px, long sz) {
        if (asks < CAPACITY) {
            askPx[asks] = px;
            askSz[asks++] = sz;
        }
    }

    public int bids() {
        return bids;
    }

    public int asks() {
        return asks;
    }

    public long bidPx(int i) {
        return bidPx[i];
    }

    public long bidSz(int i) {
        return bidSz[i];
    }

    public long askPx(int i) {
        return askPx[i];
    }

    public long askSz(int i) {
        return askSz[i];
    }

    /** When the snapshot was taken (epoch millis); 0 if there never was one. */
    public long timeMs() {
        return timeMs;
    }

    public boolean twoSided() {
        return bids > 0 && asks > 0;
    }

    /** The mid of the best bid and ask, or 0 when one side is empty. */
    public long mid() {
        return twoSided() ? (bidPx[0] + askPx[0]) / 2 : 0;
    }

    /** Best ask minus best bid, in bps of the mid; NaN when one side is empty. */
    public double spreadBps() {
        return twoSided() ? (askPx[0] - bidPx[0]) * 10_000.0 / mid() : Double.NaN;
    }
}
