package io.mmplatform.pricefeed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configuration under {@code price-feed.*}. */
@ConfigMapping(prefix = "price-feed")
public interface PriceFeedConfig {

    Hermes hermes();

    Venue venue();

    interface Hermes {
        @WithDefault("true")
        boolean enabled();

        /** Base URL of a Pyth Hermes v2 service (the simulator serves one). */
        @WithDefault("http://localhost:8900")
        String url();

        /** Sent as Authorization: Bearer; never logged. */
        Optional<String> apiKey();

        /** instrument -> Pyth feed id (64 hex). Defaults (BTC, ETH, SOL, INJ) in application.properties. */
        Map<String, String> feeds();

        /** Source name written on md.reference. */
        @WithDefault("pyth")
        String source();

        @WithDefault("250ms")
        Duration reconnectInitial();

        @WithDefault("10s")
        Duration reconnectMax();

        /** Reconnect when the stream sends nothing for this long. */
        @WithDefault("30s")
        Duration idleTimeout();

        /** Readiness needs a price newer than this. */
        @WithDefault("10s")
        Duration staleness();
    }

    interface Venue {
        @WithDefault("true")
        boolean enabled();

        /** Base URL of the venue's Hyperliquid-style API (POST /info). */
        @WithDefault("http://localhost:8900")
        String url();

        /** Venue name on md.venue-book (key venue/market). */
        @WithDefault("hyperliquid")
        String name();

        @WithDefault("BTC,ETH,SOL,INJ")
        List<String> markets();

        @WithDefault("250ms")
        Duration pollInterval();

        @WithDefault("2s")
        Duration timeout();
    }
}
