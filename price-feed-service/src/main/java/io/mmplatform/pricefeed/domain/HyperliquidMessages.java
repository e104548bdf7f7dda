package io.mmplatform.pricefeed.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.messages.PriceLevel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Hyperliquid's WebSocket dialect ({@code wss://api.hyperliquid.xyz/ws}) for market data, without the transport.
 * Client to venue: {@code {"method":"subscribe","subscription":{"type":"allMids"}}},
 * {@code {"method":"subscribe","subscription":{"type":"l2Book","coin":X}}} and {@code {"method":"ping"}}.
 * Venue to client: {@code {"channel":"allMids","data":{"mids":{coin: "decimal"}}}},
 * {@code {"channel":"l2Book","data":{"coin","levels":[[bids],[asks]],"time"}}}, {@code {"channel":"pong"}},
 * {@code {"channel":"subscriptionResponse","data":{...}}} and {@code {"channel":"error","data":"text"}}.
 * Also the REST answer of {@code POST /info {"type":"allMids"}}: {@code {coin: "decimal"}}.
 * Decimals are read exactly; a payload that breaks the shape throws {@link MalformedUpdateException}.
 */
public final class HyperliquidMessages {

    /** One message of the venue. */
    public sealed interface Message permits Mids, Book, Pong, SubscriptionResponse, VenueError, Other {
    }

    /** allMids: the mid of every wanted coin present in the message (allMids carries no time of its own). */
    public record Mids(Map<String, BigDecimal> mids) implements Message {
        public Mids {
            mids = Collections.unmodifiableMap(new LinkedHashMap<>(mids));
        }
    }

    /** l2Book: a full snapshot of one coin's book (timeMs 0 when the venue gave none). */
    public record Book(L2BookParser.L2Book book) implements Message {
    }

    public record Pong() implements Message {
    }

    /** The venue's acknowledgement of a subscribe/unsubscribe; subscription is its JSON. */
    public record SubscriptionResponse(String method, String subscription) implements Message {
    }

    /** {@code {"channel":"error","data":"..."}}, e.g. an invalid subscription. */
    public record VenueError(String message) implements Message {
    }

    /** A well-formed message on a channel this source does not use. */
    public record Other(String channel) implements Message {
    }

    public static final String PING = "{\"method\":\"ping\"}";
    public static final String ALL_MIDS_REQUEST = "{\"type\":\"allMids\"}";

    public static String subscribeAllMids() {
        return subscribe(Json.MAPPER.createObjectNode().put("type", "allMids"));
    }

    public static String subscribeL2Book(String coin) {
        return subscribe(Json.MAPPER.createObjectNode().put("type", "l2Book").put("coin", coin));
    }

