package io.mmplatform.execution.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.injective.SignedTx;
import io.mmplatform.execution.domain.injective.InjectiveMarketParser;
import io.mmplatform.execution.domain.injective.InjectiveMarketSpec;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Injective chain's LCD (REST gateway) as execution uses it: accounts, the latest height, exchange v2 markets and a
 * subaccount's orders, sync broadcast, and the tx by hash. Trades come from {@code /sim/injective/trades}, the
 * simulator's stand-in for the indexer (the chain itself has no trades query). Blocking calls on java.net.http; each
 * wallet calls from its own thread. A {@link VenueException} is {@code refused} when the node answered 4xx (nothing
 * happened), otherwise the outcome is unknown.
 */
public final class InjectiveLcdClient {
    /** An account's number and the committed sequence. */
    public record Account(long accountNumber, long sequence) {
    }

    /** CheckTx's answer to a sync broadcast. */
    public record Broadcast(String txHash, int code, String codespace, String rawLog) {
        public boolean accepted() {
            return code == 0;
        }
    }

    /**
     * A tx in a block: its DeliverTx code and log, the cids its batch created and those that failed (with the chain's
     * reason), as MsgBatchUpdateOrdersResponse and EventOrderFail report them.
     */
    public record TxResult(String txHash, long height, int code, String rawLog, List<String> createdCids,
                           Map<String, String> failedCids) {
        public boolean succeeded() {
            return code == 0;
        }
    }

    /** One of a subaccount's resting orders. */
    public record ChainOrder(String orderHash, String cid, boolean buy, BigDecimal price, BigDecimal quantity,
                             BigDecimal fillable) {
    }

    /** One trade of a subaccount (newest first in a listing). */
    public record Trade(String tradeId, String marketId, String orderHash, String cid, boolean buy, boolean maker,
                        BigDecimal price, BigDecimal quantity, BigDecimal fee, long executedAtMs) {
    }

    private final String base;
    private final Duration timeout;
    private final HttpClient http;

