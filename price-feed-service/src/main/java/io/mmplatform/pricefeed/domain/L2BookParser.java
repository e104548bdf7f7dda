package io.mmplatform.pricefeed.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.codec.Json;
import io.mmplatform.common.messages.PriceLevel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the answer of Hyperliquid {@code POST /info {"type":"l2Book","coin":X}}:
 * {@code {"coin":X,"levels":[[bids best first],[asks best first]],"time":ms}}, each level {@code {"px","sz","n"}}.
 */
public final class L2BookParser {

    public record L2Book(String coin, long timeMs, List<PriceLevel> bids, List<PriceLevel> asks) {
    }

    public static L2Book parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new MalformedUpdateException("l2Book answer is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedUpdateException("l2Book answer is not a JSON object");
        }
        JsonNode levels = root.get("levels");
        if (levels == null || !levels.isArray() || levels.size() != 2) {
            throw new MalformedUpdateException("l2Book answer has no 'levels' pair [bids, asks]");
        }
        JsonNode time = root.get("time");
        long timeMs = time != null && time.isIntegralNumber() ? time.asLong() : 0L;
        JsonNode coin = root.get("coin");
        return new L2Book(coin == null ? null : coin.asText(), timeMs, side(levels.get(0), "bids"), side(levels.get(1), "asks"));
    }

    private static List<PriceLevel> side(JsonNode array, String name) {
        if (!array.isArray()) {
            throw new MalformedUpdateException("l2Book " + name + " is not an array");
        }
        List<PriceLevel> out = new ArrayList<>(array.size());
        for (JsonNode level : array) {
            BigDecimal px = decimal(level, "px", name);
            BigDecimal sz = decimal(level, "sz", name);
            JsonNode n = level.get("n");
            out.add(new PriceLevel(px, sz, n != null && n.canConvertToInt() ? n.asInt() : 0));
        }
        return out;
    }

    private static BigDecimal decimal(JsonNode level, String field, String side) {
        JsonNode node = level.get(field);
        if (node == null || !(node.isTextual() || node.isNumber())) {
            throw new MalformedUpdateException("l2Book " + side + " level without '" + field + "'");
        }
        try {
            return new BigDecimal(node.asText());
        } catch (NumberFormatException e) {
            throw new MalformedUpdateException("l2Book " + side + " '" + field + "' = '" + node.asText() + "' is not a decimal");
        }
    }

    private L2BookParser() {
    }
}
