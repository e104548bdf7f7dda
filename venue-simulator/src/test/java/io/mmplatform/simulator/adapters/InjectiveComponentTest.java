package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.injective.Coin;
import io.mmplatform.common.injective.InjectiveAddress;
import io.mmplatform.common.injective.InjectiveTxBuilder;
import io.mmplatform.common.injective.SignedTx;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Injective dialect over HTTP with real signed transactions from common's InjectiveTxBuilder: broadcast, block
 * inclusion, the book and the subaccount's orders, cancel by batch, the ante handler's refusals (test profile: blocks
 * every 100 ms, chain injective-888, testnet market ids). Our orders rest 40% away from the INJ reference, beyond
 * the takers' band.
 */
@QuarkusTest
class InjectiveComponentTest {
    static final String KEY = "0x4444444444444444444444444444444444444444444444444444444444444444";
    static final String CHAIN = "injective-888";
    static final String SPOT = "0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe";
    static final String PERP = "0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6";
    static final InjectiveAddress ME = InjectiveAddress.fromPrivateKey(KEY);

    @TestHTTPResource("/")
    URL base;

    HttpResponse<String> post(String path, String body) throws Exception {
        return SimulatorComponentTest.HTTP.send(HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return SimulatorComponentTest.HTTP.send(HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getOk(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Json.MAPPER.readTree(r.body());
    }

    JsonNode account() throws Exception {
        return account(ME);
    }

    JsonNode account(InjectiveAddress address) throws Exception {
        return getOk("/cosmos/auth/v1beta1/accounts/" + address.bech32()).get("account").get("base_account");
    }

    SignedTx sign(long sequence, String chainId, JsonNode message) throws Exception {
        return sign(KEY, sequence, chainId, message);
    }

    SignedTx sign(String key, long sequence, String chainId, JsonNode message) throws Exception {
        long number = Long.parseLong(account(InjectiveAddress.fromPrivateKey(key)).get("account_number").asText());
        return InjectiveTxBuilder.sign(key, chainId, number, sequence, 400_000,
                List.of(new Coin("inj", "200000000000000")), "component-test", 0, List.of(message));
    }

    JsonNode broadcast(SignedTx tx) throws Exception {
        return broadcast(tx.txBytesBase64());
    }

    JsonNode broadcast(String base64) throws Exception {
        HttpResponse<String> r = post("/cosmos/tx/v1beta1/txs", "{\"tx_bytes\":\"" + base64
                + "\",\"mode\":\"BROADCAST_MODE_SYNC\"}");
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body()).get("tx_response");
    }

    /** Polls GET /cosmos/tx/v1beta1/txs/{hash} until the transaction is in a block (404 before). */
    JsonNode confirmed(String hash) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = get("/cosmos/tx/v1beta1/txs/" + hash);
            if (r.statusCode() == 200) {
                return Json.MAPPER.readTree(r.body()).get("tx_response");
            }
            assertEquals(404, r.statusCode(), r.body());
            assertEquals(5, Json.MAPPER.readTree(r.body()).get("code").asInt());
            Thread.sleep(25);
        }
        throw new AssertionError("transaction " + hash + " was not included within 10 s");
    }

    static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    static String orderInfo(BigDecimal price, String qty, String cid) {
        return "{'subaccount_id':'" + ME.defaultSubaccountId() + "','fee_recipient':'" + ME.bech32() + "','price':'"
                + price.toPlainString() + "','quantity':'" + qty + "','cid':'" + cid + "'}";
    }

    static JsonNode batch(String body) throws Exception {
        return json("{'@type':'/injective.exchange.v2.MsgBatchUpdateOrders','sender':'" + ME.bech32()
                + "','subaccount_id':'" + ME.defaultSubaccountId() + "'" + body + "}");
    }

    static BigDecimal dec(JsonNode n) {
        return n == null || n.isNull() ? null : new BigDecimal(n.asText());
    }

