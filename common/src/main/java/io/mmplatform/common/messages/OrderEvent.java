package io.mmplatform.common.messages;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * exec.orders, keyed by walletId. One step of one order's lifecycle.
 *
 * @param clientOrderId  our id for the order (Hyperliquid cloid: 0x + 32 hex), known before the venue answers
 * @param venueOrderId   the venue's id once known, else null
 * @param reason         why (for REJECT, CANCELED, CANCEL_REJECT), else null
 * @param timeMs         when execution observed the event (epoch millis)
 * @param originNanos    receive time of the market-data event behind the intent (epoch nanos), 0 if none
 */
public record OrderEvent(String walletId, String venue, String market, OrderEventType event,
                         String clientOrderId, Long venueOrderId, Side side, BigDecimal price, BigDecimal size,
                         String reason, long timeMs, long originNanos) implements PlatformMessage {
    public static final String TYPE = "order-event";

    public OrderEvent {
        Require.text(walletId, "walletId");
        Require.text(venue, "venue");
        Require.text(market, "market");
        Objects.requireNonNull(event, "event");
        Require.text(clientOrderId, "clientOrderId");
    }

    @Override
    public String key() {
        return walletId;
    }
}
