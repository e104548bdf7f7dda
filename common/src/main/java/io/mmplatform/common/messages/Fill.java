package io.mmplatform.common.messages;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * exec.fills, keyed by walletId. One execution of one of our orders.
 *
 * @param fillId   unique on the venue: consumers count a fill once per fillId, whatever Kafka redelivers
 * @param address  the wallet's on-venue address
 * @param fee      fee paid in feeToken (negative = rebate)
 * @param timeMs   the venue's time of the trade (epoch millis)
 */
public record Fill(String fillId, String walletId, String address, String venue, String market, Side side,
                   BigDecimal price, BigDecimal size, BigDecimal fee, String feeToken, Liquidity liquidity,
                   Long venueOrderId, String clientOrderId, long timeMs, long originNanos) implements PlatformMessage {
    public static final String TYPE = "fill";

    public Fill {
        Require.text(fillId, "fillId");
        Require.text(walletId, "walletId");
        Require.text(venue, "venue");
        Require.text(market, "market");
        Objects.requireNonNull(side, "side");
        Require.positive(price, "price");
        Require.positive(size, "size");
        Objects.requireNonNull(fee, "fee");
    }

    @Override
    public String key() {
        return walletId;
    }
}
