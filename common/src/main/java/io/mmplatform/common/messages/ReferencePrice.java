package io.mmplatform.common.messages;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * md.reference, keyed by instrument (BTC). The price the platform quotes around.
 *
 * @param source           {@code median} when several sources are configured for the instrument, else the one
 *                         source's name ({@code pyth}, {@code injective}, {@code hyperliquid})
 * @param publishTimeMs    when the source published the price (epoch millis); for a median, that of the newest
 *                         source that made it
 * @param receiveTimeNanos when price-feed received it (epoch nanos): the origin time for latency tracing; for a
 *                         median, that of the newest source that made it
 * @param sources          the sources that made the price (sorted names); a record without the field (older
 *                         producers) decodes with {@code [source]}
 */
public record ReferencePrice(String instrument, String source, BigDecimal price, BigDecimal conf,
                             long publishTimeMs, long receiveTimeNanos, List<String> sources) implements PlatformMessage {
    public static final String TYPE = "reference-price";

    public ReferencePrice {
        Require.text(instrument, "instrument");
        Require.text(source, "source");
        Require.positive(price, "price");
        Objects.requireNonNull(conf, "conf");
        if (sources == null || sources.isEmpty()) {
            sources = List.of(source);
        } else {
            for (String s : sources) {
                Require.text(s, "sources[]");
            }
            sources = List.copyOf(sources);
        }
    }

    /** A reference made by one source: {@code sources = [source]}. */
    public ReferencePrice(String instrument, String source, BigDecimal price, BigDecimal conf,
                          long publishTimeMs, long receiveTimeNanos) {
        this(instrument, source, price, conf, publishTimeMs, receiveTimeNanos, List.of(source));
    }

    @Override
    public String key() {
        return instrument;
    }
}
