package io.mmplatform.common.messages;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * quote.intents, keyed by walletId. The full desired order set for one (wallet, venue, market): never a delta.
 * An empty order list means "no orders wanted".
 *
 * @param seq            increases with every intent quoting emits for this (wallet, market); execution ignores older ones
 * @param reference      the reference price the intent was computed from
 * @param createdAtMs    when quoting built the intent (epoch millis); execution drops intents that are too old
 * @param originNanos    receive time of the market-data event that caused it (epoch nanos), for latency tracing
 */
public record QuoteIntent(String walletId, String venue, String market, long seq, String strategy,
                          BigDecimal reference, long createdAtMs, long originNanos,
                          List<DesiredOrder> orders) implements PlatformMessage {
    public static final String TYPE = "quote-intent";

    public QuoteIntent {
        Require.text(walletId, "walletId");
        Require.text(venue, "venue");
        Require.text(market, "market");
        orders = List.copyOf(Objects.requireNonNull(orders, "orders"));
    }

    @Override
    public String key() {
        return walletId;
    }
}
