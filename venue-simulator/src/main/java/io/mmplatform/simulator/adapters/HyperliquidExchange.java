package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.hyperliquid.HyperliquidSigner;
import io.mmplatform.common.hyperliquid.HyperliquidWire;
import io.mmplatform.common.hyperliquid.Signature;
import io.mmplatform.common.hyperliquid.UserSignedActions;
import io.mmplatform.simulator.domain.Account;
import io.mmplatform.simulator.domain.FaultDecider;
import io.mmplatform.simulator.domain.MarketSpec;
import io.mmplatform.simulator.domain.MatchingEngine;
import io.mmplatform.simulator.domain.OrderRequest;
import io.mmplatform.simulator.domain.PlaceResult;
import io.mmplatform.simulator.domain.RateLimits;
import io.mmplatform.simulator.domain.Side;
import io.mmplatform.simulator.domain.Simulation;
import io.mmplatform.simulator.domain.Tif;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hyperliquid's POST /exchange for the L1 actions order, cancel, cancelByCloid, batchModify and scheduleCancel, and
 * the user-signed action approveAgent. The signer recovered from an L1 signature (EIP-712 phantom agent over the
 * action hash) acts for its account: itself, or its master when it is an approved agent; a new account gets the
 * paper balance. Nonces follow the venue's rules per signer. The action is hashed with its keys in the venue's
 * canonical order, whatever order the client sent them in. Rate limits (per IP, per address) are checked before
 * anything is applied; the reject-rate fault refuses single orders of order actions.
 */
public final class HyperliquidExchange {
    /** secp256k1 group order. */
    static final BigInteger CURVE_N =
            new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    static final Pattern CLOID = Pattern.compile("0x[0-9a-f]{32}");
    public static final String SIMULATED_REJECTION = "Simulated venue rejection";

    /** Counts what the exchange does; the adapter feeds it to metrics. */
    public interface Listener {
        void rejected(String reason);

        void status(String action, String status);

        /** A fault was injected on purpose (reject, lost-answer, burst429, paused, latency). */
        void faultInjected(String kind);

        /** A request was refused by a rate limit (scope ip or address). */
        void rateLimited(String scope);
    }

    private final Simulation simulation;
    private final boolean mainnet;
    private final Listener listener;
    private final FaultDecider faults;
    private final RateLimits limits;

    public HyperliquidExchange(Simulation simulation, boolean mainnet, Listener listener, FaultDecider faults,
                               RateLimits limits) {
        this.simulation = simulation;
        this.mainnet = mainnet;
        this.listener = listener;
        this.faults = faults;
        this.limits = limits;
    }

    /** Number of orders / cancels / modifies in an action (its batch length), 0 for other actions. */
    static int batchLength(JsonNode action) {
        for (String field : List.of("orders", "cancels", "modifies")) {
            JsonNode items = action.get(field);
            if (items != null && items.isArray()) {
                return items.size();
            }
        }
        return 0;
    }

