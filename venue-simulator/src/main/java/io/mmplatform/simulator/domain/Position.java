package io.mmplatform.simulator.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A one-way position in one market: signed size in lots, average entry price, realized PnL.
 * Entry is the size-weighted average of the opening fills (kept with {@link #ENTRY_SCALE} decimals, half-even);
 * closing at px realizes (px - entry) x closed size x sign, rounded to USDC's 6 decimals (half-even).
 */
public final class Position {
    public static final int ENTRY_SCALE = 12;
    public static final int USDC_SCALE = 6;

    private final MarketSpec market;
    private long lots;
    private BigDecimal entryPx = BigDecimal.ZERO;
    private BigDecimal realizedPnl = BigDecimal.ZERO;
    private BigDecimal fees = BigDecimal.ZERO;

    Position(MarketSpec market) {
        this.market = market;
    }

    /** What applying a fill did: the direction label and the PnL it realized. */
    record Change(String dir, BigDecimal closedPnl) {
    }

    Change apply(Side side, long fillLots, long pxTicks) {
        BigDecimal px = market.price(pxTicks);
        int sign = side.sign();
        if (lots == 0 || Long.signum(lots) == sign) {
            long abs = Math.abs(lots);
            BigDecimal cost = entryPx.multiply(BigDecimal.valueOf(abs)).add(px.multiply(BigDecimal.valueOf(fillLots)));
            entryPx = cost.divide(BigDecimal.valueOf(abs + fillLots), ENTRY_SCALE, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros();
            lots += sign * fillLots;
            return new Change(sign > 0 ? "Open Long" : "Open Short", BigDecimal.ZERO);
        }
        boolean wasLong = lots > 0;
        long closing = Math.min(fillLots, Math.abs(lots));
        BigDecimal pnl = px.subtract(entryPx).multiply(market.size(closing))
                .multiply(BigDecimal.valueOf(wasLong ? 1 : -1))
                .setScale(USDC_SCALE, RoundingMode.HALF_EVEN);
        realizedPnl = realizedPnl.add(pnl);
        long opening = fillLots - closing;
        lots += sign * fillLots;
        String dir;
        if (opening > 0) {
            entryPx = px.stripTrailingZeros();
            dir = wasLong ? "Long > Short" : "Short > Long";
        } else {
            if (lots == 0) {
                entryPx = BigDecimal.ZERO;
            }
            dir = wasLong ? "Close Long" : "Close Short";
        }
        return new Change(dir, pnl);
    }

    void addFee(BigDecimal fee) {
        fees = fees.add(fee);
    }

    public MarketSpec market() {
        return market;
    }

    public long lots() {
        return lots;
    }

    /** Signed size as a decimal. */
    public BigDecimal size() {
        return market.size(lots);
    }

    /** Average entry price; zero when flat. */
    public BigDecimal entryPx() {
        return entryPx;
    }

    public BigDecimal realizedPnl() {
        return realizedPnl;
    }

    public BigDecimal fees() {
        return fees;
    }

    /** Unrealized PnL at a mark price: size x (mark - entry), exact. */
    public BigDecimal unrealizedPnl(BigDecimal mark) {
        return lots == 0 ? BigDecimal.ZERO : size().multiply(mark.subtract(entryPx));
    }
}
