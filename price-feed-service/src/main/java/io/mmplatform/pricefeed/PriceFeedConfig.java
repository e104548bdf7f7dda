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

    Reference reference();

    Injective injective();

    /**
     * The target venue's books on an Injective chain (the simulator's Injective dialect in paper mode, testnet live):
     * the order book of each market, polled from the LCD and published on md.venue-book as {@code injective/<name>}
     * ({@code injective/INJ/USDT}). The same keys as {@link #injective()}; its prices never join the reference.
     */
    Injective injectiveVenue();

    Hyperliquid hyperliquid();

    /** Injective mainnet: the LCD's mid_price_and_tob (and order book when depth is on), polled per market. */
    interface Injective {
        @WithDefault("false")
        boolean enabled();

        /** LCD base URL (a path prefix is kept). */
        @WithDefault("https://sentry.lcd.injective.network")
        String lcdUrl();

        @WithDefault("1s")
        Duration pollInterval();

        @WithDefault("5s")
        Duration timeout();

        /** Also poll each market's order book and publish it on md.source-book. */
        @WithDefault("false")
        boolean depth();

        @WithDefault("20")
        int depthLevels();

        /** The longest delay between polls of a failing market. */
        @WithDefault("30s")
        Duration maxBackoff();

        /**
         * key -> market (seed markets in application.properties: INJ spot and INJ-PERP for the mainnet reference,
         * INJ-USDT and INJ-USDT-PERP for the target venue). Keys are plain labels, so that every key can also be
         * written as an environment variable; the name published is {@link Market#name()}.
         */
        Map<String, Market> markets();

        interface Market {
            /**
             * What the market's data is published under; default the map key. For {@code price-feed.injective} the
             * instrument on md.reference ({@code INJ}); for {@code price-feed.injective-venue} the market on
             * md.venue-book, the platform's name of the Injective market ({@code INJ/USDT}, {@code INJ/USDT-PERP};
             * the chain's ticker {@code INJ/USDT PERP} is accepted and written as the platform writes it, see
             * {@code Instruments.injectiveMarketName}).
             */
            Optional<String> name();

            /** 0x + 64 hex digits. */
            String marketId();

            /** spot or derivative. */
            String kind();

            /** Decimals of the base denom (spot only; INJ: 18). */
            @WithDefault("0")
            int baseDecimals();

            /** Decimals of the quote denom (USDT: 6). */
            int quoteDecimals();

            /** v2 or v1beta1 (they encode prices differently). */
            @WithDefault("v2")
            String api();
        }
    }

    /** Hyperliquid mainnet: WebSocket allMids (and l2Book when depth is on), REST allMids while the stream is down. */
    interface Hyperliquid {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("wss://api.hyperliquid.xyz/ws")
        String wsUrl();

        @WithDefault("https://api.hyperliquid.xyz")
        String restUrl();

        /** instrument -> the venue's coin name (e.g. BTC=BTC). */
        Map<String, String> coins();

        /** Publish each coin's l2Book snapshots on md.source-book. */
        @WithDefault("false")
        boolean depth();

        @WithDefault("45s")
        Duration idleTimeout();

        /** The venue drops a connection after 60 s without traffic. */
        @WithDefault("30s")
        Duration pingInterval();

        @WithDefault("500ms")
        Duration reconnectInitial();

        @WithDefault("30s")
        Duration reconnectMax();

        /** REST allMids poll interval while the stream is down; 0 turns the fallback off. */
        @WithDefault("2s")
        Duration fallbackPollInterval();
    }

    /** The aggregation of every source's prices into one reference per instrument (domain/ReferenceAggregator). */
    interface Reference {
        /** (max - min) / median of the fresh sources, in bps, above which an instrument is DIVERGED. */
        @WithDefault("100")
        java.math.BigDecimal maxDivergenceBps();

        /** source -> how long its latest price counts (by receive time); sources without an entry: default-staleness. */
        Map<String, Duration> staleness();

        /** Staleness limit of a source without its own staleness.&lt;source&gt; entry. */
        @WithDefault("10s")
        Duration defaultStaleness();

        /** Fresh sources needed per instrument; fewer is STALE. */
        @WithDefault("1")
        int minSources();

        /** A source time further ahead of the receive time than this is clamped to the receive time. */
        @WithDefault("2s")
        Duration clockSkewTolerance();

        /** instrument -> the sources expected to price it (more than one: the reference's source is "median"). */
        Map<String, List<String>> sources();

        /** How often staleness is checked. */
        @WithDefault("250ms")
        Duration checkInterval();
    }

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

        /** Per HTTP request (the stream's connect, the latest read). */
        @WithDefault("10s")
        Duration requestTimeout();

        /** After a 429 the stream waits at least this (or the server's Retry-After, capped by rate-limit-max-wait). */
        @WithDefault("1s")
        Duration rateLimitMinWait();

        @WithDefault("120s")
        Duration rateLimitMaxWait();

        /** Read /v2/updates/price/latest on every (re)connect, so a reconnect leaves no gap. */
        @WithDefault("true")
        boolean readLatest();

        /** A clean server close (the 24 h cut) after at least this long connected reconnects at once. */
        @WithDefault("60s")
        Duration immediateReconnectMinInterval();

        /** A stream event longer than this is skipped as malformed. */
        @WithDefault("4194304")
        int maxEventChars();
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
