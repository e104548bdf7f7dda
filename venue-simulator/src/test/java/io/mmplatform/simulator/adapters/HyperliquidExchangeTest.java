package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.simulator.domain.EngineSettings;
import io.mmplatform.simulator.domain.FaultDecider;
import io.mmplatform.simulator.domain.FaultSettings;
import io.mmplatform.simulator.domain.RateLimitSettings;
import io.mmplatform.simulator.domain.RateLimits;
import io.mmplatform.simulator.domain.MarketSpec;
import io.mmplatform.simulator.domain.ReferenceSettings;
import io.mmplatform.simulator.domain.RestingOrder;
import io.mmplatform.simulator.domain.Side;
import io.mmplatform.simulator.domain.Simulation;
import io.mmplatform.simulator.domain.TakerSettings;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The /exchange dialect against the published signing vectors (no HTTP, no clock). */
class HyperliquidExchangeTest {
    static final String IP = "10.0.0.1";
    static final String FEED = "e62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43";

    final List<String> events = new ArrayList<>();
    final HyperliquidExchange.Listener listener = new HyperliquidExchange.Listener() {
        @Override
        public void rejected(String reason) {
            events.add("rejected:" + reason);
        }

        @Override
        public void status(String action, String status) {
            events.add(action + ":" + status);
        }

        @Override
        public void faultInjected(String kind) {
            events.add("fault:" + kind);
        }

        @Override
        public void rateLimited(String scope) {
            events.add("429:" + scope);
        }
    };

    HyperliquidExchange venue(Simulation sim, boolean mainnet) {
        return new HyperliquidExchange(sim, mainnet, listener, new FaultDecider(1, 0, FaultSettings.NONE),
                new RateLimits(RateLimitSettings.venue()));
    }

    static Simulation simulation() {
        List<MarketSpec> markets = List.of(
                new MarketSpec("BTC", 5, new BigDecimal("100000"), 40, FEED),
                new MarketSpec("ETH", 4, new BigDecimal("3500"), 25, FEED.replace('e', 'f')));
        return new Simulation(markets, EngineSettings.defaults(), ReferenceSettings.defaults(),
                new TakerSettings(BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO, 1), 1, 0);
    }

