package io.mmplatform.common.injective;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encoded messages decoded back field by field: proves the field numbers, enum values and LegacyDec scaling. */
class InjectiveMessagesTest {
    private static final String SENDER = "inj13u6g7vqgw074mgmf2ze2cadzvkz9snlwcrtq8a";
    private static final String SUB = "0x8f348f3008739f5da36950b2ac75a2658458cfee000000000000000000000000";
    private static final String SPOT = "0xa508cb32923323679f29a032c70342c147c17d0145625922b0ef22e955c844c0";
    private static final String PERP = "0x9b9980167ecc3645ff1a5517886652d94a0825e54a77d2057cbbe3ebee015963";
    private static final String HASH = "0x1111111111111111111111111111111111111111111111111111111111111111";

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ProtoReader encode(JsonNode msg, String expectedType) {
        ProtoAny any = InjectiveMessages.encode(msg);
        assertEquals(expectedType, any.typeUrl());
        return ProtoReader.of(any.value());
    }

    private static String batchUpdate(String version, String spotPrice, String spotQty, String perpPrice,
                                      String perpQty, String margin) {
        return ("{'@type':'/injective.exchange." + version + ".MsgBatchUpdateOrders','sender':'" + SENDER + "',"
                + "'subaccount_id':'" + SUB + "',"
                + "'spot_market_ids_to_cancel_all':['" + SPOT + "'],"
                + "'derivative_market_ids_to_cancel_all':[],"
                + "'spot_orders_to_cancel':[{'market_id':'" + SPOT + "','subaccount_id':'" + SUB
                + "','order_hash':'" + HASH + "','order_mask':1,'cid':''}],"
                + "'derivative_orders_to_cancel':[{'market_id':'" + PERP + "','subaccount_id':'" + SUB
                + "','order_hash':'','cid':'mm-7'}],"
                + "'spot_orders_to_create':[{'market_id':'" + SPOT + "','order_info':{'subaccount_id':'" + SUB
                + "','fee_recipient':'" + SENDER + "','price':'" + spotPrice + "','quantity':'" + spotQty
                + "','cid':'mm-1'},'order_type':'BUY_PO','trigger_price':null}],"
                + "'derivative_orders_to_create':[{'market_id':'" + PERP + "','order_info':{'subaccount_id':'" + SUB
                + "','fee_recipient':'" + SENDER + "','price':'" + perpPrice + "','quantity':'" + perpQty
                + "','cid':'mm-2'},'order_type':'SELL','margin':'" + margin + "','trigger_price':'0'}]}");
    }

    private static void assertCommonBatchFields(ProtoReader msg) {
        assertEquals(SENDER, msg.string(1));
        assertEquals(SUB, msg.string(2));
        assertEquals(List.of(SPOT), msg.strings(3));
        assertFalse(msg.has(4), "empty repeated field is omitted");
        ProtoReader spotCancel = msg.message(5).assertFields(1, 2, 3, 4);
        assertEquals(SPOT, spotCancel.string(1));
        assertEquals(SUB, spotCancel.string(2));
        assertEquals(HASH, spotCancel.string(3));
        assertEquals(1, spotCancel.varint(4));
        ProtoReader perpCancel = msg.message(6).assertFields(1, 2, 5);
        assertEquals("mm-7", perpCancel.string(5));
    }

