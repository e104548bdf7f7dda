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

    public static List<HermesPrice> parse(String json) {
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
        List<HermesPrice> prices = new ArrayList<>(parsed.size());
        for (JsonNode update : parsed) {
            prices.add(parseOne(update));
        }
        return prices;
    }

    private static HermesPrice parseOne(JsonNode update) {
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
        BigDecimal value = integer(price, "price", feedId).scaleByPowerOfTen(expo);
        BigDecimal conf = integer(price, "conf", feedId).scaleByPowerOfTen(expo);
        JsonNode publish = price.get("publish_time");
        if (publish == null || !publish.isIntegralNumber()) {
            throw new MalformedUpdateException("update " + feedId + ": 'publish_time' is not an integer");
        }
        if (value.signum() <= 0) {
            throw new MalformedUpdateException("update " + feedId + ": price " + value.toPlainString() + " is not positive");
        }
        return new HermesPrice(feedId, value, conf, publish.asLong() * 1000L);
    }

    /** Feed ids compare as 64 lowercase hex chars without 0x. */
    public static String normalizeId(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("0x")) {
            s = s.substring(2);
        }
        if (!s.matches("[0-9a-f]{64}")) {
            throw new MalformedUpdateException("feed id '" + id + "' is not 64 hex chars");
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
