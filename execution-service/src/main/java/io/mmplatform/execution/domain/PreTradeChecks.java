package io.mmplatform.execution.domain;

import io.mmplatform.common.Decimals;
import io.mmplatform.common.messages.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Fast local checks before an order leaves: its price within a band around the intent's reference (narrow on the side
 * where the price is worse than the reference for us, wide on the passive side), its notional under a cap, and the
 * number of live orders of the (wallet, market) under a cap.
 */
public final class PreTradeChecks {
    private final CheckLimits limits;

    public PreTradeChecks(CheckLimits limits) {
        this.limits = limits;
    }

    public record Rejected(NewOrder order, Rejection rejection) {
    }

    public record Outcome(List<NewOrder> accepted, List<Rejected> rejected) {
        public Outcome {
            accepted = List.copyOf(accepted);
            rejected = List.copyOf(rejected);
        }
    }

    /**
     * @param reference       the reference price the intent was computed from (null if it had none)
     * @param openAfterCancel live orders of the (wallet, market) that stay after the plan's cancels
     */
    public Outcome check(List<NewOrder> creates, BigDecimal reference, int openAfterCancel) {
        List<NewOrder> accepted = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        int open = openAfterCancel;
        for (NewOrder order : creates) {
            Rejection r = checkOne(order, reference);
            if (r == null && open >= limits.maxOpenOrders()) {
                r = new Rejection(Rejection.MAX_OPEN_ORDERS,
                        "would exceed " + limits.maxOpenOrders() + " open orders for this wallet and market");
            }
            if (r == null) {
                accepted.add(order);
                open++;
            } else {
                rejected.add(new Rejected(order, r));
            }
        }
        return new Outcome(accepted, rejected);
    }

    /** The checks that look at one order alone; null if it passes. */
    public Rejection checkOne(NewOrder order, BigDecimal reference) {
        if (reference == null || reference.signum() <= 0) {
            return new Rejection(Rejection.NO_REFERENCE, "the intent carries no reference price to check against");
        }
        BigDecimal diff = Decimals.diffBps(order.price(), reference);
        boolean adverse = order.side() == Side.BUY ? diff.signum() > 0 : diff.signum() < 0;
        BigDecimal band = adverse ? limits.priceBandBps() : limits.passiveBandBps();
        BigDecimal deviation = diff.abs();
        if (deviation.compareTo(band) > 0) {
            return new Rejection(Rejection.PRICE_BAND, "price " + Decimals.plain(order.price()) + " is "
                    + Decimals.plain(deviation.setScale(2, java.math.RoundingMode.HALF_UP)) + " bps "
                    + (diff.signum() > 0 ? "above" : "below") + " reference " + Decimals.plain(reference) + ", band "
                    + Decimals.plain(band) + " bps for a " + (order.side() == Side.BUY ? "buy" : "sell") + " there");
        }
        BigDecimal notional = order.notional();
        if (notional.compareTo(limits.maxOrderNotional()) > 0) {
            return new Rejection(Rejection.MAX_NOTIONAL, "notional " + Decimals.plain(notional)
                    + " exceeds max " + Decimals.plain(limits.maxOrderNotional()));
        }
        return null;
    }
}