    /** Handles one request from a client at this IP at this time. */
    public HttpAnswer handle(String body, long now, String ip) {
        JsonNode req;
        try {
            req = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            listener.rejected("malformed");
            return HttpAnswer.unreadable();
        }
        if (req == null || !req.isObject() || !req.path("action").isObject() || !req.path("action").path("type").isTextual()
                || !req.path("nonce").canConvertToLong() || !req.path("nonce").isIntegralNumber()
                || !req.path("signature").isObject()) {
            listener.rejected("malformed");
            return HttpAnswer.unreadable();
        }
        JsonNode vault = req.get("vaultAddress");
        if (vault != null && !vault.isNull()) {
            return err("vault", "Vault and subaccount trading is not supported by the simulator");
        }
        Long expiresAfter = null;
        JsonNode exp = req.get("expiresAfter");
        if (exp != null && !exp.isNull()) {
            if (!exp.canConvertToLong()) {
                listener.rejected("malformed");
                return HttpAnswer.unreadable();
            }
            expiresAfter = exp.longValue();
            if (expiresAfter < now) {
                return err("expired", "Action expired: expiresAfter " + expiresAfter + " is before " + now);
            }
        }
        long nonce = req.get("nonce").longValue();
        ObjectNode action = canonical(req.get("action"));
        if (action == null) {
            listener.rejected("malformed");
            return HttpAnswer.unreadable();
        }
        int batch = batchLength(action);
        if (!limits.allowIp(ip, RateLimits.exchangeWeight(batch), now)) {
            listener.rateLimited("ip");
            return HttpAnswer.tooManyRequests();
        }
        if ("approveAgent".equals(action.get("type").textValue())) {
            return approveAgent(req, action, nonce, now);
        }
        String signer;
        try {
            Signature sig = Signature.fromJson(req.get("signature"));
            if (sig.r().compareTo(CURVE_N) >= 0 || sig.s().compareTo(CURVE_N) >= 0) {
                return err("signature", "Invalid signature: r and s must be below the curve order");
            }
            if (sig.s().compareTo(CURVE_N.shiftRight(1)) > 0) {
                return err("signature", "Invalid signature: s is not in the lower half of the curve order");
            }
            signer = HyperliquidSigner.recoverL1Signer(action, nonce, null, expiresAfter, mainnet, sig);
        } catch (IllegalArgumentException e) {
            return err("signature", "Invalid signature: " + e.getMessage());
        }
        String type = action.get("type").textValue();
        if (!List.of("order", "cancel", "cancelByCloid", "batchModify", "scheduleCancel").contains(type)) {
            return err("unsupported", "Unsupported action type for the simulator: " + type);
        }
        String account = simulation.accountOf(signer);
        boolean onlyCancels = type.startsWith("cancel");
        BigDecimal volume = simulation.withEngine(e -> {
            Account a = e.existingAccount(account);
            return a == null ? BigDecimal.ZERO : a.volume();
        });
        if (!limits.allowAddress(account, batch, onlyCancels, volume, now)) {
            listener.rateLimited("address");
            return HttpAnswer.tooManyRequests();
        }
        String nonceError = simulation.useNonce(signer, nonce, now);
        if (nonceError != null) {
            return err("nonce", nonceError);
        }
        return switch (type) {
            case "order" -> order(account, action, now);
            case "cancel" -> cancel(account, action, now, false);
            case "cancelByCloid" -> cancel(account, action, now, true);
            case "batchModify" -> batchModify(account, action, now);
            default -> scheduleCancel(account, action, now);
        };
    }

    /** approveAgent, a user-signed action: the EIP-712 signer is the master; the action's nonce is the request's. */
    private HttpAnswer approveAgent(JsonNode req, ObjectNode action, long nonce, long now) {
        JsonNode agentNode = action.get("agentAddress");
        JsonNode actionNonce = action.get("nonce");
        if (agentNode == null || !agentNode.isTextual() || actionNonce == null || !actionNonce.isIntegralNumber()) {
            listener.rejected("malformed");
            return HttpAnswer.unreadable();
        }
        if (actionNonce.longValue() != nonce) {
            return err("nonce", "Invalid nonce: the action's nonce " + actionNonce.longValue()
                    + " differs from the request's " + nonce);
        }
        String chain = mainnet ? "Mainnet" : "Testnet";
        if (!chain.equals(action.path("hyperliquidChain").asText())) {
            return err("chain", "Invalid hyperliquidChain " + action.path("hyperliquidChain")
                    + ": this venue is " + chain);
        }
        String agent = agentNode.textValue().toLowerCase();
        if (!agent.matches("0x[0-9a-f]{40}")) {
            return err("malformed", "Invalid agentAddress " + agentNode.textValue());
        }
        String master;
        try {
            Signature sig = Signature.fromJson(req.get("signature"));
            if (sig.s().compareTo(CURVE_N.shiftRight(1)) > 0 || sig.r().compareTo(CURVE_N) >= 0) {
                return err("signature", "Invalid signature: r or s out of range");
            }
            master = UserSignedActions.recoverSigner(UserSignedActions.APPROVE_AGENT, action, sig);
        } catch (IllegalArgumentException e) {
            return err("signature", "Invalid signature: " + e.getMessage());
        }
        if (!limits.allowAddress(master, 1, false, BigDecimal.ZERO, now)) {
            listener.rateLimited("address");
            return HttpAnswer.tooManyRequests();
        }
        String nonceError = simulation.useNonce(master, nonce, now);
        if (nonceError != null) {
            return err("nonce", nonceError);
        }
        JsonNode name = action.get("agentName");
        String error = simulation.approveAgent(master, agent, name == null || name.isNull() ? null : name.asText());
        if (error != null) {
            return err("agent", error);
        }
        listener.status("approveAgent", "ok");
        return okDefault();
    }

