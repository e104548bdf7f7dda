package io.mmplatform.quoting.domain;

/**
 * Everything a strategy may look at for one (wallet, market) on one tick: the reference, the venue's book, the
 * position, the recent fills, the clock and the market's lot. Mutable and reused by the caller (no allocation per
 * tick); a strategy reads it and must not keep references to it. Prices and sizes are E8 ({@link Fixed}).
 */
public final class MarketTick {
    private final String market;
    private final long lot;
    private final Book book = new Book();
    private final RecentFills fills;
    private long nowMs;
    private long reference;
    private long referenceTimeMs;
    private double fundingRate;
    private long position;

    /**
     * @param market the market's name on the venue
     * @param lot    the market's size step, E8 (10^-szDecimals)
     */
    public MarketTick(String market, long lot, int fillMemory) {
        if (lot <= 0) {
            throw new IllegalArgumentException("lot must be positive");
        }
        this.market = market;
        this.lot = lot;
        this.fills = new RecentFills(fillMemory);
    }

    public MarketTick(String market, long lot) {
        this(market, lot, 256);
    }

    public String market() {
        return market;
    }

    public long lot() {
        return lot;
    }

    public long nowMs() {
        return nowMs;
    }

    public MarketTick nowMs(long nowMs) {
        this.nowMs = nowMs;
        return this;
    }

    /** The trusted reference price (E8), 0 when none is known. */
    public long reference() {
        return reference;
    }

    public long referenceTimeMs() {
        return referenceTimeMs;
    }

    public MarketTick reference(long reference, long timeMs) {
        this.reference = reference;
        this.referenceTimeMs = timeMs;
        return this;
    }

    /** The funding rate per hour as a fraction (0 for spot or when unknown); a model input only. */
    public double fundingRate() {
        return fundingRate;
    }

    public MarketTick fundingRate(double fundingRate) {
        this.fundingRate = fundingRate;
        return this;
    }

    /** The wallet's signed position in the market, E8 (positive long). */
    public long position() {
        return position;
    }

    public MarketTick position(long position) {
        this.position = position;
        return this;
    }

    public Book book() {
        return book;
    }

    public RecentFills fills() {
        return fills;
    }
}
