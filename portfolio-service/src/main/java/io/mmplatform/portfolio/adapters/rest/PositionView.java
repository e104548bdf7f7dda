package io.mmplatform.portfolio.adapters.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mmplatform.common.Decimals;
import io.mmplatform.portfolio.domain.Position;

import java.math.BigDecimal;

/**
 * One element of GET /api/positions. The first seven fields are the contract ({@code wallet} is the address,
 * {@code size} signed, decimals as plain strings); the rest are extras.
 */
@JsonPropertyOrder({"wallet", "market", "size", "avgEntry", "realizedPnl", "unrealizedPnl", "fees",
        "walletId", "venue", "fillCount", "markPrice", "updatedAtMs"})
public record PositionView(String wallet, String market, String size, String avgEntry, String realizedPnl,
                           String unrealizedPnl, String fees, String walletId, String venue, long fillCount,
                           String markPrice, long updatedAtMs) {

    public static PositionView of(Position p, BigDecimal markOrNull) {
        return new PositionView(p.address(), p.market(), Decimals.plain(p.size()), Decimals.plain(p.avgEntry()),
                Decimals.plain(p.realizedPnl()), Decimals.plain(p.unrealizedPnl(markOrNull)), Decimals.plain(p.fees()),
                p.walletId(), p.venue(), p.fillCount(), markOrNull == null ? null : Decimals.plain(markOrNull),
                p.updatedAtMs());
    }
}
