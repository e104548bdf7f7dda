package io.mmplatform.execution.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** Configuration under {@code execution.*}. Bad values fail start-up naming the key (see {@link ConfigCheck}). */
@ConfigMapping(prefix = "execution")
public interface ExecutionConfig {
    enum Mode { PAPER, LIVE }

    /** paper (simulator, local keys) or live (real venue: needs an https URL and an explicit wallets file). */
    @WithDefault("paper")
    Mode mode();

    /** Base URL of the Hyperliquid API (POST /info, /exchange). */
    @WithName("venue-url")
    @WithDefault("http://localhost:8900")
    String venueUrl();

    Hyperliquid hyperliquid();

    /** JSON [{"id","privateKey"}]; paper mode falls back to run/wallets.json, live mode requires it. */
    @WithName("wallets-file")
    Optional<String> walletsFile();

    Tolerance tolerance();

    Checks checks();

    /** How often each wallet polls userFills. */
    @WithName("fill-poll-interval")
    @WithDefault("200ms")
    Duration fillPollInterval();

    /** How often each wallet re-reads openOrders to settle unknown states and cancel orphans. */
    @WithName("settle-interval")
    @WithDefault("2s")
    Duration settleInterval();

    /** Intents older than this (by createdAtMs) are dropped. */
    @WithName("max-intent-age")
    @WithDefault("10s")
    Duration maxIntentAge();

    /** Timeout of one HTTP call to the venue. */
    @WithName("http-timeout")
    @WithDefault("3s")
    Duration httpTimeout();

    /** How long graceful shutdown waits for the venue to confirm that all our orders are gone. */
    @WithName("shutdown-timeout")
    @WithDefault("10s")
    Duration shutdownTimeout();

    interface Hyperliquid {
        /** Signing source 'a' (mainnet) or 'b' (testnet and the simulator). */
        @WithDefault("false")
        boolean mainnet();
    }

    interface Tolerance {
        /** A live order is kept while its price is within this many bps of the desired price. */
        @WithName("price-bps")
        @WithDefault("2")
        BigDecimal priceBps();

        /** ... and its remaining size within this fraction of the desired size. */
        @WithName("size-fraction")
        @WithDefault("0.1")
        BigDecimal sizeFraction();
    }

    interface Checks {
        /** Max distance of an order's price from the intent's reference, in bps. */
        @WithName("price-band-bps")
        @WithDefault("500")
        BigDecimal priceBandBps();

        /** Max notional (price x size) of one order. */
        @WithName("max-order-notional")
        @WithDefault("250000")
        BigDecimal maxOrderNotional();

        /** Max live orders of one wallet in one market. */
        @WithName("max-open-orders")
        @WithDefault("100")
        int maxOpenOrders();
    }
}