    private HttpAnswer scheduleCancel(String account, ObjectNode action, long now) {
        JsonNode time = action.get("time");
        if (time != null && !time.isNull() && (!time.isIntegralNumber() || time.longValue() < 0)) {
            listener.rejected("malformed");
            return HttpAnswer.unreadable();
        }
        String error = simulation.scheduleCancel(account, time == null || time.isNull() ? null : time.longValue(),
                now);
        if (error != null) {
            return err("scheduleCancel", error);
        }
        listener.status("scheduleCancel", "ok");
        return okDefault();
    }

    private static HttpAnswer okDefault() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("status", "ok");
        root.putObject("response").put("type", "default");
        return HttpAnswer.json(root.toString());
    }

    /** A parsed modify: the order to find (oid, or cloid when set) and its replacement, or the error to answer. */
    private record ParsedModify(long oid, String cloid, Parsed replacement) {
    }

    private HttpAnswer batchModify(String account, ObjectNode action, long now) {
        JsonNode modifies = action.get("modifies");
        if (modifies == null || !modifies.isArray()) {
            listener.rejected("malformed");
            return HttpAnswer.unreadable();
        }
        List<MarketSpec> markets = simulation.markets();
        List<ParsedModify> parsed = new ArrayList<>();
        for (JsonNode m : modifies) {
            JsonNode id = m.get("oid");
            Parsed replacement = m.path("order").isObject() ? parse(account, m.get("order"), markets)
                    : new Parsed(null, "Modify has no order.");
            if (id != null && id.isIntegralNumber() && id.canConvertToLong()) {
                parsed.add(new ParsedModify(id.longValue(), null, replacement));
            } else if (id != null && id.isTextual() && CLOID.matcher(id.textValue()).matches()) {
                parsed.add(new ParsedModify(0, id.textValue(), replacement));
            } else {
                parsed.add(new ParsedModify(0, null, new Parsed(null, "Invalid oid " + id + ".")));
            }
        }
        List<PlaceResult> results = simulation.withEngine(engine -> {
            List<PlaceResult> out = new ArrayList<>();
            for (ParsedModify p : parsed) {
                out.add(p.replacement().error() != null ? new PlaceResult.Rejected(p.replacement().error())
                        : engine.modify(account, p.oid(), p.cloid(), p.replacement().request(), now));
            }
            return out;
        });
        return ok("order", statuses("batchModify", results));
    }

    private HttpAnswer err(String reason, String message) {
        listener.rejected(reason);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("status", "err");
        root.put("response", message);
        return HttpAnswer.json(root.toString());
    }

    private static HttpAnswer ok(String type, ArrayNode statuses) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("status", "ok");
        ObjectNode response = root.putObject("response");
        response.put("type", type);
        response.putObject("data").set("statuses", statuses);
        return HttpAnswer.json(root.toString());
    }

    /** A parsed order, or the error status to answer for it. */
    private record Parsed(OrderRequest request, String error) {
    }

    private HttpAnswer order(String signer, ObjectNode action, long now) {
        JsonNode grouping = action.get("grouping");
        if (grouping != null && !"na".equals(grouping.asText())) {
            return err("unsupported", "Only grouping 'na' is supported by the simulator");
        }
        JsonNode orders = action.get("orders");
        if (orders == null || !orders.isArray()) {
            listener.rejected("malformed");
            return HttpAnswer.unreadable();
        }
        List<MarketSpec> markets = simulation.markets();
        List<Parsed> parsed = new ArrayList<>();
        for (JsonNode o : orders) {
            parsed.add(parse(signer, o, markets));
        }
        List<Boolean> simulatedReject = new ArrayList<>();
        for (Parsed p : parsed) {
            boolean reject = p.error() == null && faults.rejectOrder();
            if (reject) {
                listener.faultInjected("reject");
            }
            simulatedReject.add(reject);
        }
        List<PlaceResult> results = simulation.withEngine(engine -> {
            List<PlaceResult> out = new ArrayList<>();
            for (int i = 0; i < parsed.size(); i++) {
                Parsed p = parsed.get(i);
                out.add(p.error() != null ? new PlaceResult.Rejected(p.error())
                        : simulatedReject.get(i) ? new PlaceResult.Rejected(SIMULATED_REJECTION)
                        : engine.place(p.request(), now));
            }
            return out;
        });
        return ok("order", statuses("order", results));
    }

    private ArrayNode statuses(String action, List<PlaceResult> results) {
        ArrayNode statuses = Json.MAPPER.createArrayNode();
        for (PlaceResult r : results) {
            ObjectNode s = statuses.addObject();
            if (r instanceof PlaceResult.Resting resting) {
                ObjectNode n = s.putObject("resting");
                n.put("oid", resting.oid());
                if (resting.cloid() != null) {
                    n.put("cloid", resting.cloid());
                }
                listener.status(action, "resting");
            } else if (r instanceof PlaceResult.Filled filled) {
                ObjectNode n = s.putObject("filled");
                n.put("totalSz", HyperliquidInfo.plain(filled.totalSz()));
                n.put("avgPx", HyperliquidInfo.plain(filled.avgPx()));
                n.put("oid", filled.oid());
                if (filled.cloid() != null) {
                    n.put("cloid", filled.cloid());
                }
                listener.status(action, "filled");
            } else {
                s.put("error", ((PlaceResult.Rejected) r).message());
                listener.status(action, "error");
            }
        }
        return statuses;
    }

    private static Parsed parse(String signer, JsonNode o, List<MarketSpec> markets) {
        JsonNode a = o.get("a");
        if (a == null || !a.isIntegralNumber() || a.intValue() < 0 || a.intValue() >= markets.size()) {
            return new Parsed(null, "Invalid asset " + (a == null ? "null" : a.toString()) + ".");
        }
        int asset = a.intValue();
        MarketSpec m = markets.get(asset);
        if (!o.path("b").isBoolean()) {
            return new Parsed(null, "Order has invalid side. asset=" + asset);
        }
        BigDecimal px = decimal(o.get("p"));
        String pxError = px == null ? "price is not a decimal string" : HyperliquidWire.priceError(px, m.szDecimals(), true);
        if (pxError != null) {
            // the venue's texts: off the decimal grid -> tick size; too many significant figures, <= 0 -> invalid
            boolean offGrid = px != null && px.signum() > 0
                    && px.stripTrailingZeros().scale() > HyperliquidWire.maxPriceDecimals(m.szDecimals(), true);
            return new Parsed(null, (offGrid ? "Price must be divisible by tick size." : "Order has invalid price.")
                    + " asset=" + asset);
        }
        BigDecimal sz = decimal(o.get("s"));
        String szError = sz == null ? "size is not a decimal string"
                : sz.signum() <= 0 ? "size must be positive" : HyperliquidWire.sizeError(sz, m.szDecimals());
        if (szError != null) {
            return new Parsed(null, "Order has invalid size. asset=" + asset);
        }
        JsonNode t = o.path("t");
        if (t.has("trigger")) {
            return new Parsed(null, "Trigger orders are not supported by the simulator. asset=" + asset);
        }
        Tif tif = Tif.fromWire(t.path("limit").path("tif").asText(""));
        if (tif == null) {
            return new Parsed(null, "Order has invalid time in force " + t.path("limit").path("tif")
                    + " (Gtc, Ioc or Alo). asset=" + asset);
        }
        String cloid = null;
        JsonNode c = o.get("c");
        if (c != null && !c.isNull()) {
            if (!c.isTextual() || !CLOID.matcher(c.textValue()).matches()) {
                return new Parsed(null, "Invalid cloid " + c + ": expected 0x and 32 lowercase hex digits. asset="
                        + asset);
            }
            cloid = c.textValue();
        }
        boolean reduceOnly = o.path("r").asBoolean(false);
        long ticks;
        long lots;
        try {
            ticks = m.ticks(px);
            lots = m.lots(sz);
        } catch (ArithmeticException e) {
            return new Parsed(null, "Order has invalid price or size. asset=" + asset);
        }
        return new Parsed(new OrderRequest(signer, m.name(), Side.ofBuy(o.get("b").booleanValue()), ticks, lots, tif,
                reduceOnly, cloid), null);
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return new BigDecimal(node.textValue());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private HttpAnswer cancel(String signer, ObjectNode action, long now, boolean byCloid) {
        JsonNode cancels = action.get("cancels");
        if (cancels == null || !cancels.isArray()) {
            listener.rejected("malformed");
            return HttpAnswer.unreadable();
        }
        List<MarketSpec> markets = simulation.markets();
        List<String> results = simulation.withEngine(engine -> {
            List<String> out = new ArrayList<>();
            for (JsonNode c : cancels) {
                out.add(cancelOne(engine, signer, c, markets, now, byCloid));
            }
            return out;
        });
        ArrayNode statuses = Json.MAPPER.createArrayNode();
        for (String r : results) {
            if (r == null) {
                statuses.add("success");
                listener.status(byCloid ? "cancelByCloid" : "cancel", "success");
            } else {
                statuses.addObject().put("error", r);
                listener.status(byCloid ? "cancelByCloid" : "cancel", "error");
            }
        }
        return ok("cancel", statuses);
    }

    private static String cancelOne(MatchingEngine engine, String signer, JsonNode c, List<MarketSpec> markets,
                                    long now, boolean byCloid) {
        JsonNode a = c.get(byCloid ? "asset" : "a");
        if (a == null || !a.isIntegralNumber() || a.intValue() < 0 || a.intValue() >= markets.size()) {
            return "Invalid asset " + (a == null ? "null" : a.toString()) + ".";
        }
        int asset = a.intValue();
        String coin = markets.get(asset).name();
        boolean done;
        if (byCloid) {
            JsonNode cloid = c.get("cloid");
            done = cloid != null && cloid.isTextual() && engine.cancelByCloid(signer, coin, cloid.textValue(), now);
        } else {
            JsonNode o = c.get("o");
            done = o != null && o.canConvertToLong() && engine.cancel(signer, coin, o.longValue(), now);
        }
        return done ? null : "Order was never placed, already canceled, or filled. asset=" + asset;
    }

    /**
     * The action with its keys in the venue's order (known keys first, in order; others after, as sent), which is
     * the order the action hash is computed over. Null when the action is not an object.
     */
    static ObjectNode canonical(JsonNode action) {
        if (action == null || !action.isObject()) {
            return null;
        }
        String type = action.path("type").asText();
        return switch (type) {
            case "order" -> {
                ObjectNode out = ordered(action, List.of("type", "orders", "grouping", "builder"));
                JsonNode orders = action.get("orders");
                if (orders != null && orders.isArray()) {
                    ArrayNode arr = Json.MAPPER.createArrayNode();
                    for (JsonNode o : orders) {
                        arr.add(o.isObject() ? ordered(o, List.of("a", "b", "p", "s", "r", "t", "c")) : o);
                    }
                    out.set("orders", arr);
                }
                yield out;
            }
            case "cancel" -> withOrderedItems(ordered(action, List.of("type", "cancels")), "cancels", List.of("a", "o"));
            case "cancelByCloid" -> withOrderedItems(ordered(action, List.of("type", "cancels")), "cancels",
                    List.of("asset", "cloid"));
            case "batchModify" -> {
                ObjectNode out = ordered(action, List.of("type", "modifies"));
                JsonNode modifies = action.get("modifies");
                if (modifies != null && modifies.isArray()) {
                    ArrayNode arr = Json.MAPPER.createArrayNode();
                    for (JsonNode m : modifies) {
                        if (m.isObject()) {
                            ObjectNode om = ordered(m, List.of("oid", "order"));
                            if (om.get("order") != null && om.get("order").isObject()) {
                                om.set("order", ordered(om.get("order"), List.of("a", "b", "p", "s", "r", "t", "c")));
                            }
                            arr.add(om);
                        } else {
                            arr.add(m);
                        }
                    }
                    out.set("modifies", arr);
                }
                yield out;
            }
            case "scheduleCancel" -> ordered(action, List.of("type", "time"));
            default -> (ObjectNode) action;
        };
    }

    private static ObjectNode withOrderedItems(ObjectNode action, String field, List<String> keys) {
        JsonNode items = action.get(field);
        if (items != null && items.isArray()) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (JsonNode item : items) {
                arr.add(item.isObject() ? ordered(item, keys) : item);
            }
            action.set(field, arr);
        }
        return action;
    }

    private static ObjectNode ordered(JsonNode node, List<String> keys) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (String k : keys) {
            if (node.has(k)) {
                out.set(k, node.get(k));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
