package io.mmplatform.execution.domain.injective;

import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.Side;
import io.mmplatform.execution.domain.NewOrder;
import io.mmplatform.execution.domain.TargetOrder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One Injective exchange market as the chain's exchange module v2 describes it, with every size in <b>human</b> units:
 * tick sizes and min notional as v2 answers them (v1beta1 answers carry chain-format values, scaled by the token
 * decimals; {@link InjectiveMarketParser} reads v2 only). Base decimals are 0 for a derivative market (it has no base
 * token); they are kept for converting to chain format, which v2 messages do not need.
 *
 * <p>{@link #round(NewOrder)} puts an order on the market's grid in the safe direction: a buy price down and a sell
 * price up to the price tick (never a worse price than the strategy asked for), the quantity down to the quantity
 * tick (never more than asked for); an order left under the min notional, or at zero, is dropped with a reason.
 */
public record InjectiveMarketSpec(String marketId, Kind kind, String ticker, int baseDecimals, int quoteDecimals,
                                  BigDecimal minPriceTickSize, BigDecimal minQuantityTickSize,
                                  BigDecimal minNotional) {
    public enum Kind {
        SPOT, DERIVATIVE
    }

    /** An order after {@link #round}: either {@code order} (on the grid) or {@code dropReason}, never both. */
    public record Rounding(NewOrder original, NewOrder order, String dropReason) {
        public boolean dropped() {
            return order == null;
        }
    }

    public InjectiveMarketSpec {
        Objects.requireNonNull(marketId, "marketId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ticker, "ticker");
        if (!marketId.matches("0x[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("market id must be 0x + 64 hex digits: " + marketId);
        }
        marketId = marketId.toLowerCase();
        if (baseDecimals < 0 || quoteDecimals < 0) {
            throw new IllegalArgumentException("decimals must be >= 0: base " + baseDecimals + ", quote " + quoteDecimals);
        }
        minPriceTickSize = positive(minPriceTickSize, "min price tick size");
        minQuantityTickSize = positive(minQuantityTickSize, "min quantity tick size");
        Objects.requireNonNull(minNotional, "minNotional");
        if (minNotional.signum() < 0) {
            throw new IllegalArgumentException("min notional must be >= 0, got " + minNotional.toPlainString());
        }
        minNotional = minNotional.stripTrailingZeros();
    }

    public boolean derivative() {
        return kind == Kind.DERIVATIVE;
    }

    /** The price on the tick in the safe direction: a buy rounded down, a sell rounded up. May be zero for a buy. */
    public BigDecimal roundPrice(Side side, BigDecimal price) {
        return toMultiple(price, minPriceTickSize, side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING);
    }

    /** The quantity rounded down to the quantity tick: never more than wanted. May be zero. */
    public BigDecimal roundQuantity(BigDecimal quantity) {
        return toMultiple(quantity, minQuantityTickSize, RoundingMode.FLOOR);
    }

    /** The order on the grid, or dropped with a reason (price or quantity not positive, notional under the minimum). */
    public Rounding round(NewOrder order) {
        if (order.price().signum() <= 0) {
            return new Rounding(order, null, "price " + order.price().toPlainString() + " is not positive");
        }
        if (order.size().signum() <= 0) {
            return new Rounding(order, null, "quantity " + order.size().toPlainString() + " is not positive");
        }
        BigDecimal price = roundPrice(order.side(), order.price());
        if (price.signum() <= 0) {
            return new Rounding(order, null, "buy price " + order.price().toPlainString()
                    + " rounds down to zero on tick " + minPriceTickSize.toPlainString());
        }
        BigDecimal quantity = roundQuantity(order.size());
        if (quantity.signum() <= 0) {
            return new Rounding(order, null, "quantity " + order.size().toPlainString()
                    + " is below the quantity tick " + minQuantityTickSize.toPlainString());
        }
        BigDecimal notional = price.multiply(quantity);
        if (notional.compareTo(minNotional) < 0) {
            return new Rounding(order, null, "notional " + notional.stripTrailingZeros().toPlainString()
                    + " (" + quantity.toPlainString() + " @ " + price.toPlainString() + ") is below min notional "
                    + minNotional.toPlainString());
        }
        return new Rounding(order, new NewOrder(order.cloid(), order.levelId(), order.side(), price, quantity,
                order.tif()), null);
    }

    /**
     * An intent's desired orders on this market's grid, as the reconciler compares them with live orders: prices
     * and quantities rounded in the safe direction; orders dropped by {@link #round} (zero, under min notional) are
     * left out, as the venue would refuse them.
     */
    public List<TargetOrder> targets(List<DesiredOrder> desired) {
        List<TargetOrder> out = new ArrayList<>(desired.size());
        for (DesiredOrder d : desired) {
            Rounding r = round(new NewOrder(null, d.levelId(), d.side(), d.price(), d.size(), d.tif()));
            if (!r.dropped()) {
                out.add(new TargetOrder(d.levelId(), d.side(), r.order().price(), r.order().size(), d.tif()));
            }
        }
        return out;
    }

    static BigDecimal toMultiple(BigDecimal value, BigDecimal step, RoundingMode mode) {
        BigDecimal steps = value.divide(step, 0, mode);
        return steps.multiply(step).stripTrailingZeros();
    }

    private static BigDecimal positive(BigDecimal v, String what) {
        Objects.requireNonNull(v, what);
        if (v.signum() <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, got " + v.toPlainString());
        }
        return v.stripTrailingZeros();
    }
}
