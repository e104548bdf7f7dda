package io.mmplatform.execution.domain;

import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One of our orders on the venue (or on its way there). Mutable, owned by its wallet's single writer: never
 * shared across threads without that wallet's executor.
 */
public final class LiveOrder {
    private final String cloid;
    private final String market;
    private final String levelId;
    private final Side side;
    private final BigDecimal price;
    private final BigDecimal size;
    private final TimeInForce tif;
    private final long intentSeq;
    private final long originNanos;
    private BigDecimal remaining;
    private OrderState state;
    private Long oid;
    private long placedAtMs;

    public LiveOrder(String cloid, String market, String levelId, Side side, BigDecimal price, BigDecimal size,
                     TimeInForce tif, long intentSeq, long originNanos) {
        this.cloid = Objects.requireNonNull(cloid, "cloid");
        this.market = Objects.requireNonNull(market, "market");
        this.levelId = levelId;
        this.side = Objects.requireNonNull(side, "side");
        this.price = Objects.requireNonNull(price, "price");
        this.size = Objects.requireNonNull(size, "size");
        this.tif = tif == null ? TimeInForce.GTC : tif;
        this.intentSeq = intentSeq;
        this.originNanos = originNanos;
        this.remaining = size;
        this.state = OrderState.PENDING_NEW;
    }

    public static LiveOrder pending(String market, long intentSeq, long originNanos, NewOrder n) {
        return new LiveOrder(n.cloid(), market, n.levelId(), n.side(), n.price(), n.size(), n.tif(), intentSeq, originNanos);
    }

    public String cloid() {
        return cloid;
    }

    public String market() {
        return market;
    }

    public String levelId() {
        return levelId;
    }

    public Side side() {
        return side;
    }

    public BigDecimal price() {
        return price;
    }

    public BigDecimal size() {
        return size;
    }

    public TimeInForce tif() {
        return tif;
    }

    public long intentSeq() {
        return intentSeq;
    }

    public long originNanos() {
        return originNanos;
    }

    public BigDecimal remaining() {
        return remaining;
    }

    public OrderState state() {
        return state;
    }

    public Long oid() {
        return oid;
    }

    /** When the order was sent (or, for an adopted order, placed on the venue); 0 if unknown. */
    public long placedAtMs() {
        return placedAtMs;
    }

    public void placedAtMs(long placedAtMs) {
        this.placedAtMs = placedAtMs;
    }

    void state(OrderState state) {
        this.state = state;
    }

    void oid(Long oid) {
        this.oid = oid;
    }

    void remaining(BigDecimal remaining) {
        this.remaining = remaining;
    }

    @Override
    public String toString() {
        return "LiveOrder[" + cloid + " " + market + " " + levelId + " " + side + " " + remaining.toPlainString()
                + "/" + size.toPlainString() + " @ " + price.toPlainString() + " " + state + (oid == null ? "" : " oid=" + oid) + "]";
    }
}