    @Test
    void batchOrdersAreConfirmedBookedAndCancelledAndTheAnteHandlerRefusesBadTxs() throws Exception {
        JsonNode funded = Json.MAPPER.readTree(post("/sim/injective/fund", "{\"address\":\"" + ME.bech32() + "\"}")
                .body()).get("account");
        assertEquals("/injective.types.v1beta1.EthAccount", funded.get("@type").asText());
        assertEquals(ME.bech32(), funded.get("base_account").get("address").asText());
        assertEquals("0", funded.get("base_account").get("sequence").asText());
        assertTrue(funded.get("base_account").get("pub_key").isNull());

        JsonNode perpMarket = getOk("/injective/exchange/v2/derivative/markets").get("markets").get(0);
        assertEquals(PERP, perpMarket.get("market").get("market_id").asText());
        assertEquals("INJ/USDT PERP", perpMarket.get("market").get("ticker").asText());
        JsonNode spotMarket = getOk("/injective/exchange/v2/spot/markets").get("markets").get(0);
        assertEquals(SPOT, spotMarket.get("market_id").asText());
        assertEquals(0, new BigDecimal("0.001").compareTo(dec(spotMarket.get("min_price_tick_size"))));
        BigDecimal ref = dec(perpMarket.get("mark_price"));
        BigDecimal bid = ref.multiply(new BigDecimal("0.6")).setScale(3, RoundingMode.DOWN);
        BigDecimal ask = ref.multiply(new BigDecimal("1.4")).setScale(3, RoundingMode.UP);

        // create: two spot orders and one perp order in one signed batch (gas estimated first)
        SignedTx create = sign(0, CHAIN, batch(",'spot_orders_to_create':[{'market_id':'" + SPOT + "','order_info':"
                + orderInfo(bid, "1.5", "ct-bid") + ",'order_type':'BUY_PO'},{'market_id':'" + SPOT + "','order_info':"
                + orderInfo(ask, "2", "ct-ask") + ",'order_type':'SELL_PO'}],'derivative_orders_to_create':[{"
                + "'market_id':'" + PERP + "','order_info':" + orderInfo(bid, "1", "ct-perp")
                + ",'order_type':'BUY','margin':'" + bid.toPlainString() + "'}]"));
        HttpResponse<String> simulated = post("/cosmos/tx/v1beta1/simulate", "{\"tx_bytes\":\""
                + create.txBytesBase64() + "\"}");
        assertEquals(200, simulated.statusCode(), simulated.body());
        assertTrue(Json.MAPPER.readTree(simulated.body()).get("gas_info").get("gas_used").asLong() > 0);
        assertEquals("0", account().get("sequence").asText(), "simulate does not use the sequence");
        JsonNode accepted = broadcast(create);
        assertEquals(0, accepted.get("code").asInt(), accepted.toString());
        assertEquals(create.hash(), accepted.get("txhash").asText());
        assertEquals("0", accepted.get("height").asText());
        JsonNode included = confirmed(create.hash());
        assertEquals(0, included.get("code").asInt(), included.toString());
        assertTrue(Long.parseLong(included.get("height").asText()) > 0);
        JsonNode response = included.get("msg_responses").get(0);
        assertEquals("/injective.exchange.v2.MsgBatchUpdateOrdersResponse", response.get("@type").asText());
        assertEquals(2, response.get("spot_order_hashes").size());
        assertEquals(json("['ct-bid','ct-ask']"), response.get("created_spot_orders_cids"));
        assertEquals(json("['ct-perp']"), response.get("created_derivative_orders_cids"));

        JsonNode acct = account();
        assertEquals("1", acct.get("sequence").asText());
        assertEquals(33, Base64.getDecoder().decode(acct.get("pub_key").get("key").asText()).length);

        JsonNode book = getOk("/injective/exchange/v2/spot/orderbook/" + SPOT + "?limit=5");
        assertEquals(0, bid.compareTo(dec(book.get("buys_price_level").get(0).get("p"))));
        assertEquals(0, new BigDecimal("1.5").compareTo(dec(book.get("buys_price_level").get(0).get("q"))));
        assertEquals(0, ask.compareTo(dec(book.get("sells_price_level").get(0).get("p"))));
        JsonNode tob = getOk("/injective/exchange/v2/spot/mid_price_and_tob/" + SPOT);
        assertEquals(0, bid.compareTo(dec(tob.get("best_buy_price"))));
        assertEquals(0, ask.compareTo(dec(tob.get("best_sell_price"))));
        assertEquals(0, bid.add(ask).divide(BigDecimal.valueOf(2)).compareTo(dec(tob.get("mid_price"))));
        assertEquals(bid.setScale(18).toPlainString(), tob.get("best_buy_price").asText(), "LegacyDec JSON form");

        JsonNode spotOrders = getOk("/injective/exchange/v2/spot/orders/" + SPOT + "/" + ME.defaultSubaccountId())
                .get("orders");
        assertEquals(2, spotOrders.size());
        JsonNode perpOrders = getOk("/injective/exchange/v2/derivative/orders/" + PERP + "/"
                + ME.defaultSubaccountId()).get("orders");
        assertEquals(1, perpOrders.size());
        assertEquals("ct-perp", perpOrders.get(0).get("cid").asText());
        assertTrue(perpOrders.get(0).get("isBuy").asBoolean());
        assertEquals(0, bid.compareTo(dec(perpOrders.get(0).get("margin"))));
        assertEquals(0, bid.compareTo(dec(getOk("/injective/exchange/v2/derivative/mid_price_and_tob/" + PERP)
                .get("best_buy_price"))));

        // wrong sequence: code 32 with the chain's exact raw_log, nothing used
        JsonNode stale = broadcast(sign(0, CHAIN, batch("")));
        assertEquals(32, stale.get("code").asInt());
        assertEquals("sdk", stale.get("codespace").asText());
        assertEquals("account sequence mismatch, expected 1, got 0: incorrect account sequence",
                stale.get("raw_log").asText());

        // bad signatures: signed for another chain, or one signature byte flipped
        JsonNode otherChain = broadcast(sign(1, "injective-1", batch("")));
        assertEquals(4, otherChain.get("code").asInt(), otherChain.toString());
        assertTrue(otherChain.get("raw_log").asText().startsWith("signature verification failed"));
        byte[] tampered = sign(1, CHAIN, batch("")).txBytes();
        tampered[tampered.length - 5] ^= 0x10;
        JsonNode flipped = broadcast(Base64.getEncoder().encodeToString(tampered));
        assertEquals(4, flipped.get("code").asInt(), flipped.toString());
        assertEquals("1", account().get("sequence").asText(), "refused broadcasts do not use the sequence");

        // cancel by batch: one spot order by hash, one by cid, the perp market by cancel-all
        String bidHash = null;
        for (JsonNode o : spotOrders) {
            if (o.get("cid").asText().equals("ct-bid")) {
                bidHash = o.get("order_hash").asText();
            }
        }
        SignedTx cancel = sign(1, CHAIN, batch(",'derivative_market_ids_to_cancel_all':['" + PERP + "'],"
                + "'spot_orders_to_cancel':[{'market_id':'" + SPOT + "','subaccount_id':'" + ME.defaultSubaccountId()
                + "','order_hash':'" + bidHash + "'},{'market_id':'" + SPOT + "','subaccount_id':'"
                + ME.defaultSubaccountId() + "','cid':'ct-ask'}]"));
        assertEquals(0, broadcast(cancel).get("code").asInt());
        JsonNode cancelled = confirmed(cancel.hash());
        assertEquals(json("[true,true]"), cancelled.get("msg_responses").get(0).get("spot_cancel_success"));
        assertEquals(0, getOk("/injective/exchange/v2/spot/orders/" + SPOT + "/" + ME.defaultSubaccountId())
                .get("orders").size());
        assertEquals(0, getOk("/injective/exchange/v2/derivative/orders/" + PERP + "/" + ME.defaultSubaccountId())
                .get("orders").size());
        JsonNode after = getOk("/injective/exchange/v2/spot/mid_price_and_tob/" + SPOT);
        assertNotEquals(bid.setScale(18).toPlainString(), after.path("best_buy_price").asText());
        for (JsonNode level : getOk("/injective/exchange/v2/spot/orderbook/" + SPOT).get("buys_price_level")) {
            assertFalse(bid.compareTo(dec(level.get("p"))) == 0, "our bid left the book");
        }
    }