    private static String subscribe(ObjectNode subscription) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("method", "subscribe");
        root.set("subscription", subscription);
        return root.toString();
    }

    /**
     * Parses one WebSocket text message.
     *
     * @param wantedCoins allMids entries of other coins are skipped unread (the venue lists hundreds)
     */
    public static Message parse(String text, Set<String> wantedCoins) {
        JsonNode root = readObject(text, "message");
        JsonNode channelNode = root.get("channel");
        if (channelNode == null || !channelNode.isTextual()) {
            throw new MalformedUpdateException("message without 'channel'");
        }
        String channel = channelNode.asText();
        JsonNode data = root.get("data");
        switch (channel) {
            case "pong":
                return new Pong();
            case "error":
                return new VenueError(data == null ? "" : data.isTextual() ? data.asText() : data.toString());
            case "subscriptionResponse":
                return new SubscriptionResponse(data == null ? "" : data.path("method").asText(""),
                        data == null || data.get("subscription") == null ? "" : data.get("subscription").toString());
            case "allMids": {
                if (data == null || !data.isObject()) {
                    throw new MalformedUpdateException("allMids without 'data' object");
                }
                JsonNode mids = data.get("mids");
                if (mids == null || !mids.isObject()) {
                    throw new MalformedUpdateException("allMids without 'mids' object");
                }
                return new Mids(mids(mids, wantedCoins, "allMids"));
            }
            case "l2Book":
                if (data == null || !data.isObject()) {
                    throw new MalformedUpdateException("l2Book without 'data' object");
                }
                return new Book(book(data));
            default:
                return new Other(channel);
        }
    }

    /** Parses the answer of {@code POST /info {"type":"allMids"}}: coin to mid, wanted coins only. */
    public static Map<String, BigDecimal> parseInfoAllMids(String json, Set<String> wantedCoins) {
        return mids(readObject(json, "allMids answer"), wantedCoins, "allMids answer");
    }

    /** The mid of best bid and best ask, exact; empty when a side is empty. A crossed book is malformed. */
    public static Optional<BigDecimal> mid(L2BookParser.L2Book book) {
        if (book.bids().isEmpty() || book.asks().isEmpty()) {
            return Optional.empty();
        }
        BigDecimal bid = book.bids().get(0).price();
        BigDecimal ask = book.asks().get(0).price();
        if (bid.signum() <= 0 || bid.compareTo(ask) >= 0) {
            throw new MalformedUpdateException("l2Book " + book.coin() + " best bid " + bid.toPlainString()
                    + " is not below best ask " + ask.toPlainString());
        }
        return Optional.of(bid.add(ask).divide(BigDecimal.valueOf(2))); // halving always terminates: exact
    }

    private static JsonNode readObject(String text, String what) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new MalformedUpdateException(what + " is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedUpdateException(what + " is not a JSON object");
        }
        return root;
    }

    private static Map<String, BigDecimal> mids(JsonNode mids, Set<String> wantedCoins, String what) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = mids.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!wantedCoins.contains(entry.getKey())) {
                continue;
            }
            BigDecimal mid = decimal(entry.getValue(), what + " " + entry.getKey());
            if (mid.signum() <= 0) {
                throw new MalformedUpdateException(what + " " + entry.getKey() + " mid " + mid.toPlainString() + " is not positive");
            }
            out.put(entry.getKey(), mid);
        }
        return out;
    }

    private static L2BookParser.L2Book book(JsonNode data) {
        JsonNode coin = data.get("coin");
        if (coin == null || !coin.isTextual() || coin.asText().isEmpty()) {
            throw new MalformedUpdateException("l2Book without 'coin'");
        }
        JsonNode levels = data.get("levels");
        if (levels == null || !levels.isArray() || levels.size() != 2) {
            throw new MalformedUpdateException("l2Book " + coin.asText() + " has no 'levels' pair [bids, asks]");
        }
        JsonNode time = data.get("time");
        long timeMs = time != null && time.isIntegralNumber() ? time.asLong() : 0L;
        return new L2BookParser.L2Book(coin.asText(), timeMs,
                side(levels.get(0), coin.asText() + " bids"), side(levels.get(1), coin.asText() + " asks"));
    }

    private static List<PriceLevel> side(JsonNode array, String what) {
        if (!array.isArray()) {
            throw new MalformedUpdateException("l2Book " + what + " is not an array");
        }
        List<PriceLevel> out = new ArrayList<>(array.size());
        for (JsonNode level : array) {
            if (!level.isObject()) {
                throw new MalformedUpdateException("l2Book " + what + " level is not an object");
            }
            BigDecimal px = decimal(level.get("px"), "l2Book " + what + " 'px'");
            BigDecimal sz = decimal(level.get("sz"), "l2Book " + what + " 'sz'");
            JsonNode n = level.get("n");
            out.add(new PriceLevel(px, sz, n != null && n.canConvertToInt() ? n.asInt() : 0));
        }
        return out;
    }

    private static BigDecimal decimal(JsonNode node, String what) {
        if (node == null || !(node.isTextual() || node.isNumber())) {
            throw new MalformedUpdateException(what + " is missing");
        }
        String text = node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText();
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new MalformedUpdateException(what + " = '" + text + "' is not a decimal");
        }
    }

    private HyperliquidMessages() {
    }
}
