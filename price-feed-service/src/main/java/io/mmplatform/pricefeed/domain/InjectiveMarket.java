package io.mmplatform.pricefeed.domain;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Injective exchange-module market read from an LCD, and the exact conversion of its answers to human prices.
 *
 * <p>Price formats of the exchange module (all strings are Cosmos {@code sdk.Dec}, 18 fractional digits):
 * <ul>
 *   <li>{@code v1beta1} spot: chain price = human x 10^(quoteDecimals - baseDecimals), chain quantity = human x
 *       10^baseDecimals;</li>
 *   <li>{@code v1beta1} derivative: chain price = human x 10^quoteDecimals, quantity already human;</li>
 *   <li>{@code v2}: prices and quantities are already human-readable (decimals are then unused).</li>
 * </ul>
 * Conversion only moves the decimal point ({@link BigDecimal#movePointLeft}), so it is exact; never a double.
 *
 * @param name          what the market's data is published under: the instrument of its prices on md.reference for a
 *                      reference source ({@code INJ}), the market of its books on md.venue-book for a target venue
 *                      ({@code INJ/USDT-PERP})
 * @param marketId      the market id, {@code 0x} + 64 hex digits
 * @param baseDecimals  decimals of the base denom (INJ: 18); unused for derivatives
 * @param quoteDecimals decimals of the quote denom (USDT peggy: 6)
 */
public record InjectiveMarket(String name, String marketId, Kind kind, int baseDecimals, int quoteDecimals,
                              ApiVersion apiVersion) {

    private static final Pattern MARKET_ID = Pattern.compile("0x[0-9a-fA-F]{64}");

    public enum Kind {
        SPOT("spot"), DERIVATIVE("derivative");

        private final String path;

        Kind(String path) {
            this.path = path;
        }

        /** The LCD path segment ({@code spot} / {@code derivative}). */
        public String path() {
            return path;
        }

        /** {@code spot}, or {@code derivative} (also accepted: {@code perp}, {@code perpetual}), any case. */
        public static Kind parse(String text) {
            String t = Objects.requireNonNull(text, "kind").trim().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "spot" -> SPOT;
                case "derivative", "perp", "perpetual" -> DERIVATIVE;
                default -> throw new IllegalArgumentException("market kind must be spot or derivative, got '" + text + "'");
            };
        }
    }

    public enum ApiVersion {
        /** Prices in chain format (see the record's doc). */
        V1BETA1("v1beta1"),
        /** Prices already human-readable. */
        V2("v2");

        private final String path;

        ApiVersion(String path) {
            this.path = path;
        }

        /** The LCD path segment ({@code v1beta1} / {@code v2}). */
        public String path() {
            return path;
        }

        public static ApiVersion parse(String text) {
            String t = Objects.requireNonNull(text, "api version").trim().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "v1beta1" -> V1BETA1;
                case "v2" -> V2;
                default -> throw new IllegalArgumentException("api version must be v1beta1 or v2, got '" + text + "'");
            };
        }
    }

    public InjectiveMarket {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("market name must not be blank");
        }
        Objects.requireNonNull(marketId, "marketId");
        if (!MARKET_ID.matcher(marketId).matches()) {
            throw new IllegalArgumentException("market id must be 0x + 64 hex digits, got '" + marketId + "'");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(apiVersion, "apiVersion");
        if (baseDecimals < 0 || baseDecimals > 36 || quoteDecimals < 0 || quoteDecimals > 36) {
            throw new IllegalArgumentException("decimals must be within 0..36, got base " + baseDecimals
                    + " quote " + quoteDecimals);
        }
        name = name.trim();
        marketId = marketId.toLowerCase(Locale.ROOT);
    }

    /** Convenience for configuration: kind {@code spot|derivative}, version {@code v1beta1|v2}. */
    public static InjectiveMarket of(String name, String marketId, String kind, int baseDecimals,
                                     int quoteDecimals, String apiVersion) {
        return new InjectiveMarket(name, marketId, Kind.parse(kind), baseDecimals, quoteDecimals,
                ApiVersion.parse(apiVersion));
    }

    /** The same market read through another API version. */
    public InjectiveMarket withApiVersion(ApiVersion version) {
        return new InjectiveMarket(name, marketId, kind, baseDecimals, quoteDecimals, version);
    }

    /** The decimal-point shift from a human price to this market's answer format. */
    public int priceShift() {
        if (apiVersion == ApiVersion.V2) {
            return 0;
        }
        return kind == Kind.SPOT ? quoteDecimals - baseDecimals : quoteDecimals;
    }

    /** The decimal-point shift from a human quantity to this market's answer format. */
    public int quantityShift() {
        return apiVersion == ApiVersion.V1BETA1 && kind == Kind.SPOT ? baseDecimals : 0;
    }

    /** A price as the LCD gives it (chain format for v1beta1, human for v2) -> the human price, exact. */
    public BigDecimal humanPrice(BigDecimal answerPrice) {
        return normalize(answerPrice.movePointLeft(priceShift()));
    }

    /** A quantity as the LCD gives it -> the human quantity, exact. */
    public BigDecimal humanQuantity(BigDecimal answerQuantity) {
        return normalize(answerQuantity.movePointLeft(quantityShift()));
    }

    /** A human price -> the format this market's LCD answers in (for tests and the reverse direction). */
    public BigDecimal answerPrice(BigDecimal humanPrice) {
        return normalize(humanPrice.movePointRight(priceShift()));
    }

    /** {@code /injective/exchange/{v}/{spot|derivative}/mid_price_and_tob/{market_id}}. */
    public String midPriceAndTobPath() {
        return "/injective/exchange/" + apiVersion.path() + "/" + kind.path() + "/mid_price_and_tob/" + marketId;
    }

    /** {@code /injective/exchange/{v}/{spot|derivative}/orderbook/{market_id}?limit=N} (both sides). */
    public String orderbookPath(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("orderbook limit must be positive, got " + limit);
        }
        return "/injective/exchange/" + apiVersion.path() + "/" + kind.path() + "/orderbook/" + marketId
                + "?limit=" + limit;
    }

    /** Drops the sdk.Dec padding zeros (25.120000000000000000 -> 25.12) without ever going to exponent form. */
    static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
