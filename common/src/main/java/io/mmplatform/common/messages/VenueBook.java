package io.mmplatform.common.messages;

import java.util.List;
import java.util.Objects;

/**
 * md.venue-book, keyed by venue/market. A snapshot of the target venue's L2 book, best levels first.
 *
 * @param seq              increases with every snapshot price-feed publishes for this venue/market
 * @param venueTimeMs      the venue's time of the snapshot (epoch millis)
 * @param receiveTimeNanos when price-feed received it (epoch nanos)
 */
public record VenueBook(String venue, String market, long seq, long venueTimeMs, long receiveTimeNanos,
                        List<PriceLevel> bids, List<PriceLevel> asks) implements PlatformMessage {
    public static final String TYPE = "venue-book";

    public VenueBook {
        Require.text(venue, "venue");
        Require.text(market, "market");
        bids = List.copyOf(Objects.requireNonNull(bids, "bids"));
        asks = List.copyOf(Objects.requireNonNull(asks, "asks"));
    }

    @Override
    public String key() {
        return venue + "/" + market;
    }
}
