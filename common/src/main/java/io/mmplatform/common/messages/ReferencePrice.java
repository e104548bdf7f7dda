package io.mmplatform.common.messages;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * md.reference, keyed by instrument (BTC). The price the platform quotes around.
 *
 * @param publishTimeMs   when the source published the price (epoch millis)
 * @param receiveTimeNanos when price-feed received it (epoch nanos): the origin time for latency tracing
 */
public record ReferencePrice(String instrument, String source, BigDecimal price, BigDecimal conf,
                             long publishTimeMs, long receiveTimeNanos) implements PlatformMessage {
    public static final String TYPE = "reference-price";

    public ReferencePrice {
        Require.text(instrument, "instrument");
        Require.text(source, "source");
        Require.positive(price, "price");
        Objects.requireNonNull(conf, "conf");
    }

    @Override
    public String key() {
        return instrument;
    }
}