    static JsonNode vectors() throws Exception {
        try (InputStream in = HyperliquidExchangeTest.class.getResourceAsStream("/vectors/hyperliquid-signing.json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    static String body(JsonNode action, long nonce, JsonNode signature) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("action", action);
        body.put("nonce", nonce);
        body.set("signature", signature);
        body.putNull("vaultAddress");
        return body.toString();
    }

    @Test
    void publishedTestnetSignatureRecoversTheVectorAddressAsTheAccount() throws Exception {
        JsonNode v = vectors();
        JsonNode orderCase = v.get("cases").get(1);
        String address = v.get("address").asText().toLowerCase();
        Simulation sim = simulation();
        HyperliquidExchange exchange = venue(sim, false);

        // keys deliberately sent out of the venue's order: the venue hashes its canonical order
        String shuffled = "{\"grouping\":\"na\",\"orders\":[{\"t\":{\"limit\":{\"tif\":\"Gtc\"}},\"s\":\"100\","
                + "\"r\":false,\"p\":\"100\",\"b\":true,\"a\":1}],\"type\":\"order\"}";
        HttpAnswer answer = exchange.handle(body(Json.MAPPER.readTree(shuffled), 0, orderCase.get("testnet")), 0, IP);
        JsonNode root = Json.MAPPER.readTree(answer.body());
        assertEquals("ok", root.get("status").asText(), answer.body());
        assertEquals("order", root.get("response").get("type").asText());
        long oid = root.get("response").get("data").get("statuses").get(0).get("resting").get("oid").asLong();

        List<RestingOrder> open = sim.withEngine(e -> e.openOrders(address));
        assertEquals(1, open.size());
        assertEquals(oid, open.get(0).oid());
        assertEquals("ETH", open.get(0).coin());
        assertEquals(Side.BID, open.get(0).side());
        assertEquals(1_000_000, open.get(0).remainingLots());
        assertEquals(List.of("order:resting"), events);

        HttpAnswer replay = exchange.handle(body(orderCase.get("action"), 0, orderCase.get("testnet")), 0, IP);
        JsonNode err = Json.MAPPER.readTree(replay.body());
        assertEquals("err", err.get("status").asText());
        assertTrue(err.get("response").asText().contains("duplicate nonce"), replay.body());
    }

    @Test
    void signatureSourceFollowsTheMainnetSetting() throws Exception {
        JsonNode v = vectors();
        JsonNode dummyOrder = v.get("cases").get(1);
        String address = v.get("address").asText().toLowerCase();
        Simulation sim = simulation();
        HyperliquidExchange mainnetVenue = venue(sim, true);
        mainnetVenue.handle(body(dummyOrder.get("action"), 0, dummyOrder.get("mainnet")), 0, IP);
        assertEquals(1, sim.withEngine(e -> e.openOrders(address)).size());

        Simulation other = simulation();
        HyperliquidExchange testnetVenue = venue(other, false);
        testnetVenue.handle(body(dummyOrder.get("action"), 0, dummyOrder.get("mainnet")), 0, IP);
        assertEquals(0, other.withEngine(e -> e.openOrders(address)).size(),
                "a mainnet signature on a testnet venue is some other signer");
        int openCount = other.withEngine(e -> e.allOpenOrders().size());
        assertEquals(1, openCount);
        assertNotEquals(address, other.withEngine(e -> e.allOpenOrders().iterator().next().address()));
    }

    @Test
    void vaultAndUnknownActionsAndBrokenBodies() throws Exception {
        JsonNode c = vectors().get("cases").get(1);
        HyperliquidExchange exchange = venue(simulation(), false);
        ObjectNode vault = (ObjectNode) Json.MAPPER.readTree(body(c.get("action"), 0, c.get("testnet")));
        vault.put("vaultAddress", "0x0000000000000000000000000000000000000001");
        assertEquals("err", Json.MAPPER.readTree(exchange.handle(vault.toString(), 0, IP).body()).get("status").asText());
        assertEquals(422, exchange.handle("[]", 0, IP).status());
        assertEquals(422, exchange.handle("{\"action\":{\"type\":\"order\"},\"nonce\":\"x\"}", 0, IP).status());
        assertTrue(events.contains("rejected:vault"));
        assertTrue(events.contains("rejected:malformed"));
    }

    @Test
    void canonicalOrderOfKnownActions() throws Exception {
        JsonNode cancel = Json.MAPPER.readTree("{\"cancels\":[{\"o\":5,\"a\":0}],\"type\":\"cancel\"}");
        assertEquals("{\"type\":\"cancel\",\"cancels\":[{\"a\":0,\"o\":5}]}",
                HyperliquidExchange.canonical(cancel).toString());
        JsonNode byCloid = Json.MAPPER.readTree("{\"type\":\"cancelByCloid\",\"cancels\":[{\"cloid\":\"0x1\",\"asset\":2}]}");
        assertEquals("{\"type\":\"cancelByCloid\",\"cancels\":[{\"asset\":2,\"cloid\":\"0x1\"}]}",
                HyperliquidExchange.canonical(byCloid).toString());
        JsonNode order = Json.MAPPER.readTree("{\"orders\":[{\"c\":\"0xab\",\"a\":1,\"t\":{},\"b\":true,\"s\":\"1\","
                + "\"p\":\"2\",\"r\":false}],\"grouping\":\"na\",\"type\":\"order\"}");
        assertEquals("{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"2\",\"s\":\"1\",\"r\":false,\"t\":{},"
                + "\"c\":\"0xab\"}],\"grouping\":\"na\"}", HyperliquidExchange.canonical(order).toString());
    }
}
