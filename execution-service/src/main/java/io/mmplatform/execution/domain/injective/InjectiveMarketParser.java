package io.mmplatform.execution.domain.injective;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.execution.domain.injective.InjectiveMarketSpec.Kind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads market specs from the chain's LCD answers of the exchange module <b>v2</b>:
 * {@code GET /injective/exchange/v2/spot/markets} ({@code QuerySpotMarketsResponse {markets: [SpotMarket]}}) and
 * {@code GET /injective/exchange/v2/derivative/markets} ({@code QueryDerivativeMarketsResponse {markets:
 * [FullDerivativeMarket {market: DerivativeMarket, perpetual_info | futures_info, mark_price, ..}]}}), field names as in
 * injective/exchange/v2/{market,query}.proto. In v2, {@code min_price_tick_size}, {@code min_quantity_tick_size} and
 * {@code min_notional} are human-readable decimals; v1beta1 answers ({@code /injective/exchange/v1beta1/..}) carry them
 * in chain format (scaled by token decimals) and must not be read with this class.
 *
 * <p>Field names are read as the gateway prints them (snake_case, the proto names); the lowerCamelCase of canonical
 * proto3 JSON is accepted too. Markets of every status are returned; the caller picks the ones it trades.
 */
public final class InjectiveMarketParser {

    /** Every spot market of a {@code /injective/exchange/v2/spot/markets} answer. */
    public static List<InjectiveMarketSpec> parseSpotMarkets(JsonNode answer) {
        List<InjectiveMarketSpec> out = new ArrayList<>();
        JsonNode markets = array(answer, "markets");
        for (int i = 0; i < markets.size(); i++) {
            out.add(spotMarket(markets.get(i), "markets[" + i + "]"));
        }
        return out;
    }

    /** Every derivative market of a {@code /injective/exchange/v2/derivative/markets} answer. */
    public static List<InjectiveMarketSpec> parseDerivativeMarkets(JsonNode answer) {
        List<InjectiveMarketSpec> out = new ArrayList<>();
        JsonNode markets = array(answer, "markets");
        for (int i = 0; i < markets.size(); i++) {
            JsonNode full = markets.get(i);
            // FullDerivativeMarket wraps the DerivativeMarket in "market"
            JsonNode market = field(full, "market");
            out.add(derivativeMarket(market == null ? full : market, "markets[" + i + "].market"));
        }
        return out;
    }

    /** One SpotMarket object (also the {@code market} of {@code /injective/exchange/v2/spot/markets/{id}}). */
    public static InjectiveMarketSpec spotMarket(JsonNode market, String path) {
        requireObject(market, path);
        return new InjectiveMarketSpec(text(market, "market_id", path), Kind.SPOT, text(market, "ticker", path),
                integer(market, "base_decimals", path), integer(market, "quote_decimals", path),
                decimal(market, "min_price_tick_size", path), decimal(market, "min_quantity_tick_size", path),
                decimal(market, "min_notional", path));
    }

    /** One DerivativeMarket object (the {@code market} inside a FullDerivativeMarket). */
    public static InjectiveMarketSpec derivativeMarket(JsonNode market, String path) {
        requireObject(market, path);
        return new InjectiveMarketSpec(text(market, "market_id", path), Kind.DERIVATIVE, text(market, "ticker", path),
                0, integer(market, "quote_decimals", path),
                decimal(market, "min_price_tick_size", path), decimal(market, "min_quantity_tick_size", path),
                decimal(market, "min_notional", path));
    }

    private static JsonNode array(JsonNode answer, String name) {
        requireObject(answer, "answer");
        JsonNode v = field(answer, name);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("answer has no '" + name + "' array: " + abbreviate(answer));
        }
        return v;
    }

    private static void requireObject(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + " must be a JSON object");
        }
    }

    /** The snake_case field, else its lowerCamelCase form. */
    private static JsonNode field(JsonNode node, String snake) {
        JsonNode v = node.get(snake);
        if (v == null || v.isNull()) {
            v = node.get(camel(snake));
        }
        return v == null || v.isNull() ? null : v;
    }

    private static String text(JsonNode node, String name, String path) {
        JsonNode v = field(node, name);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw new IllegalArgumentException(path + "." + name + " is missing or not a string");
        }
        return v.textValue();
    }

    private static int integer(JsonNode node, String name, String path) {
        JsonNode v = field(node, name);
        if (v != null && v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v != null && v.isTextual() && v.textValue().matches("[0-9]{1,9}")) {
            return Integer.parseInt(v.textValue());
        }
        throw new IllegalArgumentException(path + "." + name + " is missing or not an integer"
                + " (a v2 answer carries it; is this a v1beta1 answer?)");
    }

    /** LegacyDec in JSON: a decimal string ("0.001000000000000000"), read exactly, never through a double. */
    private static BigDecimal decimal(JsonNode node, String name, String path) {
        JsonNode v = field(node, name);
        if (v == null || !v.isTextual() || !v.textValue().matches("[0-9]+(\\.[0-9]+)?")) {
            throw new IllegalArgumentException(path + "." + name + " is missing or not a decimal string: " + v);
        }
        return new BigDecimal(v.textValue());
    }

    private static String camel(String snake) {
        StringBuilder b = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 200 ? s.substring(0, 200) + ".." : s;
    }

    private InjectiveMarketParser() {
    }
}
