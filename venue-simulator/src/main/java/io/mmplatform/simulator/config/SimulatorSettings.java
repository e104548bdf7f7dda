package io.mmplatform.simulator.config;

import io.mmplatform.simulator.domain.EngineSettings;
import io.mmplatform.simulator.domain.FaultSettings;
import io.mmplatform.simulator.domain.RateLimitSettings;
import io.mmplatform.simulator.domain.MarketSpec;
import io.mmplatform.simulator.domain.ReferenceSettings;
import io.mmplatform.simulator.domain.ResidentSettings;
import io.mmplatform.simulator.domain.TakerSettings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The validated settings of the simulator; a bad value fails start-up with a message naming its key. */
public record SimulatorSettings(long seed, List<MarketSpec> markets, EngineSettings engine,
                                ReferenceSettings reference, TakerSettings taker, boolean mainnet,
                                long clockPeriodMs, FaultSettings faults, RateLimitSettings rateLimits,
                                Map<String, ResidentSettings> residents) {

    private record Builtin(int szDecimals, String startPrice, int maxLeverage, String feedId) {
    }

    /** Defaults of the standard markets; feed ids are Pyth's BTC/USD, ETH/USD, SOL/USD, INJ/USD. */
    private static final Map<String, Builtin> BUILTIN = Map.of(
            "BTC", new Builtin(5, "100000", 40, "e62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43"),
            "ETH", new Builtin(4, "3500", 25, "ff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace"),
            "SOL", new Builtin(2, "150", 20, "ef0d8b6fda2ceba41da15d4095d1da392a0d2f8ed0c6c7bc0f4cfac8c280b56d"),
            "INJ", new Builtin(1, "25", 10, "7a5bc1d2b56ad029048cd63964b3ad2776eadf812edc1a43a31406cb54bff592"));

    public static SimulatorSettings from(SimulatorConfig c) {
        List<MarketSpec> markets = new ArrayList<>();
        HashSet<String> feeds = new HashSet<>();
        if (c.markets().isEmpty()) {
            throw bad("simulator.markets", "at least one market is needed");
        }
        for (String raw : c.markets()) {
            String name = raw.trim();
            String prefix = "simulator.market." + name + ".";
            SimulatorConfig.MarketConfig mc = c.market().get(name);
            Builtin b = BUILTIN.get(name);
            Integer sz = mc != null && mc.szDecimals().isPresent() ? mc.szDecimals().get() : b == null ? null : b.szDecimals();
            BigDecimal start = mc != null && mc.startPrice().isPresent() ? mc.startPrice().get()
                    : b == null ? null : new BigDecimal(b.startPrice());
            Integer lev = mc != null && mc.maxLeverage().isPresent() ? mc.maxLeverage().get() : b == null ? 20 : b.maxLeverage();
            String feed = mc != null && mc.feedId().isPresent() ? mc.feedId().get() : b == null ? null : b.feedId();
            if (sz == null) {
                throw bad(prefix + "sz-decimals", "is required for market " + name);
            }
            if (start == null) {
                throw bad(prefix + "start-price", "is required for market " + name);
            }
            if (feed == null) {
                throw bad(prefix + "feed-id", "is required for market " + name);
            }
            MarketSpec spec;
            try {
                spec = new MarketSpec(name, sz, start, lev, feed);
            } catch (IllegalArgumentException e) {
                throw bad(prefix + "*", e.getMessage());
            }
            if (!feeds.add(spec.feedId())) {
                throw bad(prefix + "feed-id", "feed id " + spec.feedId() + " is used by two markets");
            }
            if (markets.stream().anyMatch(m -> m.name().equals(name))) {
                throw bad("simulator.markets", "market " + name + " is listed twice");
            }
            markets.add(spec);
        }
        requireNonNegative("simulator.paper-balance", c.paperBalance());
        requireNonNegative("simulator.min-order-value", c.minOrderValue());
        requireRate("simulator.fees.maker", c.fees().maker());
        requireRate("simulator.fees.taker", c.fees().taker());
        if (c.fillHistoryLimit() <= 0) {
            throw bad("simulator.fill-history-limit", "must be positive, got " + c.fillHistoryLimit());
        }
        long clockMs = c.clockPeriod().toMillis();
        if (clockMs <= 0) {
            throw bad("simulator.clock-period", "must be at least 1ms, got " + c.clockPeriod());
        }
        long tickMs = c.reference().tickInterval().toMillis();
        if (tickMs <= 0) {
            throw bad("simulator.reference.tick-interval", "must be at least 1ms, got " + c.reference().tickInterval());
        }
        requireNonNegative("simulator.reference.volatility-bps", c.reference().volatilityBps());
        requireNonNegative("simulator.reference.jump-bps", c.reference().jumpBps());
        requireNonNegative("simulator.reference.conf-bps", c.reference().confBps());
        BigDecimal p = c.reference().jumpProbability();
        if (p.signum() < 0 || p.compareTo(BigDecimal.ONE) > 0) {
            throw bad("simulator.reference.jump-probability", "must be within 0..1, got " + p);
        }
        SimulatorConfig.Taker t = c.taker();
        requireNonNegative("simulator.taker.rate-per-second", t.ratePerSecond());
        requireNonNegative("simulator.taker.band-bps", t.bandBps());
        if (t.minNotional().compareTo(c.minOrderValue()) < 0 || t.minNotional().signum() <= 0) {
            throw bad("simulator.taker.min-notional", "must be positive and at least simulator.min-order-value ("
                    + c.minOrderValue() + "), got " + t.minNotional());
        }
        if (t.maxNotional().compareTo(t.minNotional()) < 0) {
            throw bad("simulator.taker.max-notional", "must be at least simulator.taker.min-notional, got "
                    + t.maxNotional());
        }
        if (t.accounts() <= 0 || t.accounts() > 0xffff) {
            throw bad("simulator.taker.accounts", "must be within 1..65535, got " + t.accounts());
        }
        EngineSettings engine = new EngineSettings(c.paperBalance(), c.fees().maker(), c.fees().taker(),
                c.minOrderValue(), c.fillHistoryLimit(), 0);
        ReferenceSettings reference = new ReferenceSettings(tickMs, c.reference().volatilityBps(),
                p, c.reference().jumpBps(), c.reference().confBps());
        TakerSettings taker = new TakerSettings(t.ratePerSecond(), t.minNotional(), t.maxNotional(), t.bandBps(),
                t.accounts());
        return new SimulatorSettings(c.seed(), List.copyOf(markets), engine, reference, taker, c.hyperliquid().mainnet(),
                clockMs, faults(c.faults()), rateLimits(c.rateLimit()), residents(c, markets));
    }

    /** Resident ladders by market, in market order; a market without resident.offset-pct has none. */
    private static Map<String, ResidentSettings> residents(SimulatorConfig c, List<MarketSpec> markets) {
        for (Map.Entry<String, SimulatorConfig.MarketConfig> e : c.market().entrySet()) {
            if (e.getValue().resident().offsetPct().isPresent()
                    && markets.stream().noneMatch(m -> m.name().equals(e.getKey()))) {
                throw bad("simulator.market." + e.getKey() + ".resident.offset-pct",
                        "market " + e.getKey() + " is not in simulator.markets");
            }
        }
        Map<String, ResidentSettings> out = new LinkedHashMap<>();
        for (MarketSpec m : markets) {
            SimulatorConfig.MarketConfig mc = c.market().get(m.name());
            if (mc == null) {
                continue;
            }
            ResidentSettings r = resident("simulator.market." + m.name() + ".resident.", mc.resident(),
                    "simulator.min-order-value", c.minOrderValue());
            if (r != null) {
                out.put(m.name(), r);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * One resident ladder's settings with their defaults, or null when offset-pct is unset.
     *
     * @param prefix       the keys' prefix, for messages ({@code simulator.market.ETH.resident.})
     * @param minKey       the key of the smallest notional an order may have, for messages
     * @param minNotional  the smallest notional an order may have (size-notional must reach it)
     */
    static ResidentSettings resident(String prefix, SimulatorConfig.Resident r, String minKey, BigDecimal minNotional) {
        if (r.offsetPct().isEmpty()) {
            return null;
        }
        BigDecimal offset = r.offsetPct().get();
        int levels = r.levels().orElse(ResidentSettings.DEFAULT_LEVELS);
        BigDecimal spacing = r.spacingBps().orElse(ResidentSettings.DEFAULT_SPACING_BPS);
        BigDecimal size = r.sizeNotional().orElse(ResidentSettings.DEFAULT_SIZE_NOTIONAL);
        String error = ResidentSettings.check(offset, levels, spacing, size);
        if (error != null) {
            String field = error.substring(0, error.indexOf(' '));
            throw bad(prefix + field.replaceAll("([A-Z])", "-$1").toLowerCase(), error.substring(field.length() + 1));
        }
        if (size.compareTo(minNotional) < 0) {
            throw bad(prefix + "size-notional", "must be at least " + minKey + " ("
                    + minNotional.toPlainString() + "), got " + size.toPlainString());
        }
        return new ResidentSettings(offset, levels, spacing, size);
    }

    /** Kebab-case config key of a fault field (latencyMs -> simulator.faults.latency-ms). */
    static String faultKey(String field) {
        return "simulator.faults." + field.replaceAll("([A-Z])", "-$1").toLowerCase();
    }

    private static FaultSettings faults(SimulatorConfig.Faults f) {
        String error = FaultSettings.check(f.latencyMs(), f.jitterMs(), f.rejectRate(), f.lostAnswerRate(),
                f.burst429EverySeconds(), f.burst429DurationMs(), f.wsDropEverySeconds());
        if (error != null) {
            String field = error.substring(0, error.indexOf(' '));
            throw bad(faultKey(field), error.substring(field.length() + 1));
        }
        return new FaultSettings(f.latencyMs(), f.jitterMs(), f.rejectRate(), f.lostAnswerRate(),
                f.burst429EverySeconds(), f.burst429DurationMs(), f.paused(), f.wsDropEverySeconds());
    }

    private static RateLimitSettings rateLimits(SimulatorConfig.RateLimit r) {
        String p = "simulator.rate-limit.";
        if (r.ipWeightPerMinute() <= 0) {
            throw bad(p + "ip-weight-per-minute", "must be positive, got " + r.ipWeightPerMinute());
        }
        if (r.addressInitialRequests() < 0) {
            throw bad(p + "address-initial-requests", "must not be negative, got " + r.addressInitialRequests());
        }
        if (r.addressRequestsPerUsdc() < 0) {
            throw bad(p + "address-requests-per-usdc", "must not be negative, got " + r.addressRequestsPerUsdc());
        }
        if (r.addressCancelExtra() < 0) {
            throw bad(p + "address-cancel-extra", "must not be negative, got " + r.addressCancelExtra());
        }
        if (r.addressThrottledEvery().toMillis() <= 0) {
            throw bad(p + "address-throttled-every", "must be at least 1ms, got " + r.addressThrottledEvery());
        }
        return new RateLimitSettings(r.enabled(), r.ipWeightPerMinute(), r.addressInitialRequests(),
                r.addressRequestsPerUsdc(), r.addressCancelExtra(), r.addressThrottledEvery().toMillis());
    }

    /** The engine settings with ids starting above base (so ids stay unique across restarts). */
    public EngineSettings engineWithIdBase(long base) {
        return new EngineSettings(engine.paperBalance(), engine.makerFee(), engine.takerFee(), engine.minOrderValue(),
                engine.fillHistoryLimit(), base);
    }

    private static void requireNonNegative(String key, BigDecimal value) {
        if (value.signum() < 0) {
            throw bad(key, "must not be negative, got " + value.toPlainString());
        }
    }

    private static void requireRate(String key, BigDecimal value) {
        if (value.signum() < 0 || value.compareTo(new BigDecimal("0.1")) > 0) {
            throw bad(key, "must be a fee rate within 0..0.1, got " + value.toPlainString());
        }
    }

    static IllegalStateException bad(String key, String message) {
        return new IllegalStateException("Invalid configuration " + key + ": " + message);
    }
}
