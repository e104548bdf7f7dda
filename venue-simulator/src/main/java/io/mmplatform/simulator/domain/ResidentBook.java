package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The resident maker: one account that rests a static GTC ladder per configured market (see
 * {@link ResidentSettings}). Its address is 0x00..00 7265736964656e74 ("resident" in ASCII), like the takers'.
 *
 * @param coin    the market
 * @param centre  the ladder's centre price (reference at start x (1 + offset))
 * @param orders  the ladder, bids then asks, nearest level first
 */
public record ResidentBook(String coin, BigDecimal centre, List<OrderRequest> orders) {
    public static final String ADDRESS = "0x" + "0".repeat(24) + "7265736964656e74";
    private static final int SIGNIFICANT_FIGURES = 5;
    private static final BigDecimal INTEGER_ONLY = new BigDecimal("100000");
    private static final BigDecimal BPS = new BigDecimal("10000");

    public ResidentBook {
        orders = List.copyOf(orders);
    }

    public static boolean isResident(String address) {
        return ADDRESS.equals(address);
    }

    /**
     * The ladder around referenceE8 x (1 + offset): level i (1..levels) at centre x (1 -/+ i x spacing), bids rounded
     * down and asks up to a price the venue accepts, each order the size notional rounded up to whole lots.
     */
    public static ResidentBook ladder(MarketSpec market, long referenceE8, ResidentSettings settings) {
        BigDecimal centre = BigDecimal.valueOf(referenceE8, 8)
                .multiply(BigDecimal.ONE.add(settings.offsetPct().movePointLeft(2)));
        long notionalMicro = settings.sizeNotional().movePointRight(6).setScale(0, RoundingMode.CEILING)
                .longValueExact();
        List<OrderRequest> orders = new ArrayList<>(2 * settings.levels());
        for (Side side : Side.values()) {
            for (int i = 1; i <= settings.levels(); i++) {
                BigDecimal step = settings.spacingBps().multiply(BigDecimal.valueOf(i)).divide(BPS);
                BigDecimal raw = centre.multiply(BigDecimal.ONE.add(side == Side.BID ? step.negate() : step));
                long ticks = market.ticks(validPrice(raw, market, side == Side.BID ? RoundingMode.FLOOR
                        : RoundingMode.CEILING));
                if (ticks <= 0) {
                    continue;
                }
                long lots = Math.max(1, (notionalMicro + ticks - 1) / ticks);
                orders.add(new OrderRequest(ADDRESS, market.name(), side, ticks, lots, Tif.GTC, false, null));
            }
        }
        return new ResidentBook(market.name(), centre.setScale(market.priceScale(), RoundingMode.HALF_EVEN)
                .stripTrailingZeros(), orders);
    }

    /**
     * The nearest price in the rounding direction that the venue accepts: integers always, otherwise at most five
     * significant figures and at most the market's price decimals.
     */
    static BigDecimal validPrice(BigDecimal raw, MarketSpec market, RoundingMode mode) {
        if (raw.compareTo(INTEGER_ONLY) >= 0) {
            return raw.setScale(0, mode);
        }
        BigDecimal p = raw.round(new MathContext(SIGNIFICANT_FIGURES, mode));
        return p.scale() > market.priceScale() ? p.setScale(market.priceScale(), mode) : p.setScale(Math.max(0,
                p.scale()), mode);
    }

    /** Total notional of the ladder in USDC. */
    public BigDecimal notional(MarketSpec market) {
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderRequest o : orders) {
            sum = sum.add(market.price(o.priceTicks()).multiply(market.size(o.sizeLots())));
        }
        return sum;
    }
}
