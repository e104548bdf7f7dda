package io.mmplatform.simulator.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.injective.Coin;
import io.mmplatform.common.injective.InjectiveAddress;
import io.mmplatform.common.injective.InjectiveTxBuilder;
import io.mmplatform.common.injective.SignedTx;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Injective chain on a plain simulation (no takers): ante checks, blocks, orders, cancels, fills, positions. */
class InjectiveChainTest {
    static final String FEED = "7a5bc1d2b56ad029048cd63964b3ad2776eadf812edc1a43a31406cb54bff592";
    static final String SPOT_ID = "0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe";
    static final String PERP_ID = "0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6";
    static final String CHAIN = "injective-888";
    static final long T0 = 1_800_000_000_000L;
    static final String ALICE = "0x1111111111111111111111111111111111111111111111111111111111111111";
    static final String BOB = "0x2222222222222222222222222222222222222222222222222222222222222222";
    static final BigDecimal TICK = new BigDecimal("0.001");

    final Simulation sim;
    final InjectiveChain chain;

    InjectiveChainTest() {
        MarketSpec inj = new MarketSpec("INJ", 1, new BigDecimal("25"), 10, FEED);
        MarketSpec spotBook = new MarketSpec("INJ/USDT", 3, new BigDecimal("25"), 1, FEED);
        MarketSpec perpBook = new MarketSpec("INJ/USDT PERP", 3, new BigDecimal("25"), 20, FEED);
        sim = new Simulation(List.of(inj), EngineSettings.defaults(), ReferenceSettings.defaults(),
                new TakerSettings(BigDecimal.ZERO, BigDecimal.TEN, new BigDecimal("20"), BigDecimal.TEN, 1), 1, T0,
                Map.of(), List.of(new LinkedMarket(spotBook, "INJ", BigDecimal.ZERO),
                new LinkedMarket(perpBook, "INJ", BigDecimal.ZERO)));
        InjectiveMarket spot = new InjectiveMarket(SPOT_ID, "INJ/USDT", InjectiveMarket.Kind.SPOT, spotBook, "inj",
                "peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5", 18, 6, TICK, TICK, BigDecimal.ONE,
                BigDecimal.ZERO, BigDecimal.ZERO, "", "");
        InjectiveMarket perp = new InjectiveMarket(PERP_ID, "INJ/USDT PERP", InjectiveMarket.Kind.DERIVATIVE,
                perpBook, "", "peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5", 0, 6, TICK, TICK, BigDecimal.ONE,
                new BigDecimal("0.05"), new BigDecimal("0.02"), "INJ", "USDT");
        chain = new InjectiveChain(sim, new InjectiveSettings(CHAIN, 100, List.of(spot, perp), 500, 1), 7, T0);
    }

    static InjectiveAddress address(String key) {
        return InjectiveAddress.fromPrivateKey(key);
    }

    static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    static String orderInfo(String key, String price, String qty, String cid) {
        InjectiveAddress a = address(key);
        return "{'subaccount_id':'" + a.defaultSubaccountId() + "','fee_recipient':'" + a.bech32() + "','price':'"
                + price + "','quantity':'" + qty + "','cid':'" + cid + "'}";
    }

    static JsonNode batch(String key, String body) throws Exception {
        InjectiveAddress a = address(key);
        return json("{'@type':'/injective.exchange.v2.MsgBatchUpdateOrders','sender':'" + a.bech32()
                + "','subaccount_id':'" + a.defaultSubaccountId() + "'" + body + "}");
    }

    SignedTx sign(String key, long sequence, String chainId, JsonNode... messages) {
        long number = chain.account(address(key).bech32()).accountNumber();
        return InjectiveTxBuilder.sign(key, chainId, number, sequence, 300_000, List.of(new Coin("inj", "1")), null,
                0, List.of(messages));
    }

    InjectiveChain.TxResult include(SignedTx tx, long now) {
        InjectiveChain.BroadcastResult r = chain.broadcast(tx.txBytes(), now);
        assertEquals(0, r.code(), r.rawLog());
        assertEquals(tx.hash(), r.txhash());
        assertNull(chain.tx(tx.hash()), "not before the next block");
        chain.produceBlocks(now + 100);
        InjectiveChain.TxResult result = chain.tx(tx.hash());
        assertNotNull(result, "included in the next block");
        return result;
    }

    @Test
    void accountsGetNumbersInOrderOfFirstSightAndStartAtSequenceZero() {
        InjectiveChain.AccountState a = chain.account(address(ALICE).bech32());
        InjectiveChain.AccountState b = chain.account(address(BOB).bech32());
        assertEquals(500, a.accountNumber());
        assertEquals(501, b.accountNumber());
        assertEquals(0, a.sequence());
        assertNull(a.publicKey());
        assertEquals(500, chain.account(address(ALICE).bech32()).accountNumber(), "stable");
    }

