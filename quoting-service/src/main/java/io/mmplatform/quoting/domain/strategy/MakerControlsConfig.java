package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.InvalidDefinitionException;
import io.mmplatform.quoting.domain.Params;

import java.math.BigDecimal;
import java.util.List;

/**
 * Parameters of the {@link MakerControls}. Prices and sizes E8, bps and fractions as doubles, times in millis.
 * A bps, fraction, percentile or time of 0 switches its control off unless noted.
 *
 * @param configured              whether the bot set any of these keys; if not, the strategy runs bare
 * @param singleSided             which side(s) to quote: off (both), bid, ask, or auto (from the fill flow)
 * @param flowWindowMs            auto: how far back fills count
 * @param flowImbalance           auto: (bought - sold) / (bought + sold) beyond which only the reducing side is quoted
 * @param sideCooldownMs          auto: a chosen side is kept at least this long
 * @param makerFeeBps             maker fee (may be negative for a rebate)
 * @param takerFeeBps             taker fee
 * @param feeBufferBps            margin over the fees
 * @param guardTaker              the minimum spread covers maker + taker (one leg may exit as taker) instead of two makers
 * @param dynamicSpreadPercentile percentile (0-100) of the venue's recent spreads used as a minimum spread; 0 = off
 * @param dynamicSpreadSamples    how many per-tick spread samples are remembered
 * @param bailOutBps              adverse excursion from the entry that counts as under water; 0 = off
 * @param bailOutAfterMs          how long under water before bailing out (and between two bail-outs)
 * @param bailOutFraction         part of the position sold (bought) by one bail-out
 * @param bailOutSlippageBps      how far through the reference the bail-out IOC may trade
 * @param takeProfitBps           favourable excursion from the entry that triggers a take-profit; 0 = off
 * @param takeProfitFraction      part of the position offered at the reference when in profit
 * @param targetInventory         the position the inventory skew pulls toward (E8, signed)
 * @param inventorySkewBps        price shift per inventoryUnit away from the target; 0 = off
 * @param inventoryUnit           size unit of the inventory skew (E8)
 * @param maxInventorySkewBps     clamp of the inventory shift
 * @param refreshToleranceBps     a new set within this of the previous one (same orders, sizes) is not re-emitted
 * @param priceCeiling            reference above it: no bids (E8; 0 = none)
 * @param priceFloor              reference below it: no asks (E8; 0 = none)
 * @param fillDelayMs             a side is not quoted for this long after a fill on it
 */
