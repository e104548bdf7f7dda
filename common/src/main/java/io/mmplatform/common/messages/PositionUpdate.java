package io.mmplatform.common.messages;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * portfolio.positions (compacted), keyed by walletId/market. The latest position and PnL of a wallet in a market.
 *
 * @param size          signed: positive long, negative short
 * @param markPrice     the price unrealized PnL was computed at (the latest reference), null if none yet
 * @param fees          total fees paid (negative = rebates earned)
 */
public record PositionUpdate(String walletId, String address, String venue, String market, BigDecimal size,
                             BigDecimal avgEntry, BigDecimal realizedPnl, BigDecimal unrealizedPnl, BigDecimal fees,
                             BigDecimal markPrice, long fillCount, long updatedAtMs) implements PlatformMessage {
    public static final String TYPE = "position";

    public PositionUpdate {
        Require.text(walletId, "walletId");
        Require.text(market, "market");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(avgEntry, "avgEntry");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        Objects.requireNonNull(unrealizedPnl, "unrealizedPnl");
        Objects.requireNonNull(fees, "fees");
    }

    @Override
    public String key() {
        return walletId + "/" + market;
    }
}
