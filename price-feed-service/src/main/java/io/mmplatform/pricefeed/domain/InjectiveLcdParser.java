package io.mmplatform.pricefeed.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.messages.PriceLevel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Injective LCD answers of the exchange module, converting to human prices with the market's format
 * ({@link InjectiveMarket#humanPrice}).
 *
 * <ul>
 *   <li>{@code GET .../{spot|derivative}/mid_price_and_tob/{id}} ->
 *       {@code {"mid_price":"…","best_buy_price":"…","best_sell_price":"…"}}; each field is a nullable
 *       {@code sdk.Dec} string, so it may be missing, {@code null} or {@code ""} when that side of the book is
 *       empty.</li>
 *   <li>{@code GET .../{spot|derivative}/orderbook/{id}?limit=N} ->
 *       {@code {"buys_price_level":[{"p":"…","q":"…"}…],"sells_price_level":[…],"seq":"…"}}, best levels first;
 *       a missing or null side is an empty side.</li>
 * </ul>
 *
 * <p>Decision on empty books: an empty or one-sided book is a valid answer, not a malformed one. It parses to a
 * {@link TopOfBook} without mid ({@link TopOfBook#hasMid()} false) and the source skips it (counted separately, never
 * published, never counted as malformed). When {@code mid_price} is absent but both best prices are present, the mid
 * is their exact average, which is how the chain defines it. Malformed ({@link MalformedUpdateException}) is only
 * what breaks the shape: not JSON, not an object, a value that is not a decimal, a price that is not positive, a
 * level without {@code p}/{@code q}, a side that is not an array.
 */
public final class InjectiveLcdParser {

    /** Human top of book; any part may be null (that side is empty). */
    public record TopOfBook(BigDecimal mid, BigDecimal bestBid, BigDecimal bestAsk) {
        public boolean hasMid() {
            return mid != null;
        }
    }

    /** Human depth, best levels first; {@code seq} is the chain's book sequence when it gives one, else -1. */
    public record Depth(List<PriceLevel> bids, List<PriceLevel> asks, long seq) {
        public Depth {
            bids = List.copyOf(bids);
            asks = List.copyOf(asks);
        }
    }

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    public static TopOfBook parseMidPriceAndTob(String json, InjectiveMarket market) {
        JsonNode root = object(json, "mid_price_and_tob");
        BigDecimal bid = price(root, "best_buy_price", market);
        BigDecimal ask = price(root, "best_sell_price", market);
        BigDecimal mid = price(root, "mid_price", market);
        if (mid == null && bid != null && ask != null) {
            mid = InjectiveMarket.normalize(bid.add(ask).divide(TWO)); // exact: halving always terminates
        }
        return new TopOfBook(mid, bid, ask);
    }

    public static Depth parseOrderbook(String json, InjectiveMarket market) {
        JsonNode root = object(json, "orderbook");
        List<PriceLevel> bids = side(root.get("buys_price_level"), "buys_price_level", market);
        List<PriceLevel> asks = side(root.get("sells_price_level"), "sells_price_level", market);
        JsonNode seqNode = root.get("seq");
        long seq = -1;
        if (seqNode != null && !seqNode.isNull()) {
            try {
                seq = Long.parseLong(seqNode.asText());
            } catch (NumberFormatException e) {
                throw new MalformedUpdateException("orderbook 'seq' = '" + seqNode.asText() + "' is not an integer");
            }
        }
        return new Depth(bids, asks, seq);
    }

    private static JsonNode object(String json, String what) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new MalformedUpdateException(what + " answer is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedUpdateException(what + " answer is not a JSON object");
        }
        return root;
    }

    private static BigDecimal price(JsonNode root, String field, InjectiveMarket market) {
        BigDecimal raw = decimal(root.get(field), field);
        if (raw == null) {
            return null;
        }
        if (raw.signum() <= 0) {
            throw new MalformedUpdateException("'" + field + "' = " + raw.toPlainString() + " is not a positive price");
        }
        return market.humanPrice(raw);
    }

    private static List<PriceLevel> side(JsonNode array, String name, InjectiveMarket market) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new MalformedUpdateException("orderbook '" + name + "' is not an array");
        }
        List<PriceLevel> out = new ArrayList<>(array.size());
        for (JsonNode level : array) {
            if (!level.isObject()) {
                throw new MalformedUpdateException("orderbook '" + name + "' has a level that is not an object");
            }
            BigDecimal p = decimal(level.get("p"), name + ".p");
            BigDecimal q = decimal(level.get("q"), name + ".q");
            if (p == null || q == null) {
                throw new MalformedUpdateException("orderbook '" + name + "' has a level without 'p' or 'q'");
            }
            if (p.signum() <= 0 || q.signum() < 0) {
                throw new MalformedUpdateException("orderbook '" + name + "' level p=" + p.toPlainString()
                        + " q=" + q.toPlainString() + " is not a valid level");
            }
            out.add(new PriceLevel(market.humanPrice(p), market.humanQuantity(q), 0));
        }
        return out;
    }

    /** A decimal string (or an exact JSON number); null when missing, null or empty. */
    private static BigDecimal decimal(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text;
        if (node.isTextual()) {
            text = node.asText().trim();
            if (text.isEmpty()) {
                return null;
            }
        } else if (node.isIntegralNumber() || node.isBigDecimal()) {
            return node.decimalValue();
        } else {
            throw new MalformedUpdateException("'" + field + "' is not a decimal string: " + node);
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new MalformedUpdateException("'" + field + "' = '" + text + "' is not a decimal");
        }
    }

    private InjectiveLcdParser() {
    }
}