    @Test
    void batchCreatesOrdersBothVersionsAndCancelsByHashCidAndMarket() throws Exception {
        JsonNode create = batch(ALICE, ",'spot_orders_to_create':[{'market_id':'" + SPOT_ID + "','order_info':"
                + orderInfo(ALICE, "20.5", "1.5", "b1") + ",'order_type':'BUY_PO'},{'market_id':'" + SPOT_ID
                + "','order_info':" + orderInfo(ALICE, "30", "2", "a1") + ",'order_type':'SELL'},{'market_id':'"
                + SPOT_ID + "','order_info':" + orderInfo(ALICE, "20.0005", "1", "bad-tick") + ",'order_type':'BUY'}],"
                + "'derivative_orders_to_create':[{'market_id':'" + PERP_ID + "','order_info':"
                + orderInfo(ALICE, "20", "1", "p1") + ",'order_type':'BUY','margin':'2'},{'market_id':'" + PERP_ID
                + "','order_info':" + orderInfo(ALICE, "20", "1", "thin") + ",'order_type':'BUY','margin':'0.5'}]");
        InjectiveChain.TxResult r = include(sign(ALICE, 0, CHAIN, create), T0 + 10);
        assertEquals(0, r.code(), r.rawLog());
        Map<String, Object> resp = r.msgResponses().get(0);
        assertEquals(List.of("b1", "a1"), resp.get("created_spot_orders_cids"));
        assertEquals(List.of("bad-tick"), resp.get("failed_spot_orders_cids"));
        assertEquals(List.of("p1"), resp.get("created_derivative_orders_cids"));
        assertEquals(List.of("thin"), resp.get("failed_derivative_orders_cids"));
        InjectiveMarket spot = chain.market(SPOT_ID);
        InjectiveChain.TopOfBook tob = chain.topOfBook(spot);
        assertEquals(0, new BigDecimal("20.5").compareTo(tob.bestBuy()));
        assertEquals(0, new BigDecimal("30").compareTo(tob.bestSell()));
        assertEquals(0, new BigDecimal("25.25").compareTo(tob.mid()));
        List<InjectiveChain.OpenOrder> orders = chain.orders(spot, address(ALICE).defaultSubaccountId());
        assertEquals(2, orders.size());
        assertEquals(1, sim.withEngine(e -> e.openOrders(address(ALICE).bech32()).stream()
                .filter(o -> o.coin().equals("INJ/USDT PERP")).count()).intValue());
        assertEquals(0, new BigDecimal("2").compareTo(chain.orders(chain.market(PERP_ID),
                address(ALICE).defaultSubaccountId()).get(0).margin()));

        // v1beta1 spot order in chain format: 21 USDT = 21 x 10^(6-18), 1 INJ = 10^18
        JsonNode v1 = json("{'@type':'/injective.exchange.v1beta1.MsgCreateSpotLimitOrder','sender':'"
                + address(ALICE).bech32() + "','order':{'market_id':'" + SPOT_ID + "','order_info':"
                + orderInfo(ALICE, "0.000000000021", "1000000000000000000", "v1") + ",'order_type':'BUY'}}");
        InjectiveChain.TxResult r2 = include(sign(ALICE, 1, CHAIN, v1), T0 + 200);
        assertEquals(0, r2.code(), r2.rawLog());
        assertEquals(0, new BigDecimal("21").compareTo(chain.topOfBook(spot).bestBuy()));

        String b1Hash = orders.stream().filter(o -> o.cid().equals("b1")).findFirst().orElseThrow().orderHash();
        JsonNode cancel = batch(ALICE, ",'derivative_market_ids_to_cancel_all':['" + PERP_ID + "'],"
                + "'spot_orders_to_cancel':[{'market_id':'" + SPOT_ID + "','subaccount_id':'"
                + address(ALICE).defaultSubaccountId() + "','order_hash':'" + b1Hash + "'},{'market_id':'" + SPOT_ID
                + "','subaccount_id':'" + address(ALICE).defaultSubaccountId() + "','cid':'v1'},{'market_id':'"
                + SPOT_ID + "','subaccount_id':'" + address(ALICE).defaultSubaccountId() + "','cid':'nope'}]");
        InjectiveChain.TxResult r3 = include(sign(ALICE, 2, CHAIN, cancel), T0 + 400);
        assertEquals(List.of(true, true, false), r3.msgResponses().get(0).get("spot_cancel_success"));
        List<InjectiveChain.OpenOrder> left = chain.orders(spot, address(ALICE).defaultSubaccountId());
        assertEquals(List.of("a1"), left.stream().map(InjectiveChain.OpenOrder::cid).toList());
        assertTrue(chain.orders(chain.market(PERP_ID), address(ALICE).defaultSubaccountId()).isEmpty());
    }

