package io.mmplatform.execution.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
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

    /** This replica's name in logs and metrics (tag instance); default: a random id. */
    @WithName("instance-id")
    Optional<String> instanceId();

    @WithName("dead-man")
    DeadMan deadMan();

    /** Where the service keeps state across restarts (the nonce mark per wallet). */
    @WithName("state-dir")
    @WithDefault("run/execution-state")
    String stateDir();

    @WithName("rate-limit")
    RateLimit rateLimit();

    @WithName("circuit-breaker")
    Breaker circuitBreaker();

    interface Breaker {
        /** Consecutive failed venue requests (not 429s) of one wallet that open its breaker. */
        @WithDefault("5")
        int failures();

        /** First wait before a probe; doubles per failed probe up to max-backoff. */
        @WithDefault("5s")
        Duration backoff();

        @WithName("max-backoff")
        @WithDefault("60s")
        Duration maxBackoff();
    }

    /** JSON [{"id","privateKey"}]; paper mode falls back to run/wallets.json, live mode requires it. */
    @WithName("wallets-file")
    Optional<String> walletsFile();

    Tolerance tolerance();

    /**
     * A replace of a level's resting order (cancel plus create) is sent as one Hyperliquid batchModify per reconcile
     * instead of a cancel request plus an order request.
     */
    @WithName("use-batch-modify")
    @WithDefault("true")
    boolean useBatchModify();

    /**
     * Per wallet, at most this many order, modify and cancel requests of different markets on the wire at once (a
     * market's own requests go one after the other). 1 sends one request at a time. Hyperliquid keeps a signer's 100
     * highest nonces, so requests overtaking each other by fewer than that are accepted.
     */
    @WithName("max-requests-in-flight")
    @WithDefault("8")
    int maxRequestsInFlight();

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

    interface RateLimit {
        /** IP bucket size in request weight; default paper 100000, live 1200 (the venue's per-minute budget). */
        @WithName("ip.capacity")
        Optional<Double> ipCapacity();

        /** IP bucket refill, weight per second; default paper 2000, live 20 (1200 a minute). */
        @WithName("ip.per-second")
        Optional<Double> ipPerSecond();

        /** Per-wallet bucket size, in orders and cancels (the venue's initial address buffer is 10000). */
        @WithName("wallet.capacity")
        @WithDefault("10000")
        double walletCapacity();

        /** Per-wallet refill, orders and cancels per second. */
        @WithName("wallet.per-second")
        @WithDefault("100")
        double walletPerSecond();

        /** Share of each bucket kept for cancels (orders stop above it, polling reads above twice it). */
        @WithName("cancel-reserve")
        @WithDefault("0.1")
        double cancelReserve();

        /** First pause after an HTTP 429 (doubles per consecutive 429). */
        @WithName("backoff")
        @WithDefault("500ms")
        Duration backoff();

        @WithName("max-backoff")
        @WithDefault("30s")
        Duration maxBackoff();
    }

    interface DeadMan {
        /** The venue's scheduled cancel-all is kept this far ahead (the venue requires more than 5 s). */
        @WithDefault("15s")
        Duration timeout();

        /** How often a healthy wallet pushes the scheduled cancel back. */
        @WithDefault("5s")
        Duration refresh();
    }

    Injective injective();

    /** The Injective venue adapter (execution.injective.*): off unless enabled. */
    interface Injective {
        @WithDefault("false")
        boolean enabled();

        /** The chain's LCD (REST gateway); the simulator serves one (paper mode). */
        @WithName("lcd-url")
        @WithDefault("http://localhost:8900")
        String lcdUrl();

        /** Signed into every transaction: injective-888 (testnet, the simulator's default) or injective-1. */
        @WithName("chain-id")
        @WithDefault("injective-888")
        String chainId();

        /** Fee per unit of gas, in the fee denom's smallest unit (inj: 1e-18 INJ). */
        @WithName("gas-price")
        @WithDefault("160000000")
        BigInteger gasPrice();

        @WithName("fee-denom")
        @WithDefault("inj")
        String feeDenom();

        /** A reconcile whose estimated gas (gas table) exceeds this goes as several transactions. */
        @WithName("max-gas-per-tx")
        @WithDefault("2000000")
        long maxGasPerTx();

        /** Timeout height = latest height + this: a tx not in a block by then never will be. */
        @WithName("timeout-blocks")
        @WithDefault("20")
        int timeoutBlocks();

        /** How often pending transactions are looked up by hash. */
        @WithName("confirm-interval")
        @WithDefault("300ms")
        Duration confirmInterval();

        /** The platform names of the markets to trade (INJ/USDT, INJ/USDT-PERP); default: every active market. */
        Optional<List<String>> markets();

        /** Consecutive sequence errors (mismatches, unknown outcomes, failed reads) that open the wallet's breaker. */
        @WithName("sequence-breaker-errors")
        @WithDefault("10")
        int sequenceBreakerErrors();
    }

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

        /** A level's order younger than this is not replaced (kept until a later intent); 0 disables. */
        @WithName("min-replace-interval")
        @WithDefault("200ms")
        Duration minReplaceInterval();
    }

    interface Checks {
        /** Max distance of an order's price from the intent's reference where it is worse for us, in bps. */
        @WithName("price-band-bps")
        @WithDefault("500")
        BigDecimal priceBandBps();

        /** Max distance on the passive side (a buy below the reference, a sell above it), in bps. */
        @WithName("passive-band-bps")
        @WithDefault("3000")
        BigDecimal passiveBandBps();

        /** Max notional (price x size) of one order. */
        @WithName("max-order-notional")
        @WithDefault("250000")
        BigDecimal maxOrderNotional();

        /** Max live orders of one wallet in one market. */
        @WithName("max-open-orders")
        @WithDefault("100")
        int maxOpenOrders();
    }

    /** The quote.intents consumer: a plain Kafka consumer on its own thread (ADR 0015). */
    IntentsConsumer quoteIntents();

    interface IntentsConsumer {
        /** One group for all instances, so that each wallet (the key) has one owner. */
        @WithDefault("execution-service")
        String groupId();

        /** Where a new group starts; intents are superseded by the next, so the newest. */
        @WithDefault("latest")
        String autoOffsetReset();
    }
}
