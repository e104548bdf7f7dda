package io.mmplatform.execution.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.hyperliquid.HyperliquidSigner;
import io.mmplatform.common.hyperliquid.HyperliquidWire;
import io.mmplatform.common.hyperliquid.Signature;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.execution.domain.MarketSpec;
import org.web3j.crypto.ECKeyPair;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The Hyperliquid HTTP API: {@code POST /info} (meta, openOrders, userFills) and signed {@code POST /exchange}
 * (order, cancel). Calls on java.net.http: reads and the dead man's switch block the calling wallet's thread; orders,
 * modifies and cancels also go without blocking ({@code ...Async}), so a wallet can have several markets' requests on the
 * wire at once.
 */
public final class HyperliquidClient {
    /** One order for the order action, already on the venue's grid. */
    public record WireOrder(int asset, Side side, BigDecimal price, BigDecimal size, TimeInForce tif, String cloid) {
    }

    public record WireCancel(int asset, long oid) {
    }

    /** One modify of the batchModify action: the resting order {@code oid} is replaced by {@code order}. */
    public record WireModify(long oid, WireOrder order) {
    }

    public enum StatusKind { RESTING, FILLED, ERROR }

    /** One entry of an order response's statuses. */
    public record OrderStatus(StatusKind kind, Long oid, BigDecimal totalSz, BigDecimal avgPx, String error) {
    }

    /** One entry of a cancel response's statuses: success, or the venue's error text. */
    public record CancelStatus(boolean success, String error) {
    }

    public record OpenOrder(String coin, BigDecimal limitPx, long oid, Side side, BigDecimal sz, BigDecimal origSz,
                            long timestamp, String cloid) {
    }

    public record UserFill(String coin, BigDecimal px, BigDecimal sz, Side side, long time, long oid, boolean crossed,
                           BigDecimal fee, String feeToken, long tid, String cloid) {
    }

    /** A signed /exchange body, ready to leave. */
    public record SignedRequest(String body, long nonce, int size) {
    }

    private final URI infoUri;
    private final URI exchangeUri;
    private final boolean mainnet;
    private final Duration timeout;
    private final HttpClient http;

