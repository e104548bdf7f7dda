package io.mmplatform.common.messages;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * md.quality (compacted), keyed by instrument. Emitted by price-feed when an instrument's reference becomes
 * unusable ({@link QualityState#DIVERGED}, {@link QualityState#STALE}: no md.reference is published for it until
 * OK) and when it is usable again ({@link QualityState#OK}).
 *
 * @param reason  human-readable: which sources, which numbers, which limit
 * @param sources every configured or seen source of the instrument -> its latest price, or null when it has none
 *                or it is stale (sorted by name)
 * @param timeMs  when price-feed decided it (epoch millis)
 */
public record DataQuality(String instrument, QualityState state, String reason, Map<String, BigDecimal> sources,
                          long timeMs) implements PlatformMessage {
    public static final String TYPE = "data-quality";

    public DataQuality {
        Require.text(instrument, "instrument");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        Map<String, BigDecimal> copy = new TreeMap<>();
        if (sources != null) {
            for (Map.Entry<String, BigDecimal> e : sources.entrySet()) {
                Require.text(e.getKey(), "sources key");
                if (e.getValue() != null) {
                    Require.positive(e.getValue(), "sources." + e.getKey());
                }
                copy.put(e.getKey(), e.getValue());
            }
        }
        // keeps null values (Map.copyOf does not) and a stable order for humans and equals
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(copy));
    }

    public boolean ok() {
        return state == QualityState.OK;
    }

    @Override
    public String key() {
        return instrument;
    }
}
