package io.mmplatform.simulator.domain;

import java.math.BigDecimal;

/** What happened on the venue, for streaming (WebSocket): trades, order status changes, fills. */
public sealed interface VenueEvent {

    /** One match. takerSide is the aggressor's side; users are [buyer, seller]. */
    record Trade(String coin, Side takerSide, BigDecimal px, BigDecimal sz, long time, String hash, long tid,
                 String buyer, String seller) implements VenueEvent {
    }

    /**
     * An order's new status: open, filled, canceled, selfTradeCanceled, scheduledCancel.
     *
     * @param sz remaining size
     */
    record OrderUpdate(String address, String coin, Side side, BigDecimal limitPx, BigDecimal sz, BigDecimal origSz,
                       long oid, long timestamp, String cloid, String status, long statusTime) implements VenueEvent {
    }

    /** A fill of one account (one side of a trade). */
    record Fill(String address, UserFill fill) implements VenueEvent {
    }
}
