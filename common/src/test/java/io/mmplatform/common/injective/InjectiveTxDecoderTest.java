package io.mmplatform.common.injective;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.injective.DecodedMsg.ExchangeVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectiveTxDecoderTest {
    private static final String KEY = "9ee18daf8e463877aaf497282abc216852420101430482a28e246c179e2c5ef1";
    private static final InjectiveAddress ME = InjectiveAddress.fromPrivateKey(KEY);
    private static final String SPOT = "0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe";
    private static final String PERP = "0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6";
    private static final String HASH = "0x" + "ab".repeat(32);

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static String orderInfo(String price, String qty, String cid) {
        return "{'subaccount_id':'" + ME.defaultSubaccountId() + "','fee_recipient':'" + ME.bech32() + "','price':'"
                + price + "','quantity':'" + qty + "','cid':'" + cid + "'}";
    }

    private static DecodedMsg roundTrip(JsonNode message) {
        SignedTx tx = InjectiveTxBuilder.sign(KEY, "injective-888", 5, 3, 200_000,
                List.of(new Coin("inj", "100000000000000")), "memo-1", 77, List.of(message));
        InjectiveTxDecoder.DecodedTx decoded = InjectiveTxDecoder.decode(tx.txBytes());
        assertEquals(tx.hash(), decoded.hash());
        assertEquals("memo-1", decoded.memo());
        assertEquals(77, decoded.timeoutHeight());
        assertEquals(3, decoded.sequence());
        assertEquals(33, decoded.publicKey().length);
        assertEquals(ME, InjectiveTxDecoder.addressOf(decoded.publicKey()));
        assertEquals(InjectiveKeys.PUB_KEY_TYPE_URL, decoded.signer().publicKeyTypeUrl());
        assertEquals(1, decoded.signer().signMode());
        assertEquals(200_000, decoded.gasLimit());
        assertEquals(List.of(new Coin("inj", "100000000000000")), decoded.fee().amount());
        assertTrue(decoded.verify("injective-888", 5));
        assertEquals(1, decoded.messages().size());
        assertEquals(message.get("@type").asText(), decoded.messages().get(0).typeUrl());
        return decoded.messages().get(0);
    }

    private static String type(ExchangeVersion v, String name) {
        return "/" + v.protoPackage() + "." + name;
    }

    @ParameterizedTest
    @EnumSource(ExchangeVersion.class)
    void batchUpdateOrdersRoundTrips(ExchangeVersion v) throws Exception {
        String expiration = v == ExchangeVersion.V2 ? ",'expiration_block':'123'" : "";
        JsonNode msg = json("{'@type':'" + type(v, "MsgBatchUpdateOrders") + "','sender':'" + ME.bech32() + "',"
                + "'subaccount_id':'" + ME.defaultSubaccountId() + "',"
                + "'spot_market_ids_to_cancel_all':['" + SPOT + "'],'derivative_market_ids_to_cancel_all':['" + PERP
                + "'],'spot_orders_to_cancel':[{'market_id':'" + SPOT + "','subaccount_id':'" + ME.defaultSubaccountId()
                + "','order_hash':'" + HASH + "','order_mask':1,'cid':'old-1'}],"
                + "'derivative_orders_to_cancel':[{'market_id':'" + PERP + "','subaccount_id':'"
                + ME.defaultSubaccountId() + "','cid':'old-2'}],"
                + "'spot_orders_to_create':[{'market_id':'" + SPOT + "','order_info':" + orderInfo("36.1", "0.5", "s1")
                + ",'order_type':'BUY_PO'" + expiration + "},{'market_id':'" + SPOT + "','order_info':"
                + orderInfo("0.000000000000000001", "1000", "s2") + ",'order_type':'SELL'}],"
                + "'derivative_orders_to_create':[{'market_id':'" + PERP + "','order_info':"
                + orderInfo("25.125", "2.001", "d1") + ",'order_type':'SELL_PO','margin':'25.1'"
                + ",'trigger_price':'0'" + expiration + "}]}");
        DecodedMsg.BatchUpdateOrders b = assertInstanceOf(DecodedMsg.BatchUpdateOrders.class, roundTrip(msg));
        assertEquals(v, b.version());
        assertEquals(ME.bech32(), b.sender());
        assertEquals(ME.defaultSubaccountId(), b.subaccountId());
        assertEquals(List.of(SPOT), b.spotMarketIdsToCancelAll());
        assertEquals(List.of(PERP), b.derivativeMarketIdsToCancelAll());
        assertEquals(new DecodedMsg.OrderData(SPOT, ME.defaultSubaccountId(), HASH, 1, "old-1"),
                b.spotOrdersToCancel().get(0));
        assertEquals(new DecodedMsg.OrderData(PERP, ME.defaultSubaccountId(), "", 0, "old-2"),
                b.derivativeOrdersToCancel().get(0));
        assertEquals(2, b.spotOrdersToCreate().size());
        DecodedMsg.SpotOrder s1 = b.spotOrdersToCreate().get(0);
        assertEquals(SPOT, s1.marketId());
        assertEquals(7, s1.orderType());
        assertEquals(new BigDecimal("36.1"), s1.orderInfo().price());
        assertEquals(new BigDecimal("0.5"), s1.orderInfo().quantity());
        assertEquals("s1", s1.orderInfo().cid());
        assertEquals(ME.bech32(), s1.orderInfo().feeRecipient());
        assertNull(s1.triggerPrice());
        assertEquals(v == ExchangeVersion.V2 ? 123 : 0, s1.expirationBlock());
        DecodedMsg.SpotOrder s2 = b.spotOrdersToCreate().get(1);
        assertEquals(new BigDecimal("0.000000000000000001"), s2.orderInfo().price());
        assertEquals("1000", s2.orderInfo().quantity().toPlainString());
        assertEquals(2, s2.orderType());
        DecodedMsg.DerivativeOrder d1 = b.derivativeOrdersToCreate().get(0);
        assertEquals(new BigDecimal("25.125"), d1.orderInfo().price());
        assertEquals(new BigDecimal("2.001"), d1.orderInfo().quantity());
        assertEquals(new BigDecimal("25.1"), d1.margin());
        assertEquals(BigDecimal.ZERO, d1.triggerPrice());
        assertEquals(8, d1.orderType());
        assertTrue(b.spotMarketOrdersToCreate().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(ExchangeVersion.class)
    void singleOrderAndCancelMessagesRoundTrip(ExchangeVersion v) throws Exception {
        String me = ME.bech32();
        String sub = ME.defaultSubaccountId();
        DecodedMsg.CreateSpotLimitOrder spot = assertInstanceOf(DecodedMsg.CreateSpotLimitOrder.class, roundTrip(json(
                "{'@type':'" + type(v, "MsgCreateSpotLimitOrder") + "','sender':'" + me + "','order':{'market_id':'"
                        + SPOT + "','order_info':" + orderInfo("0.000000000000025", "1000000000000000000", "c")
                        + ",'order_type':'BUY'}}")));
        assertEquals(new BigDecimal("0.000000000000025"), spot.order().orderInfo().price());
        assertEquals(new BigDecimal("1000000000000000000"), spot.order().orderInfo().quantity());
        assertEquals(v, spot.version());

        DecodedMsg.CreateDerivativeLimitOrder perp = assertInstanceOf(DecodedMsg.CreateDerivativeLimitOrder.class,
                roundTrip(json("{'@type':'" + type(v, "MsgCreateDerivativeLimitOrder") + "','sender':'" + me
                        + "','order':{'market_id':'" + PERP + "','order_info':" + orderInfo("25000000", "1.5", "p")
                        + ",'order_type':'SELL','margin':'37500000'}}")));
        assertEquals(new BigDecimal("25000000"), perp.order().orderInfo().price());
        assertEquals(new BigDecimal("37500000"), perp.order().margin());
        assertEquals(2, perp.order().orderType());

        assertEquals(new DecodedMsg.CancelSpotOrder(type(v, "MsgCancelSpotOrder"), v, me, SPOT, sub, HASH, "x"),
                roundTrip(json("{'@type':'" + type(v, "MsgCancelSpotOrder") + "','sender':'" + me + "','market_id':'"
                        + SPOT + "','subaccount_id':'" + sub + "','order_hash':'" + HASH + "','cid':'x'}")));
        assertEquals(new DecodedMsg.CancelDerivativeOrder(type(v, "MsgCancelDerivativeOrder"), v, me, PERP, sub, "",
                        1, "y"),
                roundTrip(json("{'@type':'" + type(v, "MsgCancelDerivativeOrder") + "','sender':'" + me
                        + "','market_id':'" + PERP + "','subaccount_id':'" + sub + "','order_mask':1,'cid':'y'}")));
        String data = "[{'market_id':'" + SPOT + "','subaccount_id':'" + sub + "','order_hash':'" + HASH + "'}]";
        assertEquals(new DecodedMsg.BatchCancelSpotOrders(type(v, "MsgBatchCancelSpotOrders"), v, me,
                        List.of(new DecodedMsg.OrderData(SPOT, sub, HASH, 0, ""))),
                roundTrip(json("{'@type':'" + type(v, "MsgBatchCancelSpotOrders") + "','sender':'" + me
                        + "','data':" + data + "}")));
        assertEquals(new DecodedMsg.BatchCancelDerivativeOrders(type(v, "MsgBatchCancelDerivativeOrders"), v, me,
                        List.of(new DecodedMsg.OrderData(SPOT, sub, HASH, 0, ""))),
                roundTrip(json("{'@type':'" + type(v, "MsgBatchCancelDerivativeOrders") + "','sender':'" + me
                        + "','data':" + data + "}")));
    }

    @Test
    void v2MarketOrdersRoundTrip() throws Exception {
        DecodedMsg.BatchUpdateOrders b = assertInstanceOf(DecodedMsg.BatchUpdateOrders.class, roundTrip(json(
                "{'@type':'/injective.exchange.v2.MsgBatchUpdateOrders','sender':'" + ME.bech32() + "',"
                        + "'spot_market_orders_to_create':[{'market_id':'" + SPOT + "','order_info':"
                        + orderInfo("30", "1", "m1") + ",'order_type':'BUY'}],"
                        + "'derivative_market_orders_to_create':[{'market_id':'" + PERP + "','order_info':"
                        + orderInfo("20", "2", "m2") + ",'order_type':'SELL','margin':'40'}]}")));
        assertEquals("", b.subaccountId());
        assertEquals("m1", b.spotMarketOrdersToCreate().get(0).orderInfo().cid());
        assertEquals(new BigDecimal("40"), b.derivativeMarketOrdersToCreate().get(0).margin());
    }

    @Test
    void msgSendRoundTripsAndUnknownTypesAreKeptRaw() throws Exception {
        DecodedMsg.MsgSend send = assertInstanceOf(DecodedMsg.MsgSend.class, roundTrip(json(
                "{'@type':'/cosmos.bank.v1beta1.MsgSend','from_address':'" + ME.bech32() + "','to_address':'"
                        + ME.bech32() + "','amount':[{'denom':'inj','amount':'5'},{'denom':'usdt','amount':'0'}]}")));
        assertEquals(List.of(new Coin("inj", "5"), new Coin("usdt", "0")), send.amount());
        DecodedMsg unknown = InjectiveTxDecoder.decodeMessage("/cosmos.staking.v1beta1.MsgDelegate", new byte[]{1});
        assertArrayEquals(new byte[]{1}, assertInstanceOf(DecodedMsg.Unknown.class, unknown).value());
    }

    @Test
    void mainnetVectorDecodesAndVerifies() throws Exception {
        JsonNode tx;
        try (InputStream in = getClass().getResourceAsStream("/vectors/injective.json")) {
            tx = Json.MAPPER.readTree(in).get("mainnetTxVector");
        }
        byte[] bytes = Base64.getDecoder().decode(tx.get("txBytesBase64").asText());
        InjectiveTxDecoder.DecodedTx decoded = InjectiveTxDecoder.decode(bytes);
        DecodedMsg.MsgSend send = assertInstanceOf(DecodedMsg.MsgSend.class, decoded.messages().get(0));
        assertEquals("inj13u6g7vqgw074mgmf2ze2cadzvkz9snlwcrtq8a", send.fromAddress());
        assertEquals("inj1xmpkmxr4as00em23tc2zgmuyy2gr4h3wgcl6vd", send.toAddress());
        assertEquals(List.of(new Coin("inj", "10000000000")), send.amount());
        assertEquals(65, decoded.publicKey().length);
        assertEquals(1, decoded.sequence());
        assertEquals(110_000, decoded.gasLimit());
        assertEquals(List.of(new Coin("inj", "100000000000000")), decoded.fee().amount());
        assertNull(decoded.memo());
        assertEquals(0, decoded.timeoutHeight());
        assertTrue(decoded.verify("injective-1", 17396));
        assertEquals(send.fromAddress(), InjectiveTxDecoder.addressOf(decoded.publicKey()).bech32());
        assertFalse(decoded.verify("injective-888", 17396), "wrong chain id");
        assertFalse(decoded.verify("injective-1", 17397), "wrong account number");
        assertEquals(SignedTx.hashOf(bytes), decoded.hash());
    }

    @Test
    void anyTamperedByteFailsVerification() {
        SignedTx tx = InjectiveTxBuilder.sign(KEY, "injective-888", 9, 0, 150_000, List.of(), null, 0,
                List.of(cancel()));
        byte[] bytes = tx.txBytes();
        assertTrue(InjectiveTxDecoder.decode(bytes).verify("injective-888", 9));
        int tampered = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte[] copy = bytes.clone();
            copy[i] ^= 0x01;
            InjectiveTxDecoder.DecodedTx decoded;
            try {
                decoded = InjectiveTxDecoder.decode(copy);
            } catch (IllegalArgumentException e) {
                continue; // structure broken: refused before verification
            }
            assertFalse(decoded.verify("injective-888", 9), "byte " + i + " flipped still verifies");
            tampered++;
        }
        assertTrue(tampered > bytes.length / 2, "most flips still decode: " + tampered);
    }

    @Test
    void malformedInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> InjectiveTxDecoder.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> InjectiveTxDecoder.decode(new byte[]{0x0a, 0x10, 0x01}));
        assertFalse(InjectiveTxDecoder.verifySignature(new byte[33], new byte[]{1}, new byte[64]));
        assertFalse(InjectiveTxDecoder.verifySignature(new byte[10], new byte[]{1}, new byte[64]));
    }

    private static JsonNode cancel() {
        try {
            return json("{'@type':'/injective.exchange.v2.MsgCancelSpotOrder','sender':'" + ME.bech32()
                    + "','market_id':'" + SPOT + "','subaccount_id':'" + ME.defaultSubaccountId() + "','cid':'c1'}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
