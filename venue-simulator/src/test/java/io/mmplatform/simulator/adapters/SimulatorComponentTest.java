package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.hyperliquid.HyperliquidSigner;
import io.mmplatform.common.hyperliquid.HyperliquidWire;
import io.mmplatform.common.hyperliquid.NonceGenerator;
import io.mmplatform.common.hyperliquid.Signature;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator as a client sees it: real HTTP, real signatures (web3j keys signed with the common signer), real
 * clock and taker flow (test profile: 20 taker orders per second per market, band 100 bps).
 */
@QuarkusTest
class SimulatorComponentTest {
    static final String BTC_FEED = "e62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43";
    static final String ETH_FEED = "ff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace";

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final NonceGenerator NONCES = new NonceGenerator();

    @TestHTTPResource("/")
    URL base;

    static ECKeyPair key(String hex) {
        return Credentials.create(hex).getEcKeyPair();
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery.substring(1)))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode info(String body) throws Exception {
        HttpResponse<String> r = post("/info", body);
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    static ObjectNode order(int asset, boolean buy, BigDecimal px, BigDecimal sz, String tif, String cloid) {
        ObjectNode action = Json.MAPPER.createObjectNode();
        action.put("type", "order");
        ObjectNode o = action.putArray("orders").addObject();
        o.put("a", asset);
        o.put("b", buy);
        o.put("p", HyperliquidWire.decimalToWire(px));
        o.put("s", HyperliquidWire.decimalToWire(sz));
        o.put("r", false);
        o.putObject("t").putObject("limit").put("tif", tif);
        if (cloid != null) {
            o.put("c", cloid);
        }
        action.put("grouping", "na");
        return action;
    }

    static ObjectNode cancel(int asset, long oid) {
        ObjectNode action = Json.MAPPER.createObjectNode();
        action.put("type", "cancel");
        ObjectNode c = action.putArray("cancels").addObject();
        c.put("a", asset);
        c.put("o", oid);
        return action;
    }

    static ObjectNode cancelByCloid(int asset, String cloid) {
        ObjectNode action = Json.MAPPER.createObjectNode();
        action.put("type", "cancelByCloid");
        ObjectNode c = action.putArray("cancels").addObject();
        c.put("asset", asset);
        c.put("cloid", cloid);
        return action;
    }

    static String body(ObjectNode action, long nonce, ObjectNode signature) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("action", action);
        body.put("nonce", nonce);
        body.set("signature", signature);
        body.putNull("vaultAddress");
        return body.toString();
    }

    static String signed(ECKeyPair key, ObjectNode action, long nonce) {
        Signature sig = HyperliquidSigner.signL1Action(key, action, nonce, null, null, false);
        return body(action, nonce, sig.toJson());
    }

    JsonNode exchange(String body) throws Exception {
        HttpResponse<String> r = post("/exchange", body);
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    JsonNode exchange(ECKeyPair key, ObjectNode action) throws Exception {
        return exchange(signed(key, action, NONCES.next()));
    }

    BigDecimal btcReference() throws Exception {
        HttpResponse<String> r = get("/v2/updates/price/latest?ids%5B%5D=" + BTC_FEED);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode p = Json.MAPPER.readTree(r.body()).get("parsed").get(0).get("price");
        return new BigDecimal(p.get("price").textValue()).movePointLeft(8);
    }

    static JsonNode status0(JsonNode exchangeAnswer) {
        assertEquals("ok", exchangeAnswer.path("status").asText(), exchangeAnswer.toString());
        return exchangeAnswer.get("response").get("data").get("statuses").get(0);
    }

    @Test
    void metaListsTheMarketsInOrder() throws Exception {
        JsonNode meta = info("{\"type\":\"meta\"}");
        List<String> names = new ArrayList<>();
        meta.get("universe").forEach(a -> names.add(a.get("name").asText()));
        assertEquals(List.of("BTC", "ETH", "SOL", "INJ"), names);
        assertEquals(5, meta.get("universe").get(0).get("szDecimals").asInt());
        assertEquals(1, meta.get("universe").get(3).get("szDecimals").asInt());
        JsonNode mids = info("{\"type\":\"allMids\"}");
        for (String n : names) {
            assertTrue(new BigDecimal(mids.get(n).asText()).signum() > 0);
        }
        assertEquals(422, post("/info", "{\"type\":\"nope\"}").statusCode());
    }

    @Test
    void signedOrderRestsShowsInBookAndCancels() throws Exception {
        ECKeyPair key = key("0x1111111111111111111111111111111111111111111111111111111111111111");
        String address = HyperliquidSigner.address(key);
        BigDecimal px = HyperliquidWire.roundPrice(btcReference().multiply(new BigDecimal("0.5")), 5, true,
                RoundingMode.DOWN);
        String cloid = "0x000000000000000000000000000000a1";
        JsonNode st = status0(exchange(key, order(0, true, px, new BigDecimal("0.001"), "Gtc", cloid)));
        long oid = st.get("resting").get("oid").asLong();
        assertEquals(cloid, st.get("resting").get("cloid").asText());

        JsonNode open = info("{\"type\":\"openOrders\",\"user\":\"" + address + "\"}");
        assertEquals(1, open.size());
        assertEquals(oid, open.get(0).get("oid").asLong());
        assertEquals("BTC", open.get(0).get("coin").asText());
        assertEquals("B", open.get(0).get("side").asText());
        assertEquals(0, px.compareTo(new BigDecimal(open.get(0).get("limitPx").asText())));
        assertEquals(0, new BigDecimal("0.001").compareTo(new BigDecimal(open.get(0).get("sz").asText())));
        assertEquals(cloid, open.get(0).get("cloid").asText());

        JsonNode book = info("{\"type\":\"l2Book\",\"coin\":\"BTC\"}");
        assertEquals("BTC", book.get("coin").asText());
        boolean found = false;
        for (JsonNode level : book.get("levels").get(0)) {
            found |= new BigDecimal(level.get("px").asText()).compareTo(px) == 0 && level.get("n").asInt() >= 1;
        }
        assertTrue(found, "our bid is on the book: " + book);

        assertEquals("success", status0(exchange(key, cancel(0, oid))).asText());
        assertEquals(0, info("{\"type\":\"openOrders\",\"user\":\"" + address + "\"}").size());
        assertTrue(status0(exchange(key, cancel(0, oid))).get("error").asText().contains("never placed"));

        // by cloid, and someone else cannot cancel it
        String cloid2 = "0x000000000000000000000000000000a2";
        status0(exchange(key, order(0, true, px, new BigDecimal("0.001"), "Alo", cloid2))).get("resting").get("oid");
        ECKeyPair other = key("0x2222222222222222222222222222222222222222222222222222222222222222");
        assertTrue(status0(exchange(other, cancelByCloid(0, cloid2))).has("error"));
        assertEquals("success", status0(exchange(key, cancelByCloid(0, cloid2))).asText());
        assertEquals(0, info("{\"type\":\"openOrders\",\"user\":\"" + address + "\"}").size());
    }

    @Test
    void postOnlyThatWouldCrossIsRejected() throws Exception {
        ECKeyPair maker = key("0x3333333333333333333333333333333333333333333333333333333333333333");
        ECKeyPair poster = key("0x4444444444444444444444444444444444444444444444444444444444444444");
        BigDecimal ask = HyperliquidWire.roundPrice(btcReference().multiply(new BigDecimal("1.5")), 5, true,
                RoundingMode.UP);
        assertTrue(status0(exchange(maker, order(0, false, ask, new BigDecimal("0.001"), "Gtc", null))).has("resting"));
        JsonNode st = status0(exchange(poster, order(0, true, ask, new BigDecimal("0.001"), "Alo", null)));
        String error = st.get("error").asText();
        assertTrue(error.startsWith("Post only order would have immediately matched, bbo was "), error);
        assertTrue(error.contains("@" + ask.stripTrailingZeros().toPlainString()), error);
        assertEquals(0, info("{\"type\":\"openOrders\",\"user\":\"" + HyperliquidSigner.address(poster) + "\"}").size());
        // and the venue checks prices and sizes like the real one
        String badPx = status0(exchange(poster, order(0, true, new BigDecimal("12345.6"), new BigDecimal("0.001"),
                "Gtc", null))).get("error").asText();
        assertEquals("Order has invalid price. asset=0", badPx, "6 significant figures");
        String badSz = status0(exchange(poster, order(0, true, new BigDecimal("50000"), new BigDecimal("0.000001"),
                "Gtc", null))).get("error").asText();
        assertEquals("Order has invalid size. asset=0", badSz);
    }

    @Test
    void badSignaturesAndReusedNoncesAreRejected() throws Exception {
        ECKeyPair key = key("0x5555555555555555555555555555555555555555555555555555555555555555");
        ObjectNode action = cancel(0, 1);
        long nonce = NONCES.next();
        Signature good = HyperliquidSigner.signL1Action(key, action, nonce, null, null, false);

        Signature highS = new Signature(good.r(), HyperliquidExchange.CURVE_N.subtract(good.s()), good.v() == 27 ? 28 : 27);
        JsonNode r1 = exchange(body(action, nonce, highS.toJson()));
        assertEquals("err", r1.get("status").asText());
        assertTrue(r1.get("response").asText().startsWith("Invalid signature"), r1.toString());

        Signature outOfRange = new Signature(HyperliquidExchange.CURVE_N, good.s(), good.v());
        JsonNode r2 = exchange(body(action, nonce, outOfRange.toJson()));
        assertEquals("err", r2.get("status").asText());

        ObjectNode garbage = Json.MAPPER.createObjectNode().put("r", "0xzz").put("s", "0x1").put("v", 27);
        JsonNode r3 = exchange(body(action, nonce, garbage));
        assertEquals("err", r3.get("status").asText());

        String goodBody = body(action, nonce, good.toJson());
        assertEquals("ok", exchange(goodBody).get("status").asText(), "the well-signed request passes");
        JsonNode replay = exchange(goodBody);
        assertEquals("err", replay.get("status").asText());
        assertTrue(replay.get("response").asText().contains("nonce"), replay.toString());

        JsonNode stale = exchange(signed(key, action, System.currentTimeMillis() - 2 * 86_400_000L));
        assertEquals("err", stale.get("status").asText());
        assertEquals(422, post("/exchange", "{not json").statusCode());
    }

    @Test
    void takersFillARestingOrderVisibleInFillsAndPositions() throws Exception {
        ECKeyPair key = key("0x6666666666666666666666666666666666666666666666666666666666666666");
        String address = HyperliquidSigner.address(key);
        BigDecimal px = HyperliquidWire.roundPrice(btcReference().multiply(new BigDecimal("0.9995")), 5, true,
                RoundingMode.DOWN);
        long oid = status0(exchange(key, order(0, true, px, new BigDecimal("0.002"), "Gtc", null)))
                .get("resting").get("oid").asLong();
        JsonNode fills = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            fills = info("{\"type\":\"userFills\",\"user\":\"" + address + "\"}");
            if (fills.size() > 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertNotNull(fills);
        assertTrue(fills.size() > 0, "a taker hit our bid within 30 s");
        JsonNode f = fills.get(0);
        assertEquals("BTC", f.get("coin").asText());
        assertEquals(oid, f.get("oid").asLong());
        assertEquals("B", f.get("side").asText());
        assertFalse(f.get("crossed").asBoolean(), "we were the maker");
        assertEquals(0, px.compareTo(new BigDecimal(f.get("px").asText())));
        BigDecimal sz = new BigDecimal(f.get("sz").asText());
        BigDecimal fee = px.multiply(sz).multiply(new BigDecimal("0.00015")).setScale(6, RoundingMode.HALF_EVEN);
        assertEquals(0, fee.compareTo(new BigDecimal(f.get("fee").asText())));
        assertEquals("USDC", f.get("feeToken").asText());
        assertTrue(f.get("tid").asLong() > 0);
        assertEquals("Open Long", f.get("dir").asText());

        JsonNode state = info("{\"type\":\"clearinghouseState\",\"user\":\"" + address + "\"}");
        JsonNode positions = state.get("assetPositions");
        assertEquals(1, positions.size(), state.toString());
        JsonNode pos = positions.get(0).get("position");
        assertEquals("BTC", pos.get("coin").asText());
        BigDecimal filled = BigDecimal.ZERO;
        JsonNode all = info("{\"type\":\"userFills\",\"user\":\"" + address + "\"}");
        for (JsonNode x : all) {
            filled = filled.add(new BigDecimal(x.get("sz").asText()));
        }
        assertEquals(0, filled.compareTo(new BigDecimal(pos.get("szi").asText())));
        assertEquals(0, px.compareTo(new BigDecimal(pos.get("entryPx").asText())));
        assertNotNull(state.get("marginSummary").get("accountValue"));
    }

    @Test
    void hermesLatestHasThePythShapeAndUnknownIdsAre404() throws Exception {
        HttpResponse<String> r = get("/v2/updates/price/latest?ids%5B%5D=" + BTC_FEED + "&ids%5B%5D=0x" + ETH_FEED);
        assertEquals(200, r.statusCode());
        JsonNode root = Json.MAPPER.readTree(r.body());
        assertEquals("hex", root.get("binary").get("encoding").asText());
        assertTrue(root.get("binary").get("data").get(0).asText().matches("[0-9a-f]+"));
        JsonNode parsed = root.get("parsed");
        assertEquals(2, parsed.size());
        assertEquals(BTC_FEED, parsed.get(0).get("id").asText());
        assertEquals(ETH_FEED, parsed.get(1).get("id").asText());
        JsonNode price = parsed.get(0).get("price");
        assertTrue(price.get("price").isTextual() && price.get("price").asText().matches("\\d+"));
        assertTrue(price.get("conf").asText().matches("\\d+"));
        assertEquals(-8, price.get("expo").asInt());
        assertTrue(price.get("publish_time").asLong() > 1_600_000_000L);
        assertTrue(parsed.get(0).get("ema_price").get("price").asText().matches("\\d+"));
        assertTrue(parsed.get(0).get("metadata").has("slot"));
        assertTrue(parsed.get(0).get("metadata").has("prev_publish_time"));

        HttpResponse<String> missing = get("/v2/updates/price/latest?ids%5B%5D=" + "ab".repeat(32));
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().startsWith("Price ids not found"), missing.body());
    }

    @Test
    void hermesStreamDeliversEventsAsTheyHappen() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "v2/updates/price/stream?ids%5B%5D=" + BTC_FEED))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, resp.statusCode());
        assertTrue(resp.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        CompletableFuture<List<JsonNode>> events = CompletableFuture.supplyAsync(() -> {
            List<JsonNode> out = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                String line;
                while (out.size() < 2 && (line = in.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        out.add(Json.MAPPER.readTree(line.substring(5)));
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return out;
        });
        List<JsonNode> got = events.get(20, TimeUnit.SECONDS);
        assertEquals(2, got.size());
        long slot0 = got.get(0).get("parsed").get(0).get("metadata").get("slot").asLong();
        long slot1 = got.get(1).get("parsed").get(0).get("metadata").get("slot").asLong();
        assertTrue(slot1 > slot0, "two distinct updates");
        assertEquals(BTC_FEED, got.get(1).get("parsed").get(0).get("id").asText());
        assertEquals("hex", got.get(1).get("binary").get("encoding").asText());
    }

    @Test
    void statusHealthAndMetrics() throws Exception {
        JsonNode status = Json.MAPPER.readTree(get("/sim/status").body());
        assertEquals("paper", status.get("mode").asText());
        assertEquals(6, status.get("markets").size(), "4 Hyperliquid markets, then the 2 Injective books");
        assertEquals("INJ/USDT PERP", status.get("markets").get(5).get("name").asText());
        assertEquals("injective-888", status.get("injective").get("chainId").asText());
        assertTrue(new BigDecimal(status.get("markets").get(0).get("referencePrice").asText()).signum() > 0);
        assertTrue(status.has("trades") && status.has("accounts") && status.get("orders").has("open"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> ready = get("/q/health/ready");
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ready = get("/q/health/ready");
        }
        assertEquals(200, ready.statusCode(), ready.body());
        String metrics = get("/q/metrics").body();
        assertTrue(metrics.contains("simulator_orders_total"), metrics);
        assertTrue(metrics.contains("simulator_trades_total"));
    }
}
