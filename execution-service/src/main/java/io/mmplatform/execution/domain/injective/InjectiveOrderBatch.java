package io.mmplatform.execution.domain.injective;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.injective.InjectiveAddress;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.execution.domain.NewOrder;
import io.mmplatform.execution.domain.injective.InjectiveMarketSpec.Rounding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns one market's share of a reconcile plan (orders to create, orders to cancel) into exchange <b>v2</b>
 * {@code /injective.exchange.v2.MsgBatchUpdateOrders} messages in Cosmos proto3 JSON, the form
 * {@link io.mmplatform.common.injective.InjectiveMessages} encodes. v2 takes human price, quantity and margin (the
 * encoder scales them by 10^18); the v1beta1 chain-format units are not produced here.
 *
 * <ul>
 *   <li>Creates are first put on the market's grid ({@link InjectiveMarketSpec#round}); what falls under the min
 *       notional or to zero is reported as dropped, with its reason, and not sent.</li>
 *   <li>GTC is a limit order {@code BUY}/{@code SELL}; ALO (post-only) is {@code BUY_PO}/{@code SELL_PO}; IOC is a
 *       market order ({@code *_market_orders_to_create}, {@code BUY}/{@code SELL}, the price its worst price).</li>
 *   <li>A derivative order carries margin = price x quantity / leverage, rounded <b>up</b> to the price tick (the v2
 *       market.proto documents that tick for price and margin), so the chain is never asked to accept too little;
 *       {@code trigger_price} "0".</li>
 *   <li>Cancels name the order by hash or by cid ({@link InjectiveCancel}), {@code order_mask} 1 (any).</li>
 *   <li>The cid of every order is {@link InjectiveCids#fromCloid its cloid's hex}; fee_recipient defaults to the
 *       sender.</li>
 * </ul>
 */
public final class InjectiveOrderBatch {
    public static final String MSG_TYPE = "/injective.exchange.v2.MsgBatchUpdateOrders";
    /** OrderMask ANY: match the order whatever its kind (regular or conditional, buy or sell). */
    public static final int ORDER_MASK_ANY = 1;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final InjectiveAddress sender;
    private final String subaccountId;
    private final InjectiveMarketSpec spec;
    private final BigDecimal leverage;
    private final String feeRecipient;

    /** An order the market's grid rejected, and why. */
    public record Dropped(NewOrder order, String reason) {
    }

    /** One transaction's message, with the orders (on the grid) it creates and cancels, and its estimated gas. */
    public record Tx(ObjectNode message, List<NewOrder> creates, List<InjectiveCancel> cancels, long gas) {
        public Tx {
            creates = List.copyOf(creates);
            cancels = List.copyOf(cancels);
        }
    }

    /** Transactions to send in order (none if nothing is left to do), and the creates dropped by the grid. */
    public record Plan(List<Tx> txs, List<Dropped> dropped) {
        public Plan {
            txs = List.copyOf(txs);
            dropped = List.copyOf(dropped);
        }
    }

    /** Leverage 1, fees to the sender. */
    public InjectiveOrderBatch(InjectiveAddress sender, String subaccountId, InjectiveMarketSpec spec) {
        this(sender, subaccountId, spec, BigDecimal.ONE, null);
    }

    /**
     * @param subaccountId a subaccount of {@code sender} (0x + its 40 address hex digits + 24 hex digits of index)
     * @param leverage     for derivative margin, > 0 (ignored for spot)
     * @param feeRecipient inj1 address that receives the relayer fee share; null: the sender
     */
    public InjectiveOrderBatch(InjectiveAddress sender, String subaccountId, InjectiveMarketSpec spec,
                               BigDecimal leverage, String feeRecipient) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.spec = Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(subaccountId, "subaccountId");
        String sub = subaccountId.toLowerCase();
        if (!sub.matches("0x[0-9a-f]{64}") || !sub.startsWith(sender.hex())) {
            throw new IllegalArgumentException("subaccount " + subaccountId + " is not a subaccount of " + sender.hex());
        }
        this.subaccountId = sub;
        this.leverage = Objects.requireNonNull(leverage, "leverage");
        if (leverage.signum() <= 0) {
            throw new IllegalArgumentException("leverage must be > 0, got " + leverage.toPlainString());
        }
        this.feeRecipient = feeRecipient == null ? sender.bech32() : InjectiveAddress.fromBech32(feeRecipient).bech32();
    }

    /** Everything in ONE message, whatever its gas (at most one tx; none when nothing is left after rounding). */
    public Plan single(List<NewOrder> creates, List<InjectiveCancel> cancels, InjectiveGasTable gas) {
        return plan(creates, cancels, gas, Long.MAX_VALUE);
    }

    /**
     * Rounds the creates onto the grid, then packs cancels and the remaining creates into as few transactions as fit
     * {@code maxGasPerTx} ({@link InjectiveGasTable#split}), one message each.
     */
    public Plan plan(List<NewOrder> creates, List<InjectiveCancel> cancels, InjectiveGasTable gas, long maxGasPerTx) {
        List<NewOrder> onGrid = new ArrayList<>(creates.size());
        List<Dropped> dropped = new ArrayList<>();
        for (NewOrder n : creates) {
            Rounding r = spec.round(n);
            if (r.dropped()) {
                dropped.add(new Dropped(n, r.dropReason()));
            } else {
                onGrid.add(r.order());
            }
        }
        List<Tx> txs = new ArrayList<>();
        for (InjectiveGasTable.Chunk c : gas.split(spec.kind(), onGrid, cancels, maxGasPerTx)) {
            txs.add(new Tx(message(c.creates(), c.cancels()), c.creates(), c.cancels(), c.gas()));
        }
        return new Plan(txs, dropped);
    }

    /**
     * ONE {@code MsgBatchUpdateOrders} for orders already on the grid (IllegalArgumentException for one that is not,
     * or for a cloid or a cancel given twice). Empty lists are left out of the JSON.
     */
    public ObjectNode message(List<NewOrder> creates, List<InjectiveCancel> cancels) {
        if (creates.isEmpty() && cancels.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one order to create or cancel");
        }
        String kind = spec.derivative() ? "derivative" : "spot";
        ArrayNode toCancel = JSON.arrayNode();
        Set<String> seen = new HashSet<>();
        for (InjectiveCancel c : cancels) {
            if (!seen.add(c.orderHash() != null ? c.orderHash() : "cid:" + c.cid())) {
                throw new IllegalArgumentException("cancel given twice: " + c);
            }
            ObjectNode data = toCancel.addObject();
            data.put("market_id", spec.marketId());
            data.put("subaccount_id", subaccountId);
            if (c.orderHash() != null) {
                data.put("order_hash", c.orderHash());
            } else {
                data.put("cid", c.cid());
            }
            data.put("order_mask", ORDER_MASK_ANY);
        }
        ArrayNode limit = JSON.arrayNode();
        ArrayNode market = JSON.arrayNode();
        Set<String> cloids = new HashSet<>();
        for (NewOrder n : creates) {
            if (!cloids.add(n.cloid())) {
                throw new IllegalArgumentException("cloid given twice in one batch: " + n.cloid());
            }
            requireOnGrid(n);
            (n.tif() == TimeInForce.IOC ? market : limit).add(order(n));
        }

        ObjectNode msg = JSON.objectNode();
        msg.put("@type", MSG_TYPE);
        msg.put("sender", sender.bech32());
        msg.put("subaccount_id", subaccountId);
        if (!toCancel.isEmpty()) {
            msg.set(kind + "_orders_to_cancel", toCancel);
        }
        if (!limit.isEmpty()) {
            msg.set(kind + "_orders_to_create", limit);
        }
        if (!market.isEmpty()) {
            msg.set(kind + "_market_orders_to_create", market);
        }
        return msg;
    }

    /**
     * ONE {@code MsgBatchUpdateOrders} that cancels every order of the subaccount in this market
     * ({@code <kind>_market_ids_to_cancel_all}), whatever execution knows of them: the kill switch's and shutdown's
     * cancel. {@code knownCloids} are the live orders it takes down (for bookkeeping; they are not in the message);
     * the gas covers {@code expectedOrders} cancels.
     */
    public Tx cancelAll(List<String> knownCloids, int expectedOrders, InjectiveGasTable gas) {
        ObjectNode msg = JSON.objectNode();
        msg.put("@type", MSG_TYPE);
        msg.put("sender", sender.bech32());
        msg.put("subaccount_id", subaccountId);
        msg.putArray((spec.derivative() ? "derivative" : "spot") + "_market_ids_to_cancel_all").add(spec.marketId());
        List<InjectiveCancel> cancels = new ArrayList<>();
        for (String cloid : knownCloids) {
            cancels.add(InjectiveCancel.byCid(cloid, InjectiveCids.fromCloid(cloid)));
        }
        return new Tx(msg, List.of(), cancels, gas.gas(spec.kind(), 0, Math.max(1, expectedOrders)));
    }

    /** Margin of a derivative order: price x quantity / leverage, rounded up to the price tick. */
    public BigDecimal margin(BigDecimal price, BigDecimal quantity) {
        BigDecimal exact = price.multiply(quantity).divide(leverage, 18, RoundingMode.CEILING);
        return InjectiveMarketSpec.toMultiple(exact, spec.minPriceTickSize(), RoundingMode.CEILING);
    }

    private ObjectNode order(NewOrder n) {
        ObjectNode o = JSON.objectNode();
        o.put("market_id", spec.marketId());
        ObjectNode info = o.putObject("order_info");
        info.put("subaccount_id", subaccountId);
        info.put("fee_recipient", feeRecipient);
        info.put("price", plain(n.price()));
        info.put("quantity", plain(n.size()));
        info.put("cid", InjectiveCids.fromCloid(n.cloid()));
        o.put("order_type", orderType(n.side(), n.tif()));
        if (spec.derivative()) {
            o.put("margin", plain(margin(n.price(), n.size())));
            o.put("trigger_price", "0");
        }
        return o;
    }

    static String orderType(Side side, TimeInForce tif) {
        boolean buy = side == Side.BUY;
        if (tif == TimeInForce.ALO) {
            return buy ? "BUY_PO" : "SELL_PO";
        }
        return buy ? "BUY" : "SELL";
    }

    private void requireOnGrid(NewOrder n) {
        Rounding r = spec.round(n);
        if (r.dropped() || r.order().price().compareTo(n.price()) != 0 || r.order().size().compareTo(n.size()) != 0) {
            throw new IllegalArgumentException("order " + n.cloid() + " is not on the grid of " + spec.ticker() + ": "
                    + (r.dropped() ? r.dropReason() : n.size().toPlainString() + " @ " + n.price().toPlainString()));
        }
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