public record MakerControlsConfig(boolean configured, SingleSided singleSided, long flowWindowMs, double flowImbalance,
                                  long sideCooldownMs, double makerFeeBps, double takerFeeBps, double feeBufferBps,
                                  boolean guardTaker, double dynamicSpreadPercentile, int dynamicSpreadSamples,
                                  double bailOutBps, long bailOutAfterMs, double bailOutFraction,
                                  double bailOutSlippageBps, double takeProfitBps, double takeProfitFraction,
                                  long targetInventory, double inventorySkewBps, long inventoryUnit,
                                  double maxInventorySkewBps, double refreshToleranceBps, long priceCeiling,
                                  long priceFloor, long fillDelayMs) {

    public enum SingleSided { OFF, BID, ASK, AUTO }

    /** Every key the controls read; a bot that sets none of them gets no controls. */
    public static final List<String> KEYS = List.of("single-sided", "flow-window-ms", "flow-imbalance",
            "side-cooldown-ms", "maker-fee-bps", "taker-fee-bps", "fee-buffer-bps", "guard-taker",
            "dynamic-spread-percentile", "dynamic-spread-samples", "bail-out-bps", "bail-out-after-ms",
            "bail-out-fraction", "bail-out-slippage-bps", "take-profit-bps", "take-profit-fraction",
            "target-inventory", "inventory-skew-bps", "inventory-unit", "max-inventory-skew-bps",
            "refresh-tolerance-bps", "price-ceiling", "price-floor", "fill-delay-ms");

    private static final long DAY_MS = 86_400_000L;

    /**
     * The minimum best-bid-to-best-ask spread the fees allow, in bps: a round trip is two maker fills, so 2 x maker
     * + buffer; with guard-taker one leg is assumed to leave as taker (maker + taker + buffer). Never negative
     * (a rebate does not invite crossing).
     */
    public double feeGuardBps() {
        double fees = guardTaker ? makerFeeBps + takerFeeBps : 2 * makerFeeBps;
        return Math.max(0, fees + feeBufferBps);
    }

    public static MakerControlsConfig from(Params p, long lot) {
        if (lot <= 0) {
            throw new IllegalArgumentException("lot must be positive, got " + lot);
        }
        boolean configured = false;
        for (String key : KEYS) {
            configured |= p.has(key);
        }
        SingleSided singleSided = p.choice("single-sided", SingleSided.class, SingleSided.OFF);
        long flowWindow = p.longValue("flow-window-ms", 60_000, 1, DAY_MS);
        double flowImbalance = fraction(p, "flow-imbalance", "0.6");
        long sideCooldown = p.longValue("side-cooldown-ms", 30_000, 0, DAY_MS);
        double makerFee = p.between("maker-fee-bps", "1.5", "-100", "1000").doubleValue();
        double takerFee = p.between("taker-fee-bps", "4.5", "-100", "1000").doubleValue();
        double feeBuffer = p.between("fee-buffer-bps", "1", "0", "1000").doubleValue();
        boolean guardTaker = p.bool("guard-taker", false);
        double percentile = p.between("dynamic-spread-percentile", "0", "0", "100").doubleValue();
        int samples = p.integer("dynamic-spread-samples", 120, 1, 100_000);
        double bailOut = p.between("bail-out-bps", "0", "0", "10000").doubleValue();
        long bailOutAfter = p.longValue("bail-out-after-ms", 60_000, 0, DAY_MS);
        double bailOutFraction = fraction(p, "bail-out-fraction", "0.5");
        double bailOutSlippage = p.between("bail-out-slippage-bps", "10", "0", "5000").doubleValue();
        double takeProfit = p.between("take-profit-bps", "0", "0", "10000").doubleValue();
        double takeProfitFraction = fraction(p, "take-profit-fraction", "0.5");
        long target = SpreadLadderConfig.e8(p, "target-inventory", p.decimal("target-inventory", "0"));
        double inventorySkew = p.between("inventory-skew-bps", "0", "0", "10000").doubleValue();
        long unit = SpreadLadderConfig.e8(p, "inventory-unit", p.positive("inventory-unit", "1"));
        double maxInventorySkew = p.between("max-inventory-skew-bps", "50", "0", "5000").doubleValue();
        double refreshTolerance = p.between("refresh-tolerance-bps", "0", "0", "10000").doubleValue();
        long ceiling = SpreadLadderConfig.e8(p, "price-ceiling", p.nonNegative("price-ceiling", "0"));
        long floor = SpreadLadderConfig.e8(p, "price-floor", p.nonNegative("price-floor", "0"));
        if (ceiling > 0 && floor > 0 && floor >= ceiling) {
            throw new InvalidDefinitionException(p.path("price-floor"), "must be below price-ceiling "
                    + Fixed.toDecimal(ceiling).toPlainString() + ", got " + Fixed.toDecimal(floor).toPlainString());
        }
        long fillDelay = p.longValue("fill-delay-ms", 0, 0, DAY_MS);
        return new MakerControlsConfig(configured, singleSided, flowWindow, flowImbalance, sideCooldown, makerFee,
                takerFee, feeBuffer, guardTaker, percentile, samples, bailOut, bailOutAfter, bailOutFraction,
                bailOutSlippage, takeProfit, takeProfitFraction, target, inventorySkew, unit, maxInventorySkew,
                refreshTolerance, ceiling, floor, fillDelay);
    }

    /** A fraction in (0, 1]. */
    private static double fraction(Params p, String key, String def) {
        BigDecimal v = p.between(key, def, "0", "1");
        if (v.signum() <= 0) {
            throw new InvalidDefinitionException(p.path(key), "must be above 0 and at most 1, got " + v.toPlainString());
        }
        return v.doubleValue();
    }
}
