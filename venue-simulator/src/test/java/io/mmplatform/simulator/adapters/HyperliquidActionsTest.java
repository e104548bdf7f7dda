package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.hyperliquid.HyperliquidSigner;
import io.mmplatform.common.hyperliquid.Signature;
import io.mmplatform.common.hyperliquid.UserSignedActions;
import io.mmplatform.simulator.domain.EngineSettings;
import io.mmplatform.simulator.domain.FaultDecider;
import io.mmplatform.simulator.domain.FaultSettings;
import io.mmplatform.simulator.domain.RateLimitSettings;
import io.mmplatform.simulator.domain.RateLimits;
import io.mmplatform.simulator.domain.ReferenceSettings;
import io.mmplatform.simulator.domain.RestingOrder;
import io.mmplatform.simulator.domain.Simulation;
import io.mmplatform.simulator.domain.TakerSettings;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** batchModify, scheduleCancel, approveAgent, the reject fault and rate limits on /exchange (no HTTP, given time). */
class HyperliquidActionsTest {
    static final long T0 = 1_800_000_000_000L;
    static final ECKeyPair MASTER =
            Credentials.create("0x3333333333333333333333333333333333333333333333333333333333333333").getEcKeyPair();
    static final ECKeyPair AGENT =
            Credentials.create("0x4444444444444444444444444444444444444444444444444444444444444444").getEcKeyPair();
    static final String IP = "10.0.0.2";

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

    final Simulation sim = new Simulation(HyperliquidExchangeTest.simulation().markets(), EngineSettings.defaults(),
            ReferenceSettings.defaults(), new TakerSettings(BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.TEN,
            BigDecimal.ZERO, 1), 1, T0);
    final FaultDecider faults = new FaultDecider(1, T0, FaultSettings.NONE);
    HyperliquidExchange exchange = new HyperliquidExchange(sim, false, listener, faults,
            new RateLimits(RateLimitSettings.venue()));
    long nonce = T0;