    public HyperliquidClient(URI baseUrl, boolean mainnet, Duration timeout) {
        String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
        this.infoUri = URI.create(base + "info");
        this.exchangeUri = URI.create(base + "exchange");
        this.mainnet = mainnet;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    // ---------------------------------------------------------------- /info

    public List<MarketSpec> meta() {
        ObjectNode req = Json.MAPPER.createObjectNode().put("type", "meta");
        JsonNode universe = post(infoUri, req.toString()).path("universe");
        if (!universe.isArray()) {
            throw new VenueException("meta answer has no universe array", true, null);
        }
        List<MarketSpec> out = new ArrayList<>();
        int index = 0;
        for (JsonNode asset : universe) {
            out.add(new MarketSpec(asset.path("name").asText(), index++, asset.path("szDecimals").asInt(), true));
        }
        return out;
    }

    public List<OpenOrder> openOrders(String address) {
        ObjectNode req = Json.MAPPER.createObjectNode().put("type", "openOrders").put("user", address);
        JsonNode answer = post(infoUri, req.toString());
        requireArray(answer, "openOrders");
        List<OpenOrder> out = new ArrayList<>();
        for (JsonNode o : answer) {
            out.add(new OpenOrder(o.path("coin").asText(), decimal(o, "limitPx"), o.path("oid").asLong(),
                    side(o.path("side").asText()), decimal(o, "sz"),
                    o.hasNonNull("origSz") ? decimal(o, "origSz") : decimal(o, "sz"),
                    o.path("timestamp").asLong(), text(o, "cloid")));
        }
        return out;
    }

    /** The user's fills, newest first (as the venue returns them). */
    public List<UserFill> userFills(String address) {
        ObjectNode req = Json.MAPPER.createObjectNode().put("type", "userFills").put("user", address);
        JsonNode answer = post(infoUri, req.toString());
        requireArray(answer, "userFills");
        List<UserFill> out = new ArrayList<>();
        for (JsonNode f : answer) {
            out.add(new UserFill(f.path("coin").asText(), decimal(f, "px"), decimal(f, "sz"),
                    side(f.path("side").asText()), f.path("time").asLong(), f.path("oid").asLong(),
                    f.path("crossed").asBoolean(false),
                    f.hasNonNull("fee") ? decimal(f, "fee") : BigDecimal.ZERO,
                    f.hasNonNull("feeToken") ? f.get("feeToken").asText() : "USDC",
                    f.path("tid").asLong(), text(f, "cloid")));
        }
        return out;
    }

    // ---------------------------------------------------------------- /exchange

    public static ObjectNode orderAction(List<WireOrder> orders) {
        ObjectNode action = Json.MAPPER.createObjectNode();
        action.put("type", "order");
        ArrayNode list = action.putArray("orders");
        for (WireOrder o : orders) {
            writeOrder(list.addObject(), o);
        }
        action.put("grouping", "na");
        return action;
    }

    /** {"type":"batchModify","modifies":[{"oid":N,"order":{a,b,p,s,r,t,c}}]}: each replaces a resting order. */
    public static ObjectNode batchModifyAction(List<WireModify> modifies) {
        ObjectNode action = Json.MAPPER.createObjectNode();
        action.put("type", "batchModify");
        ArrayNode list = action.putArray("modifies");
        for (WireModify m : modifies) {
            ObjectNode w = list.addObject();
            w.put("oid", m.oid());
            writeOrder(w.putObject("order"), m.order());
        }
        return action;
    }

    private static void writeOrder(ObjectNode w, WireOrder o) {
        w.put("a", o.asset());
        w.put("b", o.side() == Side.BUY);
        w.put("p", HyperliquidWire.decimalToWire(o.price()));
        w.put("s", HyperliquidWire.decimalToWire(o.size()));
        w.put("r", false);
        w.putObject("t").putObject("limit").put("tif", tif(o.tif()));
        if (o.cloid() != null) {
            w.put("c", o.cloid());
        }
    }

    public static ObjectNode cancelAction(List<WireCancel> cancels) {
        ObjectNode action = Json.MAPPER.createObjectNode();
        action.put("type", "cancel");
        ArrayNode list = action.putArray("cancels");
        for (WireCancel c : cancels) {
            list.addObject().put("a", c.asset()).put("o", c.oid());
        }
        return action;
    }

    /**
     * The dead man's switch: at {@code timeMs} the venue cancels every open order of the signer unless a later
     * scheduleCancel moved it; {@code null} removes the schedule (the key is left out, as the venue hashes it).
     */
    public static ObjectNode scheduleCancelAction(Long timeMs) {
        ObjectNode action = Json.MAPPER.createObjectNode();
        action.put("type", "scheduleCancel");
        if (timeMs != null) {
            action.put("time", timeMs);
        }
        return action;
    }

    /** Sends a signed scheduleCancel; the venue answers {"status":"ok","response":{"type":"default"}}. */
    public void sendScheduleCancel(SignedRequest request) {
        requireOk(post(exchangeUri, request.body()), "scheduleCancel");
    }

    /**
     * Only {"status":"err"} is a refusal (nothing was applied). An answer without a status (an empty body, as when
     * the connection closes after the headers) leaves the outcome unknown: the request may have been applied.
     */
    private static void requireOk(JsonNode answer, String what) {
        String status = answer.path("status").asText("");
        if (status.equals("ok")) {
            return;
        }
        if (status.equals("err")) {
            throw new VenueException(what + " refused: " + errorText(answer), true, null);
        }
        throw new VenueException(what + " answered without a status, outcome unknown: " + abbreviate(answer.toString()),
                false, null);
    }

    /** Signs an action with the wallet's key; the body is what /exchange receives. */
    public SignedRequest sign(ECKeyPair key, ObjectNode action, long nonce, int size) {
        Signature sig = HyperliquidSigner.signL1Action(key, action, nonce, null, null, mainnet);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("action", action);
        body.put("nonce", nonce);
        body.set("signature", sig.toJson());
        body.putNull("vaultAddress");
        return new SignedRequest(body.toString(), nonce, size);
    }

    /** Sends a signed order request; one status per order, in order. */
    public List<OrderStatus> sendOrders(SignedRequest request) {
        return orderStatuses(exchange(request, "order"));
    }

    /** {@link #sendOrders} without blocking: the future fails with a {@link VenueException}. */
    public CompletableFuture<List<OrderStatus>> sendOrdersAsync(SignedRequest request) {
        return exchangeAsync(request, "order").thenApply(HyperliquidClient::orderStatuses);
    }

    /**
     * Sends a signed batchModify request; the venue answers like an order request, one status per modify, in order
     * (resting or filled: the new order replaced the old one; error: the old one is not open any more, nothing new).
     */
    public List<OrderStatus> sendModifies(SignedRequest request) {
        return orderStatuses(exchange(request, "batchModify"));
    }

    /** {@link #sendModifies} without blocking: the future fails with a {@link VenueException}. */
    public CompletableFuture<List<OrderStatus>> sendModifiesAsync(SignedRequest request) {
        return exchangeAsync(request, "batchModify").thenApply(HyperliquidClient::orderStatuses);
    }

    private static List<OrderStatus> orderStatuses(JsonNode statuses) {
        List<OrderStatus> out = new ArrayList<>();
        for (JsonNode s : statuses) {
            if (s.has("resting")) {
                out.add(new OrderStatus(StatusKind.RESTING, s.get("resting").path("oid").asLong(), null, null, null));
            } else if (s.has("filled")) {
                JsonNode f = s.get("filled");
                out.add(new OrderStatus(StatusKind.FILLED, f.path("oid").asLong(),
                        f.hasNonNull("totalSz") ? decimal(f, "totalSz") : null,
                        f.hasNonNull("avgPx") ? decimal(f, "avgPx") : null, null));
            } else {
                out.add(new OrderStatus(StatusKind.ERROR, null, null, null,
                        s.has("error") ? s.get("error").asText() : "unrecognised status " + s));
            }
        }
        return out;
    }

    /** Sends a signed cancel request; one status per cancel, in order. */
    public List<CancelStatus> sendCancels(SignedRequest request) {
        return cancelStatuses(exchange(request, "cancel"));
    }

    /** {@link #sendCancels} without blocking: the future fails with a {@link VenueException}. */
    public CompletableFuture<List<CancelStatus>> sendCancelsAsync(SignedRequest request) {
        return exchangeAsync(request, "cancel").thenApply(HyperliquidClient::cancelStatuses);
    }

    private static List<CancelStatus> cancelStatuses(JsonNode statuses) {
        List<CancelStatus> out = new ArrayList<>();
        for (JsonNode s : statuses) {
            if (s.isTextual() && "success".equals(s.asText())) {
                out.add(new CancelStatus(true, null));
            } else {
                out.add(new CancelStatus(false, s.has("error") ? s.get("error").asText() : s.toString()));
            }
        }
        return out;
    }

    private JsonNode exchange(SignedRequest request, String what) {
        return statuses(post(exchangeUri, request.body()), request, what);
    }

    private CompletableFuture<JsonNode> exchangeAsync(SignedRequest request, String what) {
        return postAsync(exchangeUri, request.body()).thenApply(answer -> statuses(answer, request, what));
    }

    private static JsonNode statuses(JsonNode answer, SignedRequest request, String what) {
        requireOk(answer, what);
        JsonNode statuses = answer.path("response").path("data").path("statuses");
        if (!statuses.isArray() || statuses.size() != request.size()) {
            throw new VenueException(what + " answer has " + (statuses.isArray() ? statuses.size() : "no")
                    + " statuses for " + request.size() + " entries: " + answer, false, null);
        }
        return statuses;
    }

    private static String errorText(JsonNode answer) {
        JsonNode response = answer.get("response");
        return response == null ? answer.toString() : response.isTextual() ? response.asText() : response.toString();
    }

    // ---------------------------------------------------------------- plumbing

    private JsonNode post(URI uri, String body) {
        try {
            return answer(uri, http.send(postRequest(uri, body), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new VenueException("POST " + uri + " failed: " + e, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VenueException("POST " + uri + " interrupted", false, e);
        }
    }

    /** The answer's JSON; fails with a {@link VenueException} (unwrapped: the future's cause is one). */
    private CompletableFuture<JsonNode> postAsync(URI uri, String body) {
        return http.sendAsync(postRequest(uri, body), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        throw new VenueException("POST " + uri + " failed: " + cause, false, cause);
                    }
                    return answer(uri, response);
                });
    }

    private HttpRequest postRequest(URI uri, String body) {
        return HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static JsonNode answer(URI uri, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            // a 4xx means the venue looked at the request and refused it; a 5xx leaves the outcome unknown
            throw new VenueException("POST " + uri + " answered HTTP " + response.statusCode() + ": "
                    + abbreviate(response.body()), response.statusCode() / 100 == 4, response.statusCode() == 429, null);
        }
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new VenueException("POST " + uri + " answered non-JSON: " + abbreviate(response.body()), false, e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static void requireArray(JsonNode answer, String what) {
        if (!answer.isArray()) {
            throw new VenueException(what + " answer is not an array: " + abbreviate(answer.toString()), true, null);
        }
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new VenueException("venue answer misses '" + field + "': " + abbreviate(node.toString()), true, null);
        }
        return new BigDecimal(v.asText());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Side side(String s) {
        return switch (s) {
            case "B" -> Side.BUY;
            case "A" -> Side.SELL;
            default -> throw new VenueException("unknown side '" + s + "'", true, null);
        };
    }

    static String tif(TimeInForce tif) {
        return switch (tif) {
            case GTC -> "Gtc";
            case IOC -> "Ioc";
            case ALO -> "Alo";
        };
    }
}