    @Test
    void v2BatchUpdateOrdersTakesHumanValuesScaledBy1e18() {
        ProtoReader msg = encode(json(batchUpdate("v2", "36.1", "0.5", "24.055", "1.25", "15.034375")),
                "/injective.exchange.v2.MsgBatchUpdateOrders");
        msg.assertFields(1, 2, 3, 5, 6, 7, 8);
        assertEquals(List.of(1, 2, 3, 5, 6, 7, 8), msg.wireOrder(), "ascending field order on the wire");
        assertCommonBatchFields(msg);

        ProtoReader spot = msg.message(7).assertFields(1, 2, 3);
        assertEquals(SPOT, spot.string(1));
        assertEquals(7, spot.varint(3), "BUY_PO");
        ProtoReader spotInfo = spot.message(2).assertFields(1, 2, 3, 4, 5);
        assertEquals(SUB, spotInfo.string(1));
        assertEquals(SENDER, spotInfo.string(2));
        assertEquals("36100000000000000000", spotInfo.string(3));
        assertEquals("500000000000000000", spotInfo.string(4));
        assertEquals("mm-1", spotInfo.string(5));

        ProtoReader perp = msg.message(8).assertFields(1, 2, 3, 4, 5);
        assertEquals(PERP, perp.string(1));
        assertEquals(2, perp.varint(3), "SELL");
        assertEquals("15034375000000000000", perp.string(4), "margin");
        assertEquals("0", perp.string(5), "an explicit zero trigger price is written as LegacyDec 0");
        ProtoReader perpInfo = perp.message(2);
        assertEquals("24055000000000000000", perpInfo.string(3));
        assertEquals("1250000000000000000", perpInfo.string(4));
    }

    @Test
    void v1beta1BatchUpdateOrdersCarriesChainFormatValuesAlsoAsLegacyDec() {
        // INJ/USDT spot: 36.1 USDT per INJ = 36.1 * 10^(6-18) in chain format; perp: price * 10^6, quantity human
        ProtoReader msg = encode(json(batchUpdate("v1beta1", "0.0000000000361", "500000000000000000",
                        "24055000", "1.25", "15034375")), "/injective.exchange.v1beta1.MsgBatchUpdateOrders");
        msg.assertFields(1, 2, 3, 5, 6, 7, 8);
        assertCommonBatchFields(msg);
        ProtoReader spotInfo = msg.message(7).message(2);
        assertEquals("36100000", spotInfo.string(3));
        assertEquals("500000000000000000000000000000000000", spotInfo.string(4));
        ProtoReader perp = msg.message(8);
        assertEquals("15034375000000000000000000", perp.string(4));
        assertEquals("24055000000000000000000000", perp.message(2).string(3));
    }

