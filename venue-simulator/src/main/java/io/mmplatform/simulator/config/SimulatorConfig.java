package io.mmplatform.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every key under {@code simulator.*}. Values are checked at start-up by {@link SimulatorSettings}. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** Seed of the reference walks and of the taker flow. */
    @WithDefault("42")
    long seed();

    /** Markets in meta.universe order (asset index = position). */
    @WithDefault("BTC,ETH,SOL,INJ")
    List<String> markets();

    /** Per-market settings, simulator.market.<NAME>.*; BTC, ETH, SOL and INJ have built-in defaults. */
    Map<String, MarketConfig> market();

    /** USDC credited to an address on first use. */
    @WithDefault("1000000")
    BigDecimal paperBalance();

    /** Smallest notional (USDC) of an order that is not reduce-only, like the venue's $10; 0 disables it. */
    @WithDefault("10")
    BigDecimal minOrderValue();

    /** Fills kept per account. */
    @WithDefault("10000")
    int fillHistoryLimit();

    /** How often the clock thread advances the simulation. */
    @WithDefault("20ms")
    Duration clockPeriod();

    Fees fees();

    Reference reference();

    Taker taker();

    Hyperliquid hyperliquid();

    /** Faults injected on purpose at start (can be changed at run time through /sim/faults). */
    Faults faults();

    /** Request weight limits per IP and per address. */
    RateLimit rateLimit();

    /** The Injective dialect (LCD endpoints, blocks) on the same engine. */
    Injective injective();

    interface Injective {
        /** Off: no Injective markets and no Injective endpoints' state (they answer 404). */
        @WithDefault("true")
        boolean enabled();

        /** testnet (chain injective-888 and testnet market ids) or mainnet (injective-1, mainnet ids). */
        @WithDefault("testnet")
        String network();

        /** Overrides the network's chain id. */
        Optional<String> chainId();

        /** Overrides the network's INJ/USDT spot market id. */
        Optional<String> spotMarketId();

        /** Overrides the network's INJ/USDT PERP market id. */
        Optional<String> perpMarketId();

        /** A block every this long includes the transactions accepted since the previous one. */
        @WithDefault("700ms")
        Duration blockTime();

        /** The simulator market whose reference prices the Injective books (taker flow, status). */
        @WithDefault("INJ")
        String referenceMarket();

        /** Smallest price x quantity (USDT) of an order in both markets. */
        @WithDefault("1")
        BigDecimal minNotional();

        /** The first account number handed out. */
        @WithDefault("10000")
        long accountNumberBase();

        /** Fraction of broadcasts answered code 32 as if another tx of the account had taken the sequence. */
        @WithDefault("0")
        double sequenceRaceRate();

        /** Fraction of broadcasts accepted (code 0, sequence used) but never included in a block. */
        @WithDefault("0")
        double droppedBroadcastRate();

        /**
         * A static resident ladder in both Injective books (INJ/USDT and INJ/USDT PERP), centred on the reference
         * market's start price; off unless offset-pct is set. The ladder's orders count against min-notional.
         */
        Resident resident();
    }

    interface Faults {
        @WithDefault("0")
        long latencyMs();

        @WithDefault("0")
        long jitterMs();

        @WithDefault("0")
        double rejectRate();

        @WithDefault("0")
        double lostAnswerRate();

        @WithDefault("0")
        long burst429EverySeconds();

        @WithDefault("0")
        long burst429DurationMs();

        @WithDefault("false")
        boolean paused();

        @WithDefault("0")
        long wsDropEverySeconds();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** REST weight per IP per minute; the venue's is 1200, the default is generous for the paper stack. */
        @WithDefault("1200000")
        long ipWeightPerMinute();

        /** Requests every address starts with; the venue's is 10000. */
        @WithDefault("1000000")
        long addressInitialRequests();

        @WithDefault("1")
        long addressRequestsPerUsdc();

        @WithDefault("100000")
        long addressCancelExtra();

        @WithDefault("10s")
        Duration addressThrottledEvery();
    }

    interface MarketConfig {
        Optional<Integer> szDecimals();

        Optional<BigDecimal> startPrice();

        Optional<Integer> maxLeverage();

        /** Pyth feed id (64 hex, with or without 0x). */
        Optional<String> feedId();

        /** Static resident ladder away from the reference; off unless offset-pct is set. */
        Resident resident();
    }

    /**
     * simulator.market.&lt;NAME&gt;.resident.* and simulator.injective.resident.*; defaults are applied by
     * {@link SimulatorSettings#resident}.
     */
    interface Resident {
        /** Centre of the ladder: reference at start x (1 + offset-pct / 100). */
        Optional<BigDecimal> offsetPct();

        /** Orders per side (default 20). */
        Optional<Integer> levels();

        /** Distance between levels in bps (default 20). */
        Optional<BigDecimal> spacingBps();

        /** Notional of each order in USDC (default 500). */
        Optional<BigDecimal> sizeNotional();
    }

    interface Fees {
        @WithDefault("0.00015")
        BigDecimal maker();

        @WithDefault("0.00045")
        BigDecimal taker();
    }

    interface Reference {
        @WithDefault("400ms")
        Duration tickInterval();

        /** Standard deviation of one step in bps. */
        @WithDefault("1.5")
        BigDecimal volatilityBps();

        @WithDefault("0.002")
        BigDecimal jumpProbability();

        @WithDefault("25")
        BigDecimal jumpBps();

        /** Pyth conf published with the price, in bps of the price. */
        @WithDefault("1")
        BigDecimal confBps();
    }

    interface Taker {
        /** Mean taker orders per second per market; 0 disables the flow. */
        @WithDefault("1")
        BigDecimal ratePerSecond();

        @WithDefault("20")
        BigDecimal minNotional();

        @WithDefault("2000")
        BigDecimal maxNotional();

        /** Taker limit prices lie within this many bps beyond the reference. */
        @WithDefault("30")
        BigDecimal bandBps();

        @WithDefault("8")
        int accounts();
    }

    interface Hyperliquid {
        /** Signature source: false = testnet 'b' (paper default), true = mainnet 'a'. */
        @WithDefault("false")
        boolean mainnet();
    }
}
