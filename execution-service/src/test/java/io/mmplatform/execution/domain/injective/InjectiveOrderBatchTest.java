package io.mmplatform.execution.domain.injective;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.injective.DecodedMsg;
import io.mmplatform.common.injective.InjectiveAddress;
import io.mmplatform.common.injective.InjectiveMessages;
import io.mmplatform.common.injective.InjectiveTxBuilder;
import io.mmplatform.common.injective.InjectiveTxDecoder;
import io.mmplatform.common.injective.ProtoAny;
import io.mmplatform.common.injective.SignedTx;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.execution.domain.ClientOrderIds;
import io.mmplatform.execution.domain.LiveOrder;
import io.mmplatform.execution.domain.NewOrder;
import io.mmplatform.execution.domain.injective.InjectiveMarketSpec.Kind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectiveOrderBatchTest {
    // the key and address of /work/shared/vectors/injective.json (mainnetTxVector)
    static final String KEY = "9ee18daf8e463877aaf497282abc216852420101430482a28e246c179e2c5ef1";
    static final InjectiveAddress SENDER = InjectiveAddress.fromPrivateKey(KEY);
    static final String SUB = SENDER.defaultSubaccountId();
    static final InjectiveMarketSpec SPOT = InjectiveMarketSpecTest.SPOT;
    static final InjectiveMarketSpec PERP = new InjectiveMarketSpec(
            "0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6", Kind.DERIVATIVE, "INJ/USDT PERP",
            0, 6, new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("1"));
    static final String HASH = "0x" + "1f".repeat(32);

    static NewOrder order(String level, Side side, String px, String qty, TimeInForce tif) {
        return new NewOrder(ClientOrderIds.cloid("w1", "INJ/USDT", 7, level), level, side, new BigDecimal(px),
                new BigDecimal(qty), tif);
    }

    private static JsonNode only(InjectiveOrderBatch.Plan plan) {
        assertEquals(1, plan.txs().size());
        return plan.txs().get(0).message();
    }

    @Test
    void spotBatchHasTheV2ShapeAndItsOrdersOnTheGrid() {
        InjectiveOrderBatch batch = new InjectiveOrderBatch(SENDER, SUB, SPOT);
        NewOrder bid = order("b0", Side.BUY, "25.1239", "2.0009", TimeInForce.GTC);
        JsonNode msg = only(batch.single(List.of(bid), List.of(), InjectiveGasTable.DEFAULTS));

        assertEquals("/injective.exchange.v2.MsgBatchUpdateOrders", msg.get("@type").textValue());
        assertEquals("inj13u6g7vqgw074mgmf2ze2cadzvkz9snlwcrtq8a", msg.get("sender").textValue());
        assertEquals(SUB, msg.get("subaccount_id").textValue());
        assertFalse(msg.has("spot_orders_to_cancel"));
        JsonNode o = msg.get("spot_orders_to_create").get(0);
        assertEquals(SPOT.marketId(), o.get("market_id").textValue());
        assertEquals("BUY", o.get("order_type").textValue());
        JsonNode info = o.get("order_info");
        assertEquals(SUB, info.get("subaccount_id").textValue());
        assertEquals(SENDER.bech32(), info.get("fee_recipient").textValue());
        assertEquals("25.123", info.get("price").textValue());
        assertEquals("2", info.get("quantity").textValue());
        assertEquals(bid.cloid().substring(2), info.get("cid").textValue());
        assertFalse(o.has("margin"));
    }

    @Test
    void postOnlyMapsAloToPoOrderTypesAndIocToMarketOrders() {
        InjectiveOrderBatch batch = new InjectiveOrderBatch(SENDER, SUB, SPOT);
        JsonNode msg = only(batch.single(List.of(
                order("b0", Side.BUY, "25", "1", TimeInForce.ALO),
                order("a0", Side.SELL, "26", "1", TimeInForce.ALO),
                order("a1", Side.SELL, "27", "1", TimeInForce.GTC),
                order("x0", Side.BUY, "30", "1", TimeInForce.IOC)), List.of(), InjectiveGasTable.DEFAULTS));
        JsonNode limit = msg.get("spot_orders_to_create");
        assertEquals("BUY_PO", limit.get(0).get("order_type").textValue());
        assertEquals("SELL_PO", limit.get(1).get("order_type").textValue());
        assertEquals("SELL", limit.get(2).get("order_type").textValue());
        JsonNode market = msg.get("spot_market_orders_to_create");
        assertEquals(1, market.size());
        assertEquals("BUY", market.get(0).get("order_type").textValue());
        assertEquals("30", market.get(0).get("order_info").get("price").textValue());
    }

    @Test
    void derivativeMarginIsPriceTimesQuantityOverLeverageRoundedUpToTheTick() {
        InjectiveOrderBatch x3 = new InjectiveOrderBatch(SENDER, SUB, PERP, new BigDecimal("3"), null);
        // 25.123 x 0.7 / 3 = 5.862033.. -> 5.863, never 5.862
        assertEquals(new BigDecimal("5.863"), x3.margin(new BigDecimal("25.123"), new BigDecimal("0.7")));
        // exact on the tick stays
        InjectiveOrderBatch x2 = new InjectiveOrderBatch(SENDER, SUB, PERP, new BigDecimal("2"), null);
        assertEquals(0, new BigDecimal("15").compareTo(x2.margin(new BigDecimal("10"), new BigDecimal("3"))));
        // one tick of a fraction below the next tick still goes up: 10.001 x 1 / 2 = 5.0005 -> 5.001
        assertEquals(new BigDecimal("5.001"), x2.margin(new BigDecimal("10.001"), BigDecimal.ONE));

        JsonNode msg = only(x3.single(List.of(order("b0", Side.BUY, "25.123", "0.7", TimeInForce.GTC)), List.of(),
                InjectiveGasTable.DEFAULTS));
        JsonNode o = msg.get("derivative_orders_to_create").get(0);
        assertEquals("5.863", o.get("margin").textValue());
        assertEquals("0", o.get("trigger_price").textValue());
        assertFalse(msg.has("spot_orders_to_create"));
    }

    @Test
    void defaultLeverageIsOne() {
        InjectiveOrderBatch batch = new InjectiveOrderBatch(SENDER, SUB, PERP);
        // 25.123 x 0.7 = 17.5861 -> 17.587 on the 0.001 tick
        assertEquals(new BigDecimal("17.587"), batch.margin(new BigDecimal("25.123"), new BigDecimal("0.7")));
    }

    @Test
    void cancelsNameTheOrderByHashOrByCid() {
        InjectiveOrderBatch batch = new InjectiveOrderBatch(SENDER, SUB, PERP);
        LiveOrder known = new LiveOrder(ClientOrderIds.cloid("w1", "INJ/USDT", 6, "b0"), "INJ/USDT", "b0", Side.BUY,
                new BigDecimal("25"), BigDecimal.ONE, TimeInForce.GTC, 6, 0);
        LiveOrder unknown = new LiveOrder(ClientOrderIds.cloid("w1", "INJ/USDT", 6, "a0"), "INJ/USDT", "a0", Side.SELL,
                new BigDecimal("26"), BigDecimal.ONE, TimeInForce.GTC, 6, 0);
        JsonNode msg = only(batch.single(List.of(), List.of(InjectiveCancel.of(known, HASH.toUpperCase().replace("0X", "0x")),
                InjectiveCancel.of(unknown, null)), InjectiveGasTable.DEFAULTS));
        JsonNode cancels = msg.get("derivative_orders_to_cancel");
        assertEquals(2, cancels.size());
        JsonNode byHash = cancels.get(0);
        assertEquals(HASH, byHash.get("order_hash").textValue());
        assertFalse(byHash.has("cid"));
        assertEquals(PERP.marketId(), byHash.get("market_id").textValue());
        assertEquals(SUB, byHash.get("subaccount_id").textValue());
        assertEquals(1, byHash.get("order_mask").intValue());
        JsonNode byCid = cancels.get(1);
        assertEquals(unknown.cloid().substring(2), byCid.get("cid").textValue());
        assertFalse(byCid.has("order_hash"));
        assertEquals(1, byCid.get("order_mask").intValue());
        assertFalse(msg.has("derivative_orders_to_create"));
    }

    @Test
    void theMessageEncodesWithInjectiveMessagesAndDecodesToTheSameOrders() {
        InjectiveOrderBatch batch = new InjectiveOrderBatch(SENDER, SUB, PERP, new BigDecimal("3"), null);
        InjectiveOrderBatch.Plan plan = batch.single(List.of(
                        order("b0", Side.BUY, "25.123", "0.7", TimeInForce.ALO),
                        order("x0", Side.SELL, "24", "0.5", TimeInForce.IOC)),
                List.of(InjectiveCancel.byHash(null, HASH), InjectiveCancel.byCid(null, "c".repeat(32))),
                InjectiveGasTable.DEFAULTS);
        ObjectNode msg = plan.txs().get(0).message();

        ProtoAny any = InjectiveMessages.encode(msg);
        assertEquals(InjectiveOrderBatch.MSG_TYPE, any.typeUrl());
        // v2 LegacyDec on the wire: human 25.123 x 10^18
        assertTrue(new String(any.value(), StandardCharsets.ISO_8859_1).contains("25123000000000000000"));

        SignedTx tx = InjectiveTxBuilder.sign(KEY, "injective-888", 17396, 3, plan.txs().get(0).gas(), List.of(), "",
                0, List.of(msg));
        DecodedMsg.BatchUpdateOrders decoded = (DecodedMsg.BatchUpdateOrders)
                InjectiveTxDecoder.decode(tx.txBytes()).messages().get(0);
        assertEquals(SENDER.bech32(), decoded.sender());
        assertEquals(SUB, decoded.subaccountId());
        DecodedMsg.DerivativeOrder limit = decoded.derivativeOrdersToCreate().get(0);
        assertEquals(7, limit.orderType()); // BUY_PO
        assertEquals(0, new BigDecimal("25.123").compareTo(limit.orderInfo().price()));
        assertEquals(0, new BigDecimal("0.7").compareTo(limit.orderInfo().quantity()));
        assertEquals(0, new BigDecimal("5.863").compareTo(limit.margin()));
        DecodedMsg.DerivativeOrder market = decoded.derivativeMarketOrdersToCreate().get(0);
        assertEquals(2, market.orderType()); // SELL
        assertEquals(0, new BigDecimal("4").compareTo(market.margin())); // 24 x 0.5 / 3
        assertEquals(HASH, decoded.derivativeOrdersToCancel().get(0).orderHash());
        assertEquals("c".repeat(32), decoded.derivativeOrdersToCancel().get(1).cid());
        assertEquals(1, decoded.derivativeOrdersToCancel().get(1).orderMask());
    }

    @Test
    void aSpotBatchEncodesToo() {
        InjectiveOrderBatch batch = new InjectiveOrderBatch(SENDER, SUB, SPOT);
        ObjectNode msg = batch.message(List.of(order("b0", Side.BUY, "25.123", "1", TimeInForce.GTC),
                order("x0", Side.SELL, "25", "1", TimeInForce.IOC)), List.of(InjectiveCancel.byHash(null, HASH)));
        assertEquals(InjectiveOrderBatch.MSG_TYPE, InjectiveMessages.encode(msg).typeUrl());
    }

    @Test
    void droppedOrdersAreReportedAndNotSent() {
        InjectiveOrderBatch batch = new InjectiveOrderBatch(SENDER, SUB, SPOT);
        NewOrder tiny = order("b1", Side.BUY, "25", "0.0399", TimeInForce.GTC);
        InjectiveOrderBatch.Plan plan = batch.single(List.of(order("b0", Side.BUY, "25", "1", TimeInForce.GTC), tiny),
                List.of(), InjectiveGasTable.DEFAULTS);
        assertEquals(1, plan.txs().get(0).creates().size());
        assertEquals(1, plan.txs().get(0).message().get("spot_orders_to_create").size());
        assertEquals(1, plan.dropped().size());
        assertEquals(tiny, plan.dropped().get(0).order());
        assertTrue(plan.dropped().get(0).reason().contains("min notional"));

        // nothing left and nothing to cancel: no transaction at all
        InjectiveOrderBatch.Plan empty = batch.single(List.of(tiny), List.of(), InjectiveGasTable.DEFAULTS);
        assertTrue(empty.txs().isEmpty());
        assertEquals(1, empty.dropped().size());
    }

    @Test
    void misuseIsRefused() {
        InjectiveOrderBatch batch = new InjectiveOrderBatch(SENDER, SUB, SPOT);
        // not on the grid
        assertThrows(IllegalArgumentException.class, () -> batch.message(
                List.of(order("b0", Side.BUY, "25.1234", "1", TimeInForce.GTC)), List.of()));
        // the same cloid twice
        NewOrder b0 = order("b0", Side.BUY, "25", "1", TimeInForce.GTC);
        assertThrows(IllegalArgumentException.class, () -> batch.message(List.of(b0, b0), List.of()));
        // an empty batch
        assertThrows(IllegalArgumentException.class, () -> batch.message(List.of(), List.of()));
        // a subaccount of another address
        String other = InjectiveAddress.fromHex("0xbdaedec95d563fb05240d6e01821008454c24c36").defaultSubaccountId();
        assertThrows(IllegalArgumentException.class, () -> new InjectiveOrderBatch(SENDER, other, SPOT));
        assertThrows(IllegalArgumentException.class,
                () -> new InjectiveOrderBatch(SENDER, SUB, PERP, BigDecimal.ZERO, null));
        // a cancel must name exactly one of hash and cid
        assertThrows(IllegalArgumentException.class, () -> new InjectiveCancel(null, HASH, "abc"));
        assertThrows(IllegalArgumentException.class, () -> InjectiveCancel.byCid(null, "x".repeat(37)));
        assertNull(InjectiveCancel.byHash(null, HASH).cid());
    }

    @Test
    void cidsComeFromCloidsAndGoBack() {
        String cloid = ClientOrderIds.cloid("w1", "INJ/USDT", 1, "b0");
        String cid = InjectiveCids.fromCloid(cloid);
        assertEquals(32, cid.length());
        assertTrue(cid.length() <= InjectiveCids.MAX_CID_LENGTH);
        assertEquals(cloid, InjectiveCids.toCloid(cid));
        assertEquals(cid, InjectiveCids.fromCloid(cloid)); // deterministic
        assertFalse(InjectiveCids.isOurs("3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        assertThrows(IllegalArgumentException.class, () -> InjectiveCids.fromCloid("not-a-cloid"));
    }

    @Test
    void cancelAllNamesTheMarketAndCarriesTheKnownOrdersForBookkeeping() {
        InjectiveOrderBatch batch = new InjectiveOrderBatch(SENDER, SUB, PERP);
        String cloid = "0x" + "ab".repeat(16);
        InjectiveOrderBatch.Tx tx = batch.cancelAll(List.of(cloid), 21, InjectiveGasTable.DEFAULTS);
        assertEquals(List.of(cloid), tx.cancels().stream().map(InjectiveCancel::cloid).toList());
        assertTrue(tx.creates().isEmpty());
        assertEquals(InjectiveGasTable.DEFAULTS.gas(PERP.kind(), 0, 21), tx.gas());
        SignedTx signed = InjectiveTxBuilder.sign(KEY, "injective-888", 17396, 4, tx.gas(), List.of(), "", 0,
                List.of(tx.message()));
        DecodedMsg.BatchUpdateOrders decoded = (DecodedMsg.BatchUpdateOrders)
                InjectiveTxDecoder.decode(signed.txBytes()).messages().get(0);
        assertEquals(List.of(PERP.marketId()), decoded.derivativeMarketIdsToCancelAll());
        assertTrue(decoded.spotMarketIdsToCancelAll().isEmpty());
        assertTrue(decoded.derivativeOrdersToCancel().isEmpty());
        assertEquals(SUB, decoded.subaccountId());
    }
}