    @Test
    void sequenceSignatureAndSignerChecks() throws Exception {
        JsonNode msg = batch(ALICE, "");
        InjectiveChain.BroadcastResult wrongSeq = chain.broadcast(sign(ALICE, 3, CHAIN, msg).txBytes(), T0);
        assertEquals(32, wrongSeq.code());
        assertEquals("sdk", wrongSeq.codespace());
        assertEquals("account sequence mismatch, expected 0, got 3: incorrect account sequence", wrongSeq.rawLog());

        InjectiveChain.BroadcastResult wrongChain = chain.broadcast(sign(ALICE, 0, "injective-1", msg).txBytes(), T0);
        assertEquals(4, wrongChain.code());
        assertTrue(wrongChain.rawLog().startsWith("signature verification failed; please verify account number (500)"
                + " and chain-id (injective-888)"), wrongChain.rawLog());

        InjectiveChain.BroadcastResult wrongAccount = chain.broadcast(InjectiveTxBuilder.sign(ALICE, CHAIN, 999, 0,
                300_000, List.of(), null, 0, List.of(msg)).txBytes(), T0);
        assertEquals(4, wrongAccount.code());

        // Bob signs a message whose sender is Alice: his key is not Alice's account
        InjectiveChain.BroadcastResult impostor = chain.broadcast(InjectiveTxBuilder.sign(BOB, CHAIN, 500, 0,
                300_000, List.of(), null, 0, List.of(msg)).txBytes(), T0);
        assertEquals(8, impostor.code(), impostor.rawLog());

        byte[] bytes = sign(ALICE, 0, CHAIN, msg).txBytes();
        bytes[bytes.length - 1] ^= 1; // last byte of the signature
        assertEquals(4, chain.broadcast(bytes, T0).code());
        assertEquals(2, chain.broadcast(new byte[]{1, 2, 3}, T0).code());
        assertEquals(0, chain.account(address(ALICE).bech32()).sequence(), "refusals do not use the sequence");

        assertEquals(0, chain.broadcast(sign(ALICE, 0, CHAIN, msg).txBytes(), T0).code());
        assertEquals(1, chain.account(address(ALICE).bech32()).sequence());
        assertNotNull(chain.account(address(ALICE).bech32()).publicKey());
        assertEquals(0, chain.broadcast(sign(ALICE, 1, CHAIN, msg).txBytes(), T0).code(), "two in one block");
        assertEquals(2, chain.mempoolSize());
    }

    @Test
    void faultsRaceTheSequenceOrDropTheTransaction() throws Exception {
        chain.faults(1, 0);
        InjectiveChain.BroadcastResult raced = chain.broadcast(sign(ALICE, 0, CHAIN, batch(ALICE, "")).txBytes(), T0);
        assertEquals(32, raced.code());
        assertEquals("account sequence mismatch, expected 1, got 0: incorrect account sequence", raced.rawLog());
        chain.faults(0, 1);
        SignedTx tx = sign(ALICE, 1, CHAIN, batch(ALICE, ""));
        assertEquals(0, chain.broadcast(tx.txBytes(), T0).code());
        chain.produceBlocks(T0 + 1_000);
        assertNull(chain.tx(tx.hash()), "dropped: never included");
        assertEquals(2, chain.account(address(ALICE).bech32()).sequence());
    }

    @Test
    void fillsMakePositionsAndTrades() throws Exception {
        JsonNode ask = batch(ALICE, ",'derivative_orders_to_create':[{'market_id':'" + PERP_ID + "','order_info':"
                + orderInfo(ALICE, "25", "2", "ask") + ",'order_type':'SELL_PO','margin':'5'}]");
        include(sign(ALICE, 0, CHAIN, ask), T0);
        JsonNode buy = json("{'@type':'/injective.exchange.v2.MsgCreateDerivativeLimitOrder','sender':'"
                + address(BOB).bech32() + "','order':{'market_id':'" + PERP_ID + "','order_info':"
                + orderInfo(BOB, "25.5", "1.5", "take") + ",'order_type':'BUY','margin':'4'}}");
        InjectiveChain.TxResult r = include(sign(BOB, 0, CHAIN, buy), T0 + 200);
        assertEquals(0, r.code(), r.rawLog());
        List<InjectiveChain.PositionView> bob = chain.positions(address(BOB).defaultSubaccountId());
        assertEquals(1, bob.size());
        assertTrue(bob.get(0).isLong());
        assertEquals(0, new BigDecimal("1.5").compareTo(bob.get(0).quantity()));
        assertEquals(0, new BigDecimal("25").compareTo(bob.get(0).entryPrice()));
        List<InjectiveChain.PositionView> alice = chain.positions(address(ALICE).defaultSubaccountId());
        assertFalse(alice.get(0).isLong());
        List<InjectiveChain.TradeView> trades = chain.trades(address(ALICE).defaultSubaccountId(), null, 10);
        assertEquals(1, trades.size());
        assertTrue(trades.get(0).isMaker());
        assertEquals("ask", trades.get(0).cid());

        // post-only that would cross fails the single-order message
        JsonNode crossing = json("{'@type':'/injective.exchange.v2.MsgCreateDerivativeLimitOrder','sender':'"
                + address(BOB).bech32() + "','order':{'market_id':'" + PERP_ID + "','order_info':"
                + orderInfo(BOB, "26", "0.1", "po") + ",'order_type':'BUY_PO','margin':'1'}}");
        InjectiveChain.TxResult failed = include(sign(BOB, 1, CHAIN, crossing), T0 + 400);
        assertEquals(47, failed.code());
        assertEquals("exchange", failed.codespace());
        assertTrue(failed.rawLog().startsWith("failed to execute message; message index: 0:"), failed.rawLog());
    }
}
