package io.mmplatform.simulator.adapters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.hyperliquid.HyperliquidSigner;
import io.mmplatform.common.hyperliquid.HyperliquidWire;
import io.mmplatform.common.hyperliquid.Signature;
import io.mmplatform.simulator.domain.MarketSpec;
import io.mmplatform.simulator.domain.MatchingEngine;
import io.mmplatform.simulator.domain.OrderRequest;
import io.mmplatform.simulator.domain.PlaceResult;
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
 * Hyperliquid's POST /exchange for the actions order, cancel and cancelByCloid. The signer recovered from the
 * signature (EIP-712 phantom agent over the action hash) is the account; a new signer is a new account with the
 * paper balance. Nonces follow the venue's rules per signer. The action is hashed with its keys in the venue's
 * canonical order, whatever order the client sent them in.
 */
public final class HyperliquidExchange {
    /** secp256k1 group order. */
    static final BigInteger CURVE_N =
            new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    static final Pattern CLOID = Pattern.compile("0x[0-9a-f]{32}");

    /** Counts what the exchange does; the adapter feeds it to metrics. */
    public interface Listener {
        void rejected(String reason);

        void status(String action, String status);
    }

    private final Simulation simulation;
    private final boolean mainnet;
    private final Listener listener;

    public HyperliquidExchange(Simulation simulation, boolean mainnet, Listener listener) {
        this.simulation = simulation;
        this.mainnet = mainnet;
        this.listener = listener;
    }

    public HttpAnswer handle(String body, long now) {
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
        String nonceError = simulation.useNonce(signer, nonce, now);
        if (nonceError != null) {
            return err("nonce", nonceError);
        }
        String type = action.get("type").textValue();
        return switch (type) {
            case "order" -> order(signer, action, now);
            case "cancel" -> cancel(signer, action, now, false);
            case "cancelByCloid" -> cancel(signer, action, now, true);
            default -> err("unsupported", "Unsupported action type for the simulator: " + type);
        };
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
        List<PlaceResult> results = simulation.withEngine(engine -> {
            List<PlaceResult> out = new ArrayList<>();
            for (Parsed p : parsed) {
                out.add(p.error() != null ? new PlaceResult.Rejected(p.error()) : engine.place(p.request(), now));
            }
            return out;
        });
        ArrayNode statuses = Json.MAPPER.createArrayNode();
        for (PlaceResult r : results) {
            ObjectNode s = statuses.addObject();
            if (r instanceof PlaceResult.Resting resting) {
                ObjectNode n = s.putObject("resting");
                n.put("oid", resting.oid());
                if (resting.cloid() != null) {
                    n.put("cloid", resting.cloid());
                }
                listener.status("order", "resting");
            } else if (r instanceof PlaceResult.Filled filled) {
                ObjectNode n = s.putObject("filled");
                n.put("totalSz", HyperliquidInfo.plain(filled.totalSz()));
                n.put("avgPx", HyperliquidInfo.plain(filled.avgPx()));
                n.put("oid", filled.oid());
                if (filled.cloid() != null) {
                    n.put("cloid", filled.cloid());
                }
                listener.status("order", "filled");
            } else {
                s.put("error", ((PlaceResult.Rejected) r).message());
                listener.status("order", "error");
            }
        }
        return ok("order", statuses);
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
            return new Parsed(null, "Order has invalid price: " + pxError + ". asset=" + asset);
        }
        BigDecimal sz = decimal(o.get("s"));
        String szError = sz == null ? "size is not a decimal string"
                : sz.signum() <= 0 ? "size must be positive" : HyperliquidWire.sizeError(sz, m.szDecimals());
        if (szError != null) {
            return new Parsed(null, "Order has invalid size: " + szError + ". asset=" + asset);
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
