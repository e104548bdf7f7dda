package io.mmplatform.quoting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Configuration under {@code quoting.*}. Defaults are in application.properties where they are maps. */
@ConfigMapping(prefix = "quoting")
public interface QuotingConfig {

    /** Venue name written into the intents. */
    @WithDefault("hyperliquid")
    String venue();

    /** Re-emit when the reference moved more than this many bps since the last intent. */
    @WithDefault("2")
    BigDecimal minMoveBps();

    /** Re-emit at least this often while quoting. */
    @WithDefault("2s")
    Duration heartbeat();

    /** A reference older than this (by its receive time) is not quoted on; quotes are pulled. */
    @WithDefault("10s")
    Duration maxReferenceAge();

    /** Size decimals of each market (its lot is 10^-szDecimals). */
    Map<String, Integer> szDecimals();

    /** The bots, by id. */
    Map<String, BotConfig> bots();

    interface BotConfig {
        String wallet();

        String market();

        @WithDefault("true")
        boolean enabled();

        @WithDefault("10")
        BigDecimal spreadBps();

        @WithDefault("3")
        int levels();

        @WithDefault("5")
        BigDecimal levelSpacingBps();

        BigDecimal size();

        BigDecimal maxPosition();

        @WithDefault("10")
        BigDecimal skewBps();

        @WithDefault("0.5")
        BigDecimal sizeSkew();

        @WithDefault("ALO")
        String tif();

        /** Overrides quoting.sz-decimals.&lt;market&gt; for this bot. */
        Optional<Integer> szDecimals();
    }
}
