package io.mmplatform.simulator.domain;

/** An order on the book. Mutable remaining size; only the engine changes it. */
public final class RestingOrder {
    private final long oid;
    private final String address;
    private final String coin;
    private final Side side;
    private final long priceTicks;
    private final long origLots;
    private long remainingLots;
    private final long timestampMs;
    private final String cloid;

    RestingOrder(long oid, String address, String coin, Side side, long priceTicks, long origLots, long remainingLots,
                 long timestampMs, String cloid) {
        this.oid = oid;
        this.address = address;
        this.coin = coin;
        this.side = side;
        this.priceTicks = priceTicks;
        this.origLots = origLots;
        this.remainingLots = remainingLots;
        this.timestampMs = timestampMs;
        this.cloid = cloid;
    }

    public long oid() {
        return oid;
    }

    public String address() {
        return address;
    }

    public String coin() {
        return coin;
    }

    public Side side() {
        return side;
    }

    public long priceTicks() {
        return priceTicks;
    }

    public long origLots() {
        return origLots;
    }

    public long remainingLots() {
        return remainingLots;
    }

    public long timestampMs() {
        return timestampMs;
    }

    public String cloid() {
        return cloid;
    }

    void fill(long lots) {
        remainingLots -= lots;
    }

    @Override
    public String toString() {
        return "RestingOrder[oid=" + oid + ", " + coin + " " + side.code() + " " + remainingLots + "/" + origLots
                + " lots @ " + priceTicks + " ticks, " + address + "]";
    }
}
