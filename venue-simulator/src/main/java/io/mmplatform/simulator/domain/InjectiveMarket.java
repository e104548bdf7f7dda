package io.mmplatform.simulator.domain;

import io.mmplatform.common.injective.DecodedMsg.ExchangeVersion;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * One Injective market as the chain describes it, mapped onto an engine book. Values are human (what exchange v2 and
 * its queries use); v1beta1 messages carry chain format and are converted with {@link #humanPrice} and friends.
 * The engine book's grid (price tick and lot) is the market's min price and quantity tick size.
 *
 * @param marketId         0x + 64 hex, lowercase
 * @param ticker           the chain's ticker ("INJ/USDT", "INJ/USDT PERP")
 * @param engineMarket     the engine book it trades on (its tick and lot equal the tick sizes here)
 * @param baseDecimals     decimals of the base denom (spot only; 0 for derivatives)
 * @param minNotional      smallest price x quantity of an order, in quote (human)
 * @param initialMarginRatio derivatives: an order's margin must be at least price x quantity x this
 */
public record InjectiveMarket(String marketId, String ticker, Kind kind, MarketSpec engineMarket, String baseDenom,
                              String quoteDenom, int baseDecimals, int quoteDecimals, BigDecimal minPriceTickSize,
                              BigDecimal minQuantityTickSize, BigDecimal minNotional, BigDecimal initialMarginRatio,
                              BigDecimal maintenanceMarginRatio, String oracleBase, String oracleQuote) {

    public enum Kind { SPOT, DERIVATIVE }

    public InjectiveMarket {
        Objects.requireNonNull(marketId, "marketId");
        marketId = marketId.toLowerCase(Locale.ROOT);
        if (!marketId.matches("0x[0-9a-f]{64}")) {
            throw new IllegalArgumentException("market id must be 0x + 64 hex digits, got " + marketId);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(engineMarket, "engineMarket");
        if (minPriceTickSize.compareTo(engineMarket.price(1)) != 0
                || minQuantityTickSize.compareTo(engineMarket.size(1)) != 0) {
            throw new IllegalArgumentException("tick sizes of " + ticker + " (" + minPriceTickSize + ", "
                    + minQuantityTickSize + ") must equal the engine grid of " + engineMarket.name());
        }
    }

    public String engineCoin() {
        return engineMarket.name();
    }

    /** A price from a message of this version, in human units. */
    public BigDecimal humanPrice(BigDecimal value, ExchangeVersion version) {
        if (value == null || version == ExchangeVersion.V2) {
            return value;
        }
        return kind == Kind.SPOT ? value.movePointRight(baseDecimals - quoteDecimals)
                : value.movePointLeft(quoteDecimals);
    }

    /** A quantity from a message of this version, in human units (derivative quantities are human in both). */
    public BigDecimal humanQuantity(BigDecimal value, ExchangeVersion version) {
        if (value == null || version == ExchangeVersion.V2 || kind == Kind.DERIVATIVE) {
            return value;
        }
        return value.movePointLeft(baseDecimals);
    }

    /** A margin (quote amount) from a message of this version, in human units. */
    public BigDecimal humanMargin(BigDecimal value, ExchangeVersion version) {
        if (value == null || version == ExchangeVersion.V2) {
            return value;
        }
        return value.movePointLeft(quoteDecimals);
    }

    /** Whether value is a whole positive multiple of tick. */
    static boolean onGrid(BigDecimal value, BigDecimal tick) {
        return value.signum() > 0 && value.remainder(tick).signum() == 0;
    }
}