    @Test
    void sequenceRaceAndDroppedBroadcastFaultsThroughSimFaults() throws Exception {
        String key = "0x4545454545454545454545454545454545454545454545454545454545454545";
        InjectiveAddress other = InjectiveAddress.fromPrivateKey(key);
        JsonNode empty = json("{'@type':'/injective.exchange.v2.MsgBatchUpdateOrders','sender':'" + other.bech32()
                + "'}");
        try {
            HttpResponse<String> set = post("/sim/faults", "{\"injectiveSequenceRaceRate\":1}");
            assertEquals(200, set.statusCode(), set.body());
            assertEquals(1.0, Json.MAPPER.readTree(set.body()).get("injectiveSequenceRaceRate").asDouble());
            JsonNode raced = broadcast(sign(key, 0, CHAIN, empty));
            assertEquals(32, raced.get("code").asInt());
            assertEquals("account sequence mismatch, expected 1, got 0: incorrect account sequence",
                    raced.get("raw_log").asText());

            post("/sim/faults", "{\"injectiveSequenceRaceRate\":0,\"injectiveDroppedBroadcastRate\":1}");
            SignedTx lost = sign(key, 1, CHAIN, empty);
            assertEquals(0, broadcast(lost).get("code").asInt());
            Thread.sleep(500); // several blocks
            assertEquals(404, get("/cosmos/tx/v1beta1/txs/" + lost.hash()).statusCode(), "never included");
            assertEquals("2", account(other).get("sequence").asText());
            assertEquals(400, post("/sim/faults", "{\"injectiveDroppedBroadcastRate\":2}").statusCode());
        } finally {
            post("/sim/faults", "{\"injectiveSequenceRaceRate\":0,\"injectiveDroppedBroadcastRate\":0}");
        }
    }

    @Test
    void unknownThingsAnswerTheGatewaysErrors() throws Exception {
        HttpResponse<String> missing = get("/cosmos/tx/v1beta1/txs/" + "AB".repeat(32));
        assertEquals(404, missing.statusCode());
        assertEquals(5, Json.MAPPER.readTree(missing.body()).get("code").asInt());
        assertEquals(404, get("/injective/exchange/v2/spot/mid_price_and_tob/0x" + "00".repeat(32)).statusCode());
        assertEquals(404, get("/injective/exchange/v2/derivative/orderbook/" + SPOT).statusCode(),
                "the spot market is not a derivative market");
        assertEquals(400, get("/cosmos/auth/v1beta1/accounts/inj1notanaddress").statusCode());
        assertEquals(400, post("/cosmos/tx/v1beta1/txs", "{\"mode\":\"BROADCAST_MODE_SYNC\"}").statusCode());
        JsonNode garbage = broadcast(Base64.getEncoder().encodeToString(new byte[]{1, 2, 3}));
        assertEquals(2, garbage.get("code").asInt());
        JsonNode block = getOk("/cosmos/base/tendermint/v1beta1/blocks/latest").get("block").get("header");
        assertEquals(CHAIN, block.get("chain_id").asText());
    }
}
