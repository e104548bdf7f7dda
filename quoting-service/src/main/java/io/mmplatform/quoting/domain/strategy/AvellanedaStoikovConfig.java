package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.InvalidDefinitionException;
import io.mmplatform.quoting.domain.Params;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Parameters of an {@link AvellanedaStoikovStrategy}. Prices, sizes and USD amounts E8; model factors doubles.
 *
 * @param priceSource      REFERENCE: the mid is the reference; VENUE: the venue book's mid when it is two-sided
 * @param volatilityWindow number of mid samples kept for sigma (2..10000)
 * @param sampleIntervalMs minimum time between two mid samples
 * @param riskAversion     gamma, per bp: gamma x sigma_bps^2 x T is a shift in bps per unit of inventory
 * @param horizon          T, in sample intervals (sigma^2 x T is the variance over the horizon)
 * @param baseSpreadBps    spread before volatility and funding, in bps of the mid
 * @param volatilityFactor alpha: bps of half spread per bp of sigma
 * @param fundingFactor    beta: the half spread grows by beta x |funding bps per hour| / 3
 * @param levels           orders per side (1..20)
 * @param levelSpacingBps  distance between two consecutive levels of one side, in bps of the mid
 * @param orderNotional    USD value of one order (E8), converted to size with the mid; also the unit of q
 * @param maxNotional      USD cap of the sum of one side's sizes (E8), 0 = no cap
 * @param sizeSkew         fraction [0,1] by which the growing side's sizes shrink at |position| = maxInventory
 * @param maxInventory     |position| (size, E8) at or beyond which the growing side is not quoted
 * @param minOrderSize     orders smaller than this (size, E8) are dropped
 * @param tif              GTC or ALO
 * @param lot              the market's size step (E8)
 */
public record AvellanedaStoikovConfig(PriceSource priceSource, int volatilityWindow, long sampleIntervalMs,
                                      double riskAversion, double horizon, double baseSpreadBps,
                                      double volatilityFactor, double fundingFactor, int levels,
                                      double levelSpacingBps, long orderNotional, long maxNotional, double sizeSkew,
                                      long maxInventory, long minOrderSize, TimeInForce tif, long lot) {

    public enum PriceSource { REFERENCE, VENUE }

    public AvellanedaStoikovConfig {
        Objects.requireNonNull(priceSource, "price-source");
        if (volatilityWindow < 2 || sampleIntervalMs <= 0 || levels < 1 || levels > 20) {
            throw new IllegalArgumentException("volatility-window >= 2, sample-interval-ms > 0, levels 1..20");
        }
        if (riskAversion < 0 || horizon < 0 || baseSpreadBps < 0 || volatilityFactor < 0 || fundingFactor < 0
                || levelSpacingBps < 0 || sizeSkew < 0 || sizeSkew > 1) {
            throw new IllegalArgumentException("model factors must be >= 0 (size-skew at most 1)");
        }
        if (orderNotional <= 0 || maxNotional < 0 || maxInventory <= 0 || minOrderSize < 0 || lot <= 0) {
            throw new IllegalArgumentException("order-notional-usd, max-inventory and lot must be positive");
        }
        if (tif != TimeInForce.GTC && tif != TimeInForce.ALO) {
            throw new IllegalArgumentException("tif must be gtc or alo, got " + tif);
        }
    }

    public static AvellanedaStoikovConfig from(Params p, long lot) {
        PriceSource source = p.choice("price-source", PriceSource.class, PriceSource.REFERENCE);
        int window = p.integer("volatility-window", 60, 2, 10_000);
        long interval = p.longValue("sample-interval-ms", 1000, 1, 86_400_000L);
        double gamma = p.nonNegative("risk-aversion", "0.1").doubleValue();
        double horizon = p.nonNegative("horizon", "1").doubleValue();
        double baseSpread = p.nonNegative("base-spread-bps", "10").doubleValue();
        double alpha = p.nonNegative("volatility-factor", "1").doubleValue();
        double beta = p.nonNegative("funding-factor", "1").doubleValue();
        int levels = p.integer("levels", 1, 1, 20);
        double spacing = p.nonNegative("level-spacing-bps", "5").doubleValue();
        long notional = e8(p, "order-notional-usd", p.positive("order-notional-usd", null));
        long maxNotional = p.has("max-notional-usd")
                ? e8(p, "max-notional-usd", p.positive("max-notional-usd", null)) : 0;
        double sizeSkew = p.between("size-skew", "0.5", "0", "1").doubleValue();
        long maxInventory = e8(p, "max-inventory", p.positive("max-inventory", null));
        long minOrderSize = e8(p, "min-order-size", p.nonNegative("min-order-size", "0"));
        TimeInForce tif = p.choice("tif", TimeInForce.class, TimeInForce.ALO);
        if (tif == TimeInForce.IOC) {
            throw new InvalidDefinitionException(p.path("tif"), "must be one of [alo, gtc], got 'ioc'");
        }
        if (baseSpread / 2 + (levels - 1) * spacing >= 10_000) {
            throw new InvalidDefinitionException(p.path("base-spread-bps"),
                    "with levels and level-spacing-bps puts the outermost bid at or below zero");
        }
        return new AvellanedaStoikovConfig(source, window, interval, gamma, horizon, baseSpread, alpha, beta, levels,
                spacing, notional, maxNotional, sizeSkew, maxInventory, minOrderSize, tif, lot);
    }

    private static long e8(Params p, String key, BigDecimal value) {
        try {
            return Fixed.of(value);
        } catch (ArithmeticException e) {
            throw new InvalidDefinitionException(p.path(key), "must have at most " + Fixed.SCALE
                    + " decimals, got " + value.toPlainString());
        }
    }
}