    static ObjectNode limitOrder(int asset, boolean buy, String px, String sz, String tif, String cloid) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("a", asset);
        o.put("b", buy);
        o.put("p", px);
        o.put("s", sz);
        o.put("r", false);
        o.putObject("t").putObject("limit").put("tif", tif);
        if (cloid != null) {
            o.put("c", cloid);
        }
        return o;
    }

    static ObjectNode orderAction(ObjectNode... orders) {
        ObjectNode action = Json.MAPPER.createObjectNode();
        action.put("type", "order");
        for (ObjectNode o : orders) {
            action.withArray("orders").add(o);
        }
        action.put("grouping", "na");
        return action;
    }

    JsonNode send(ECKeyPair key, ObjectNode action) throws Exception {
        long n = ++nonce;
        Signature sig = HyperliquidSigner.signL1Action(key, action, n, null, null, false);
        HttpAnswer answer = exchange.handle(HyperliquidExchangeTest.body(action, n, sig.toJson()), T0, IP);
        assertEquals(200, answer.status(), answer.body());
        return Json.MAPPER.readTree(answer.body());
    }

    static JsonNode statuses(JsonNode answer) {
        assertEquals("ok", answer.path("status").asText(), answer.toString());
        return answer.get("response").get("data").get("statuses");
    }

    List<RestingOrder> open(ECKeyPair key) {
        String address = HyperliquidSigner.address(key);
        return sim.withEngine(e -> e.openOrders(address));
    }

    @Test
    void severalOrdersAndCancelsInOneRequest() throws Exception {
        JsonNode st = statuses(send(MASTER, orderAction(limitOrder(1, true, "3000", "0.01", "Gtc", null),
                limitOrder(1, false, "4000", "0.01", "Alo", null),
                limitOrder(1, true, "3000.123", "0.01", "Gtc", null),
                limitOrder(1, true, "30000.5", "0.01", "Gtc", null),
                limitOrder(1, true, "3000", "0.00001", "Gtc", null))));
        assertEquals(5, st.size());
        long bid = st.get(0).get("resting").get("oid").asLong();
        long ask = st.get(1).get("resting").get("oid").asLong();
        assertEquals("Price must be divisible by tick size. asset=1", st.get(2).get("error").asText(),
                "ETH (szDecimals 4) allows 2 decimals");
        assertEquals("Order has invalid price. asset=1", st.get(3).get("error").asText(), "6 significant figures");
        assertEquals("Order has invalid size. asset=1", st.get(4).get("error").asText());
        ObjectNode cancel = Json.MAPPER.createObjectNode();
        cancel.put("type", "cancel");
        cancel.putArray("cancels").addObject().put("a", 1).put("o", bid);
        cancel.withArray("cancels").addObject().put("a", 1).put("o", ask);
        JsonNode cst = statuses(send(MASTER, cancel));
        assertEquals("success", cst.get(0).asText());
        assertEquals("success", cst.get(1).asText());
        assertTrue(open(MASTER).isEmpty());
    }

    @Test
    void batchModifyByOidAndCloidReturnsTheNewOids() throws Exception {
        String cloid = "0x000000000000000000000000000000b1";
        JsonNode st = statuses(send(MASTER, orderAction(limitOrder(1, true, "3000", "0.01", "Gtc", null),
                limitOrder(1, true, "2990", "0.01", "Gtc", cloid))));
        long byOid = st.get(0).get("resting").get("oid").asLong();

        ObjectNode modify = Json.MAPPER.createObjectNode();
        modify.put("type", "batchModify");
        ObjectNode m1 = modify.putArray("modifies").addObject();
        m1.put("oid", byOid);
        m1.set("order", limitOrder(1, true, "3001", "0.02", "Gtc", null));
        ObjectNode m2 = modify.withArray("modifies").addObject();
        m2.put("oid", cloid);
        m2.set("order", limitOrder(1, true, "2991", "0.01", "Gtc", cloid));
        ObjectNode m3 = modify.withArray("modifies").addObject();
        m3.put("oid", 42);
        m3.set("order", limitOrder(1, true, "2000", "0.01", "Gtc", null));
        JsonNode answer = send(MASTER, modify);
        assertEquals("order", answer.get("response").get("type").asText());
        JsonNode mst = statuses(answer);
        long newOid = mst.get(0).get("resting").get("oid").asLong();
        assertNotEquals(byOid, newOid);
        assertEquals(cloid, mst.get(1).get("resting").get("cloid").asText());
        assertEquals("Cannot modify canceled or filled order", mst.get(2).get("error").asText());
        List<RestingOrder> open = open(MASTER);
        assertEquals(2, open.size());
        assertTrue(open.stream().anyMatch(o -> o.oid() == newOid && o.remainingLots() == 200));
        assertTrue(open.stream().anyMatch(o -> cloid.equals(o.cloid()) && o.priceTicks() == 299_100));
        assertTrue(events.contains("batchModify:error"));
    }

    @Test
    void scheduleCancelArmsDisarmsAndRefusesTooSoon() throws Exception {
        ObjectNode tooSoon = Json.MAPPER.createObjectNode().put("type", "scheduleCancel").put("time", T0 + 4_000);
        JsonNode err = send(MASTER, tooSoon);
        assertEquals("err", err.get("status").asText());
        assertTrue(err.get("response").asText().contains("at least 5 seconds"), err.toString());

        send(MASTER, orderAction(limitOrder(1, true, "3000", "0.01", "Gtc", null)));
        ObjectNode arm = Json.MAPPER.createObjectNode().put("type", "scheduleCancel").put("time", T0 + 6_000);
        assertEquals("{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}", send(MASTER, arm).toString());
        assertEquals(T0 + 6_000, sim.scheduledCancel(HyperliquidSigner.address(MASTER)));
        sim.advance(T0 + 6_000);
        assertTrue(open(MASTER).isEmpty(), "the switch fired");

        send(MASTER, arm);
        ObjectNode disarm = Json.MAPPER.createObjectNode().put("type", "scheduleCancel");
        assertEquals("ok", send(MASTER, disarm).get("status").asText());
        assertNull(sim.scheduledCancel(HyperliquidSigner.address(MASTER)));
    }

    ObjectNode approve(String agent, String name, long n) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("type", "approveAgent");
        a.put("signatureChainId", "0x66eee");
        a.put("hyperliquidChain", "Testnet");
        a.put("agentAddress", agent);
        if (name != null) {
            a.put("agentName", name);
        }
        a.put("nonce", n);
        return a;
    }

    String userSigned(ECKeyPair key, ObjectNode action, long n) {
        Signature sig = UserSignedActions.sign(key, UserSignedActions.APPROVE_AGENT, action);
        return HyperliquidExchangeTest.body(action, n, sig.toJson());
    }

    @Test
    void anApprovedAgentTradesForTheMaster() throws Exception {
        String master = HyperliquidSigner.address(MASTER);
        String agent = HyperliquidSigner.address(AGENT);
        long n = ++nonce;
        HttpAnswer a = exchange.handle(userSigned(MASTER, approve(agent, null, n), n), T0, IP);
        assertEquals("{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}", a.body());
        assertEquals(master, sim.accountOf(agent));

        JsonNode st = statuses(send(AGENT, orderAction(limitOrder(1, true, "3000", "0.01", "Gtc", null))));
        long oid = st.get(0).get("resting").get("oid").asLong();
        assertEquals(List.of(oid), open(MASTER).stream().map(RestingOrder::oid).toList(), "the master's order");
        assertTrue(open(AGENT).isEmpty());
        // the master can cancel what the agent placed
        ObjectNode cancel = Json.MAPPER.createObjectNode().put("type", "cancel");
        cancel.putArray("cancels").addObject().put("a", 1).put("o", oid);
        assertEquals("success", statuses(send(MASTER, cancel)).get(0).asText());
    }

    @Test
    void approveAgentIsRefusedWithAnotherNonceChainOrSigner() throws Exception {
        String agent = HyperliquidSigner.address(AGENT);
        long n = ++nonce;
        HttpAnswer mismatch = exchange.handle(userSigned(MASTER, approve(agent, "x", n), n + 1), T0, IP);
        assertTrue(mismatch.body().contains("differs"), mismatch.body());
        ObjectNode mainnet = approve(agent, "x", n);
        mainnet.put("hyperliquidChain", "Mainnet");
        assertTrue(exchange.handle(userSigned(MASTER, mainnet, n), T0, IP).body().contains("Testnet"));
        // a signature over other fields recovers someone else: that someone's agent, not the master's
        ObjectNode signed = approve(agent, "x", n);
        Signature sig = UserSignedActions.sign(MASTER, UserSignedActions.APPROVE_AGENT, signed);
        ObjectNode tampered = approve(agent, "y", n);
        exchange.handle(HyperliquidExchangeTest.body(tampered, n, sig.toJson()), T0, IP);
        assertNotEquals(HyperliquidSigner.address(MASTER), sim.accountOf(agent));
    }

    @Test
    void rejectRateOneRejectsEveryOrderAndAppliesNone() throws Exception {
        faults.update(new FaultSettings(0, 0, 1.0, 0, 0, 0, false, 0));
        JsonNode st = statuses(send(MASTER, orderAction(limitOrder(1, true, "3000", "0.01", "Gtc", null),
                limitOrder(1, true, "2999", "0.01", "Gtc", null))));
        assertEquals("Simulated venue rejection", st.get(0).get("error").asText());
        assertEquals("Simulated venue rejection", st.get(1).get("error").asText());
        assertTrue(open(MASTER).isEmpty());
        assertEquals(2, events.stream().filter("fault:reject"::equals).count());
    }

    @Test
    void overTheLimitsAnswers429AndAppliesNothing() throws Exception {
        exchange = new HyperliquidExchange(sim, false, listener, faults,
                new RateLimits(new RateLimitSettings(true, 1200, 2, 1, 100_000, 10_000)));
        send(MASTER, orderAction(limitOrder(1, true, "3000", "0.01", "Gtc", null),
                limitOrder(1, true, "2999", "0.01", "Gtc", null)));
        send(MASTER, orderAction(limitOrder(1, true, "2998", "0.01", "Gtc", null)));
        assertEquals(3, open(MASTER).size(), "2 from the budget, then the one throttled request");
        long n = ++nonce;
        ObjectNode action = orderAction(limitOrder(1, true, "2997", "0.01", "Gtc", null));
        HttpAnswer refused = exchange.handle(HyperliquidExchangeTest.body(action, n,
                HyperliquidSigner.signL1Action(MASTER, action, n, null, null, false).toJson()), T0, IP);
        assertEquals(429, refused.status());
        assertEquals("{\"status\":\"err\",\"response\":\"Too many requests\"}", refused.body());
        assertEquals(3, open(MASTER).size());
        assertTrue(events.contains("429:address"));
        // the refused request did not use its nonce: it is accepted 10 s later
        HttpAnswer later = exchange.handle(HyperliquidExchangeTest.body(action, n,
                HyperliquidSigner.signL1Action(MASTER, action, n, null, null, false).toJson()), T0 + 10_000, IP);
        assertEquals(200, later.status(), later.body());
        assertEquals(4, open(MASTER).size());

        exchange = new HyperliquidExchange(sim, false, listener, faults,
                new RateLimits(new RateLimitSettings(true, 2, 1_000_000, 1, 100_000, 10_000)));
        send(MASTER, orderAction(limitOrder(1, true, "2996", "0.01", "Gtc", null)));
        send(MASTER, orderAction(limitOrder(1, true, "2995", "0.01", "Gtc", null)));
        long n2 = ++nonce;
        ObjectNode third = orderAction(limitOrder(1, true, "2994", "0.01", "Gtc", null));
        assertEquals(429, exchange.handle(HyperliquidExchangeTest.body(third, n2,
                HyperliquidSigner.signL1Action(MASTER, third, n2, null, null, false).toJson()), T0, IP).status());
        assertTrue(events.contains("429:ip"));
    }
}