    public InjectiveLcdClient(URI lcdUrl, Duration timeout) {
        String b = lcdUrl.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public Account account(String bech32) {
        JsonNode account = get("/cosmos/auth/v1beta1/accounts/" + bech32).path("account");
        // an EthAccount wraps a BaseAccount in base_account; a plain BaseAccount carries the fields itself
        JsonNode baseAccount = account.has("base_account") ? account.get("base_account") : account;
        if (!baseAccount.hasNonNull("account_number")) {
            throw new VenueException("account answer for " + bech32 + " has no account_number", true, null);
        }
        return new Account(baseAccount.path("account_number").asLong(), baseAccount.path("sequence").asLong(0));
    }

    public long latestHeight() {
        JsonNode height = get("/cosmos/base/tendermint/v1beta1/blocks/latest").path("block").path("header").path("height");
        if (!height.isTextual() && !height.isNumber()) {
            throw new VenueException("latest block answer has no height", true, null);
        }
        return Long.parseLong(height.asText());
    }

    /** Every spot and derivative market the chain lists (exchange v2, human units). */
    public List<InjectiveMarketSpec> markets() {
        List<InjectiveMarketSpec> out = new ArrayList<>();
        try {
            out.addAll(InjectiveMarketParser.parseSpotMarkets(get("/injective/exchange/v2/spot/markets")));
            out.addAll(InjectiveMarketParser.parseDerivativeMarkets(get("/injective/exchange/v2/derivative/markets")));
        } catch (IllegalArgumentException e) {
            throw new VenueException("markets answer unreadable: " + e.getMessage(), true, e);
        }
        return out;
    }

    public List<ChainOrder> orders(InjectiveMarketSpec market, String subaccountId) {
        String kind = market.derivative() ? "derivative" : "spot";
        JsonNode orders = get("/injective/exchange/v2/" + kind + "/orders/" + market.marketId() + "/" + subaccountId)
                .path("orders");
        List<ChainOrder> out = new ArrayList<>();
        for (JsonNode o : orders) {
            out.add(new ChainOrder(o.path("order_hash").asText(), o.path("cid").asText(""),
                    o.path("isBuy").asBoolean(), decimal(o, "price"), decimal(o, "quantity"), decimal(o, "fillable")));
        }
        return out;
    }

    public List<Trade> trades(InjectiveMarketSpec market, String subaccountId, int limit) {
        JsonNode trades = get("/sim/injective/trades/" + subaccountId + "?market_id=" + market.marketId() + "&limit="
                + limit).path("trades");
        List<Trade> out = new ArrayList<>();
        for (JsonNode t : trades) {
            out.add(new Trade(t.path("trade_id").asText(), t.path("market_id").asText(), t.path("order_hash").asText(),
                    t.path("cid").asText(""), "buy".equals(t.path("trade_direction").asText()),
                    "maker".equals(t.path("execution_side").asText()), decimal(t, "price"), decimal(t, "quantity"),
                    t.hasNonNull("fee") ? decimal(t, "fee") : BigDecimal.ZERO, t.path("executed_at").asLong()));
        }
        return out;
    }

    /** Sync broadcast: the answer is CheckTx's; a 4xx is a refusal (not in the mempool), anything else unknown. */
    public Broadcast broadcast(SignedTx tx) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("tx_bytes", tx.txBytesBase64())
                .put("mode", "BROADCAST_MODE_SYNC");
        JsonNode r = send(HttpRequest.newBuilder(URI.create(base + "/cosmos/tx/v1beta1/txs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "POST /cosmos/tx/v1beta1/txs")
                .path("tx_response");
        if (!r.has("code")) {
            throw new VenueException("broadcast answer has no tx_response.code", false, null);
        }
        return new Broadcast(r.path("txhash").asText(tx.hash()), r.path("code").asInt(), r.path("codespace").asText(""),
                r.path("raw_log").asText(""));
    }

    /** The tx by hash once it is in a block; empty while it is not (404). */
    public Optional<TxResult> tx(String hash) {
        JsonNode answer;
        try {
            answer = get("/cosmos/tx/v1beta1/txs/" + hash);
        } catch (VenueException e) {
            if (e.getMessage().contains("HTTP 404")) {
                return Optional.empty();
            }
            throw e;
        }
        JsonNode r = answer.path("tx_response");
        List<String> created = new ArrayList<>();
        for (JsonNode response : r.path("msg_responses")) {
            for (String field : List.of("created_spot_orders_cids", "created_derivative_orders_cids")) {
                response.path(field).forEach(c -> created.add(c.asText()));
            }
        }
        Map<String, String> failed = new HashMap<>();
        for (JsonNode event : r.path("events")) {
            if (!event.path("type").asText().endsWith("EventOrderFail")) {
                continue;
            }
            String cid = null;
            String reason = "order failed";
            for (JsonNode a : event.path("attributes")) {
                switch (a.path("key").asText()) {
                    case "cid" -> cid = unquote(a.path("value").asText());
                    case "reason" -> reason = unquote(a.path("value").asText());
                    default -> {
                    }
                }
            }
            if (cid != null && !cid.isEmpty()) {
                failed.put(cid, reason);
            }
        }
        return Optional.of(new TxResult(r.path("txhash").asText(hash), r.path("height").asLong(), r.path("code").asInt(),
                r.path("raw_log").asText(""), created, failed));
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), "GET " + path);
    }

    private JsonNode send(HttpRequest.Builder builder, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(builder.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new VenueException(what + " failed: " + e, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VenueException(what + " interrupted", false, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new VenueException(what + " answered HTTP " + response.statusCode() + ": " + abbreviate(response.body()),
                    response.statusCode() / 100 == 4, response.statusCode() == 429, null);
        }
        try {
            JsonNode node = Json.MAPPER.readTree(response.body());
            if (node == null) {
                throw new VenueException(what + " answered an empty body", false, null);
            }
            return node;
        } catch (IOException e) {
            throw new VenueException(what + " answered non-JSON: " + abbreviate(response.body()), false, e);
        }
    }

    /** Typed events carry JSON values (a string attribute arrives quoted). */
    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new VenueException("chain answer misses '" + field + "': " + abbreviate(node.toString()), true, null);
        }
        try {
            return new BigDecimal(v.asText());
        } catch (NumberFormatException e) {
            throw new VenueException("chain answer has a non-decimal '" + field + "': " + v.asText(), true, e);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
