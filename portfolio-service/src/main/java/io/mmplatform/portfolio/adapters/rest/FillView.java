package io.mmplatform.portfolio.adapters.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.mmplatform.common.Decimals;
import io.mmplatform.portfolio.adapters.db.FillEntity;

/** One element of GET /api/fills: an applied fill, decimals as plain strings. */
@JsonPropertyOrder({"fillId", "wallet", "walletId", "venue", "market", "side", "price", "size", "fee", "feeToken",
        "liquidity", "timeMs"})
public record FillView(String fillId, String wallet, String walletId, String venue, String market, String side,
                       String price, String size, String fee, String feeToken, String liquidity, long timeMs) {

    public static FillView of(FillEntity f) {
        return new FillView(f.fillId, f.address, f.walletId, f.venue, f.market, f.side, Decimals.plain(f.price),
                Decimals.plain(f.size), Decimals.plain(f.fee), f.feeToken, f.liquidity, f.timeMs);
    }
}
