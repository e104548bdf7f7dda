package io.mmplatform.simulator.config;

import io.mmplatform.simulator.domain.InjectiveMarket;
import io.mmplatform.simulator.domain.InjectiveSettings;
import io.mmplatform.simulator.domain.LinkedMarket;
import io.mmplatform.simulator.domain.MarketSpec;
import io.mmplatform.simulator.domain.ResidentSettings;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Injective dialect's settings from {@code simulator.injective.*}: INJ/USDT spot and INJ/USDT PERP with the
 * network's real market ids (testnet by default, as the paper stack stands in for testnet), tick sizes 0.001 / 0.001,
 * priced from the simulator's INJ reference. Null settings when the dialect is off or its reference market is not
 * simulated.
 *
 * @param linked    the engine books of the Injective markets
 * @param residents engine book -> its resident ladder ({@code simulator.injective.resident.*}: the same for both
 *                  books); empty when the resident ladder is off
 */
public record InjectiveDialectSettings(InjectiveSettings chain, List<LinkedMarket> linked,
                                       Map<String, ResidentSettings> residents, double sequenceRaceRate,
                                       double droppedBroadcastRate) {
    public static final String SPOT_ENGINE_MARKET = "INJ/USDT";
    public static final String PERP_ENGINE_MARKET = "INJ/USDT PERP";

    /** From vectors/injective.json (the chain's INJ/USDT and INJ/USDT PERP). */
    static final String MAINNET_SPOT = "0xa508cb32923323679f29a032c70342c147c17d0145625922b0ef22e955c844c0";
    static final String MAINNET_PERP = "0x9b9980167ecc3645ff1a5517886652d94a0825e54a77d2057cbbe3ebee015963";
    static final String TESTNET_SPOT = "0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe";
    static final String TESTNET_PERP = "0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6";
    /** Peggy USDT denoms. */
    static final String MAINNET_USDT = "peggy0xdAC17F958D2ee523a2206206994597C13D831ec7";
    static final String TESTNET_USDT = "peggy0x87aB3B4C8661e07D6372361211B96ed4Dc36B1B5";
    private static final BigDecimal TICK = new BigDecimal("0.001");

    public static InjectiveDialectSettings from(SimulatorConfig.Injective c, List<MarketSpec> markets) {
        if (!c.enabled()) {
            return null;
        }
        MarketSpec reference = markets.stream().filter(m -> m.name().equals(c.referenceMarket())).findFirst()
                .orElse(null);
        if (reference == null) {
            return null;
        }
        String network = c.network().trim().toLowerCase(Locale.ROOT);
        boolean mainnet;
        if (network.equals("mainnet")) {
            mainnet = true;
        } else if (network.equals("testnet")) {
            mainnet = false;
        } else {
            throw SimulatorSettings.bad("simulator.injective.network", "must be testnet or mainnet, got "
                    + c.network());
        }
        String chainId = c.chainId().orElse(mainnet ? "injective-1" : "injective-888");
        String spotId = c.spotMarketId().orElse(mainnet ? MAINNET_SPOT : TESTNET_SPOT);
        String perpId = c.perpMarketId().orElse(mainnet ? MAINNET_PERP : TESTNET_PERP);
        String usdt = mainnet ? MAINNET_USDT : TESTNET_USDT;
        long blockMs = c.blockTime().toMillis();
        if (blockMs <= 0) {
            throw SimulatorSettings.bad("simulator.injective.block-time", "must be at least 1ms, got "
                    + c.blockTime());
        }
        if (c.minNotional().signum() < 0) {
            throw SimulatorSettings.bad("simulator.injective.min-notional", "must not be negative, got "
                    + c.minNotional());
        }
        rate("simulator.injective.sequence-race-rate", c.sequenceRaceRate());
        rate("simulator.injective.dropped-broadcast-rate", c.droppedBroadcastRate());
        MarketSpec spotBook = new MarketSpec(SPOT_ENGINE_MARKET, 3, reference.startPrice(), 1, reference.feedId());
        MarketSpec perpBook = new MarketSpec(PERP_ENGINE_MARKET, 3, reference.startPrice(), 20, reference.feedId());
        InjectiveMarket spot;
        InjectiveMarket perp;
        try {
            spot = new InjectiveMarket(spotId, "INJ/USDT", InjectiveMarket.Kind.SPOT, spotBook, "inj", usdt, 18, 6,
                    TICK, TICK, c.minNotional(), BigDecimal.ZERO, BigDecimal.ZERO, "", "");
        } catch (IllegalArgumentException e) {
            throw SimulatorSettings.bad("simulator.injective.spot-market-id", e.getMessage());
        }
        try {
            perp = new InjectiveMarket(perpId, "INJ/USDT PERP", InjectiveMarket.Kind.DERIVATIVE, perpBook, "", usdt,
                    0, 6, TICK, TICK, c.minNotional(), new BigDecimal("0.05"), new BigDecimal("0.02"), "INJ",
                    "USDT");
        } catch (IllegalArgumentException e) {
            throw SimulatorSettings.bad("simulator.injective.perp-market-id", e.getMessage());
        }
        if (spot.marketId().equals(perp.marketId())) {
            throw SimulatorSettings.bad("simulator.injective.perp-market-id", "must differ from the spot market id");
        }
        InjectiveSettings chain = new InjectiveSettings(chainId, blockMs, List.of(spot, perp),
                c.accountNumberBase(), 1);
        // the engine's minimum order value does not apply: the chain checks each market's min notional itself
        List<LinkedMarket> linked = List.of(new LinkedMarket(spotBook, reference.name(), BigDecimal.ZERO),
                new LinkedMarket(perpBook, reference.name(), BigDecimal.ZERO));
        // a ladder away from the reference in both books, for a mirror bot to walk back (./mm up: 20% above)
        Map<String, ResidentSettings> residents = new LinkedHashMap<>();
        ResidentSettings resident = SimulatorSettings.resident("simulator.injective.resident.", c.resident(),
                "simulator.injective.min-notional", c.minNotional());
        if (resident != null) {
            residents.put(SPOT_ENGINE_MARKET, resident);
            residents.put(PERP_ENGINE_MARKET, resident);
        }
        return new InjectiveDialectSettings(chain, linked, Collections.unmodifiableMap(residents), c.sequenceRaceRate(),
                c.droppedBroadcastRate());
    }

    private static void rate(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw SimulatorSettings.bad(key, "must be within 0..1, got " + value);
        }
    }
}
