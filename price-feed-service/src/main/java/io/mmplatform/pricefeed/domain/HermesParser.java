package io.mmplatform.pricefeed.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a Pyth Hermes v2 price update ({@code {"binary":{...},"parsed":[{"id","price":{"price","conf","expo",
 * "publish_time"}}]}}), the body of {@code /v2/updates/price/latest} and of every SSE event of the stream.
 * price and conf are integers (JSON strings in Hermes), the real value is integer x 10^expo, computed exactly.
 */
public final class HermesParser {
    /** Pyth exponents are small (about -12..0); anything far off is garbage, not a price. */
    static final int MAX_ABS_EXPO = 64;
    /** Pyth price is an i64 and conf a u64: at most 20 digits; leave room for a sign and leading zeros. */
    private static final int MAX_INTEGER_CHARS = 40;

    public static List<HermesPrice> parse(String json) {
        JsonNode parsed = parsedArray(json);
        List<HermesPrice> prices = new ArrayList<>(parsed.size());
        for (JsonNode update : parsed) {
            prices.add(parseOne(update));
        }
        return prices;
    }

    /**
     * The prices of one update and what was wrong with the others: a bad entry in the {@code parsed} array does not
     * cost the good ones of the same event.
     *
     * @param rejected one reason per entry that could not be used
     */
    public record Batch(List<HermesPrice> prices, List<String> rejected) {
        public Batch {
            prices = List.copyOf(prices);
            rejected = List.copyOf(rejected);
        }
    }

    /**
     * Like {@link #parse}, but entry by entry: only a payload that is not a JSON object with a {@code parsed} array
     * throws; each unusable entry is listed in {@link Batch#rejected()} and skipped.
     */
    public static Batch parseEach(String json) {
        JsonNode parsed = parsedArray(json);
        List<HermesPrice> prices = new ArrayList<>(parsed.size());
        List<String> rejected = new ArrayList<>();
        for (JsonNode update : parsed) {
            try {
                prices.add(parseOne(update));
            } catch (MalformedUpdateException e) {
                rejected.add(e.getMessage());
            }
        }
        return new Batch(prices, rejected);
    }

    private static JsonNode parsedArray(String json) {
        if (json == null) {
            throw new MalformedUpdateException("no payload");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new MalformedUpdateException("not JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedUpdateException("not a JSON object");
        }
        JsonNode parsed = root.get("parsed");
        if (parsed == null || !parsed.isArray()) {
            throw new MalformedUpdateException("no 'parsed' array (request parsed=true)");
        }
        return parsed;
    }

    private static HermesPrice parseOne(JsonNode update) {
        if (update == null || !update.isObject()) {
            throw new MalformedUpdateException("an entry of 'parsed' is not a JSON object");
        }
        String id = text(update, "id");
        String feedId = normalizeId(id);
        JsonNode price = update.get("price");
        if (price == null || !price.isObject()) {
            throw new MalformedUpdateException("update " + feedId + " has no 'price' object");
        }
        JsonNode expoNode = price.get("expo");
        if (expoNode == null || !expoNode.canConvertToInt() || !expoNode.isIntegralNumber()) {
            throw new MalformedUpdateException("update " + feedId + ": 'expo' is not an integer");
        }
        int expo = expoNode.asInt();
        if (expo < -MAX_ABS_EXPO || expo > MAX_ABS_EXPO) {
            throw new MalformedUpdateException("update " + feedId + ": 'expo' " + expo + " is out of range");
        }
        BigDecimal value = integer(price, "price", feedId).scaleByPowerOfTen(expo);
        BigDecimal conf = integer(price, "conf", feedId).scaleByPowerOfTen(expo);
        JsonNode publish = price.get("publish_time");
        if (publish == null || !publish.isIntegralNumber()) {
            throw new MalformedUpdateException("update " + feedId + ": 'publish_time' is not an integer");
        }
        long publishSeconds = publish.asLong();
        if (!publish.canConvertToLong() || publishSeconds < 0 || publishSeconds > Long.MAX_VALUE / 1000L) {
            throw new MalformedUpdateException("update " + feedId + ": 'publish_time' " + publish + " is out of range");
        }
        if (conf.signum() < 0) {
            throw new MalformedUpdateException("update " + feedId + ": conf " + conf.toPlainString() + " is negative");
        }
        if (value.signum() <= 0) {
            throw new MalformedUpdateException("update " + feedId + ": price " + value.toPlainString() + " is not positive");
        }
        JsonNode slot = update.path("metadata").path("slot");
        return new HermesPrice(feedId, value, conf, publishSeconds * 1000L,
                slot.isIntegralNumber() && slot.canConvertToLong() && slot.asLong() > 0 ? slot.asLong() : 0);
    }

    /** Feed ids compare as 64 lowercase hex chars without 0x. */
    public static String normalizeId(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("0x")) {
            s = s.substring(2);
        }
        if (!s.matches("[0-9a-f]{64}")) {
            throw new MalformedUpdateException("feed id '" + (id.length() > 80 ? id.substring(0, 80) + "..." : id)
                    + "' is not 64 hex chars");
        }
        return s;
    }

    private static BigDecimal integer(JsonNode price, String field, String feedId) {
        JsonNode node = price.get(field);
        if (node == null || node.isNull()) {
            throw new MalformedUpdateException("update " + feedId + ": no '" + field + "'");
        }
        String text = node.isTextual() ? node.asText() : node.isIntegralNumber() ? node.bigIntegerValue().toString() : null;
        if (text == null) {
            throw new MalformedUpdateException("update " + feedId + ": '" + field + "' is not an integer");
        }
        if (text.length() > MAX_INTEGER_CHARS) {
            throw new MalformedUpdateException("update " + feedId + ": '" + field + "' has " + text.length() + " chars, too long for an integer");
        }
        try {
            return new BigDecimal(new BigInteger(text));
        } catch (NumberFormatException e) {
            throw new MalformedUpdateException("update " + feedId + ": '" + field + "' = '" + text + "' is not an integer");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedUpdateException("update without a textual '" + field + "'");
        }
        return value.asText();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl > 0 ? message.substring(0, nl) : message;
    }

    private HermesParser() {
    }
}