    @Test
    void v2MarketOrderFieldsExistOnlyInV2() {
        String order = "{'market_id':'" + SPOT + "','order_info':{'subaccount_id':'" + SUB + "','fee_recipient':'"
                + SENDER + "','price':'40','quantity':'1'},'order_type':'BUY'}";
        ProtoReader v2 = encode(json("{'@type':'/injective.exchange.v2.MsgBatchUpdateOrders','sender':'" + SENDER
                + "','spot_market_orders_to_create':[" + order + "],'derivative_market_orders_to_create':[],"
                + "'binary_options_market_orders_to_create':[]}"), "/injective.exchange.v2.MsgBatchUpdateOrders");
        v2.assertFields(1, 12);
        assertEquals("40000000000000000000", v2.message(12).message(2).string(3));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InjectiveMessages.encode(json(
                "{'@type':'/injective.exchange.v1beta1.MsgBatchUpdateOrders','sender':'" + SENDER
                        + "','spot_market_orders_to_create':[" + order + "]}")));
        assertTrue(e.getMessage().contains("'spot_market_orders_to_create'"), e.getMessage());
    }

    @Test
    void createSpotLimitOrderInBothVersions() {
        for (String version : List.of("v2", "v1beta1")) {
            String type = "/injective.exchange." + version + ".MsgCreateSpotLimitOrder";
            ProtoReader msg = encode(json("{'@type':'" + type + "','sender':'" + SENDER + "','order':{'market_id':'"
                    + SPOT + "','order_info':{'subaccount_id':'" + SUB + "','fee_recipient':'" + SENDER
                    + "','price':'36.100000000000000000','quantity':'2','cid':'c1'},'order_type':'SELL_PO'}}"), type);
            msg.assertFields(1, 2);
            assertEquals(SENDER, msg.string(1));
            ProtoReader order = msg.message(2).assertFields(1, 2, 3);
            assertEquals(SPOT, order.string(1));
            assertEquals(8, order.varint(3), "SELL_PO");
            ProtoReader info = order.message(2).assertFields(1, 2, 3, 4, 5);
            assertEquals("36100000000000000000", info.string(3), version);
            assertEquals("2000000000000000000", info.string(4), version);
            assertEquals("c1", info.string(5));
        }
    }

    @Test
    void createDerivativeLimitOrderInBothVersions() {
        String order = "'order':{'market_id':'" + PERP + "','order_info':{'subaccount_id':'" + SUB
                + "','fee_recipient':'" + SENDER + "','price':'24.05','quantity':'0.1'},'order_type':1,"
                + "'margin':'2.405'";
        ProtoReader v2 = encode(json("{'@type':'/injective.exchange.v2.MsgCreateDerivativeLimitOrder','sender':'"
                + SENDER + "'," + order + ",'expiration_block':'123456'}}"),
                "/injective.exchange.v2.MsgCreateDerivativeLimitOrder");
        ProtoReader v2Order = v2.message(2).assertFields(1, 2, 3, 4, 6);
        assertEquals(1, v2Order.varint(3), "BUY given as a number");
        assertEquals("2405000000000000000", v2Order.string(4));
        assertEquals(123456, v2Order.varint(6), "expiration_block is field 6 of v2 DerivativeOrder");
        assertEquals("24050000000000000000", v2Order.message(2).string(3));

        ProtoReader v1 = encode(json("{'@type':'/injective.exchange.v1beta1.MsgCreateDerivativeLimitOrder',"
                + "'sender':'" + SENDER + "'," + order + "}}"),
                "/injective.exchange.v1beta1.MsgCreateDerivativeLimitOrder");
        v1.message(2).assertFields(1, 2, 3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InjectiveMessages.encode(
                json("{'@type':'/injective.exchange.v1beta1.MsgCreateDerivativeLimitOrder','sender':'" + SENDER
                        + "'," + order + ",'expiration_block':'1'}}")));
        assertTrue(e.getMessage().contains("'expiration_block'"), e.getMessage());
    }

    @Test
    void cancelsInBothVersions() {
        for (String version : List.of("v2", "v1beta1")) {
            String spotType = "/injective.exchange." + version + ".MsgCancelSpotOrder";
            ProtoReader spot = encode(json("{'@type':'" + spotType + "','sender':'" + SENDER + "','market_id':'"
                    + SPOT + "','subaccount_id':'" + SUB + "','order_hash':'" + HASH + "','cid':'c9'}"), spotType);
            spot.assertFields(1, 2, 3, 4, 5);
            assertEquals(SPOT, spot.string(2));
            assertEquals(SUB, spot.string(3));
            assertEquals(HASH, spot.string(4));
            assertEquals("c9", spot.string(5));

            String perpType = "/injective.exchange." + version + ".MsgCancelDerivativeOrder";
            ProtoReader perp = encode(json("{'@type':'" + perpType + "','sender':'" + SENDER + "','market_id':'"
                    + PERP + "','subaccount_id':'" + SUB + "','order_mask':1,'cid':'c8'}"), perpType);
            perp.assertFields(1, 2, 3, 5, 6);
            assertEquals(1, perp.varint(5));
            assertEquals("c8", perp.string(6));
        }
    }

    @Test
    void msgSendAndJsonKeyOrderDoesNotMatter() {
        ObjectNode a = (ObjectNode) json("{'@type':'/cosmos.bank.v1beta1.MsgSend','from_address':'x','to_address':'y',"
                + "'amount':[{'denom':'inj','amount':'0'},{'denom':'peggy0xdAC17F958D2ee523a2206206994597C13D831ec7',"
                + "'amount':'5'}]}");
        ObjectNode b = (ObjectNode) json("{'amount':[{'amount':'0','denom':'inj'},{'amount':'5','denom':"
                + "'peggy0xdAC17F958D2ee523a2206206994597C13D831ec7'}],'to_address':'y','from_address':'x',"
                + "'@type':'/cosmos.bank.v1beta1.MsgSend'}");
        assertArrayEquals(InjectiveMessages.encode(a).encode(), InjectiveMessages.encode(b).encode());
        ProtoReader msg = ProtoReader.of(InjectiveMessages.encode(a).value());
        assertEquals(2, msg.count(3));
        assertEquals("0", msg.message(3, 0).string(2), "a zero Int amount is still written");
    }

    @Test
    void unknownTypeIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InjectiveMessages.encode(
                json("{'@type':'/injective.exchange.v2.MsgCreateSpotMarketOrderX','sender':'a'}")));
        assertTrue(e.getMessage().contains("'/injective.exchange.v2.MsgCreateSpotMarketOrderX'"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> InjectiveMessages.encode(json("{'sender':'a'}")));
        assertTrue(missing.getMessage().contains("@type"), missing.getMessage());
    }

    @Test
    void unknownFieldsAreRejectedByNameAtAnyDepth() {
        IllegalArgumentException top = assertThrows(IllegalArgumentException.class, () -> InjectiveMessages.encode(
                json("{'@type':'/cosmos.bank.v1beta1.MsgSend','from_address':'x','memo':'hi'}")));
        assertTrue(top.getMessage().contains("'memo'"), top.getMessage());

        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class, () -> InjectiveMessages.encode(
                json("{'@type':'/injective.exchange.v2.MsgCreateSpotLimitOrder','sender':'x','order':{"
                        + "'market_id':'m','order_info':{'subaccountId':'s','price':'1','quantity':'1'}}}")));
        assertTrue(nested.getMessage().contains("'subaccountId'"), nested.getMessage());
        assertTrue(nested.getMessage().contains("order.order_info"), nested.getMessage());
    }

    @Test
    void badValuesAreRejected() {
        String prefix = "{'@type':'/injective.exchange.v2.MsgCreateSpotLimitOrder','sender':'x','order':{"
                + "'market_id':'m','order_type':";
        assertThrows(IllegalArgumentException.class, () -> InjectiveMessages.encode(json(prefix
                + "'BUY','order_info':{'price':36.1,'quantity':'1'}}}")), "JSON number for a decimal");
        assertThrows(IllegalArgumentException.class, () -> InjectiveMessages.encode(json(prefix
                + "'BUY','order_info':{'price':'0.0000000000000000001','quantity':'1'}}}")), "19 decimals");
        assertThrows(IllegalArgumentException.class, () -> InjectiveMessages.encode(json(prefix
                + "'BUY','order_info':{'price':'1e3','quantity':'1'}}}")), "exponent");
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> InjectiveMessages.encode(
                json(prefix + "'BUY_LIMIT','order_info':{'price':'1','quantity':'1'}}}")));
        assertTrue(type.getMessage().contains("BUY_LIMIT"), type.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InjectiveMessages.encode(json(prefix
                + "11,'order_info':{'price':'1','quantity':'1'}}}")), "undeclared enum number");
        assertThrows(IllegalArgumentException.class, () -> InjectiveMessages.encode(json(
                "{'@type':'/cosmos.bank.v1beta1.MsgSend','amount':[{'denom':'inj','amount':'1.5'}]}")), "Int");
        assertThrows(IllegalArgumentException.class, () -> InjectiveMessages.encode(json(
                "{'@type':'/cosmos.bank.v1beta1.MsgSend','amount':{'denom':'inj','amount':'1'}}")), "not an array");
    }

    @Test
    void legacyDecScaling() {
        assertEquals("36100000000000000000", LegacyDec.toWire("36.1"));
        assertEquals("1", LegacyDec.toWire("0.000000000000000001"));
        assertEquals("0", LegacyDec.toWire("0.000000000000000000"));
        assertEquals("-2000000000000000000", LegacyDec.toWire("-2"));
        assertEquals("123000000000000000000000", LegacyDec.toWire(new java.math.BigDecimal("1.23E+5")));
    }
}
