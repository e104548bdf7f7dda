package io.mmplatform.simulator.config;

import io.mmplatform.simulator.domain.InjectiveMarket;
import io.mmplatform.simulator.domain.ResidentSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectiveDialectSettingsTest {
    static SimulatorConfig config(Map<String, String> props) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SimulatorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(props, "test", 500)).build();
        return config.getConfigMapping(SimulatorConfig.class);
    }

    static InjectiveDialectSettings settings(Map<String, String> props) {
        SimulatorConfig c = config(props);
        return InjectiveDialectSettings.from(c.injective(), SimulatorSettings.from(c).markets());
    }

    static SimulatorSettings simulator(Map<String, String> props) {
        return SimulatorSettings.from(config(props));
    }

    @Test
    void defaultsAreTestnetPricedFromInj() {
        InjectiveDialectSettings s = settings(Map.of());
        assertEquals("injective-888", s.chain().chainId());
        assertEquals(700, s.chain().blockTimeMs());
        InjectiveMarket spot = s.chain().markets().get(0);
        InjectiveMarket perp = s.chain().markets().get(1);
        assertEquals(InjectiveDialectSettings.TESTNET_SPOT, spot.marketId());
        assertEquals(InjectiveDialectSettings.TESTNET_PERP, perp.marketId());
        assertEquals("INJ/USDT", spot.engineCoin());
        assertEquals("INJ/USDT PERP", perp.engineCoin());
        assertEquals(0, new BigDecimal("0.001").compareTo(spot.minPriceTickSize()));
        assertEquals(0, BigDecimal.ONE.compareTo(perp.minNotional()));
        assertTrue(s.linked().stream().allMatch(l -> l.referenceCoin().equals("INJ")));
        assertEquals(new BigDecimal("25"), s.linked().get(0).spec().startPrice());
    }

    @Test
    void mainnetAndOverrides() {
        InjectiveDialectSettings s = settings(Map.of("simulator.injective.network", "mainnet",
                "simulator.injective.block-time", "250ms",
                "simulator.injective.perp-market-id", "0x" + "ab".repeat(32)));
        assertEquals("injective-1", s.chain().chainId());
        assertEquals(250, s.chain().blockTimeMs());
        assertEquals(InjectiveDialectSettings.MAINNET_SPOT, s.chain().markets().get(0).marketId());
        assertEquals("0x" + "ab".repeat(32), s.chain().markets().get(1).marketId());
        assertEquals("injective-888", settings(Map.of("simulator.injective.network", "mainnet",
                "simulator.injective.chain-id", "injective-888")).chain().chainId());
    }

    @Test
    void offWithoutTheReferenceMarketOrWhenDisabled() {
        assertNull(settings(Map.of("simulator.injective.enabled", "false")));
        assertNull(settings(Map.of("simulator.markets", "BTC,ETH")));
    }

    @Test
    void badValuesNameTheirKey() {
        IllegalStateException network = assertThrows(IllegalStateException.class,
                () -> settings(Map.of("simulator.injective.network", "devnet")));
        assertTrue(network.getMessage().contains("simulator.injective.network"), network.getMessage());
        IllegalStateException id = assertThrows(IllegalStateException.class,
                () -> settings(Map.of("simulator.injective.spot-market-id", "0x12")));
        assertTrue(id.getMessage().contains("simulator.injective.spot-market-id"), id.getMessage());
        IllegalStateException rate = assertThrows(IllegalStateException.class,
                () -> settings(Map.of("simulator.injective.dropped-broadcast-rate", "1.5")));
        assertTrue(rate.getMessage().contains("dropped-broadcast-rate"), rate.getMessage());
    }

    @Test
    void residentLadderInBothBooksOnlyWhenAnOffsetIsSet() {
        assertTrue(settings(Map.of()).residents().isEmpty());
        assertTrue(settings(Map.of("simulator.injective.resident.levels", "5")).residents().isEmpty());
        InjectiveDialectSettings s = settings(Map.of("simulator.injective.resident.offset-pct", "20",
                "simulator.injective.resident.levels", "10", "simulator.injective.resident.size-notional", "300"));
        ResidentSettings expected = new ResidentSettings(new BigDecimal("20"), 10,
                ResidentSettings.DEFAULT_SPACING_BPS, new BigDecimal("300"));
        assertEquals(Map.of("INJ/USDT", expected, "INJ/USDT PERP", expected), s.residents());
        assertEquals(List.of("INJ/USDT", "INJ/USDT PERP"), List.copyOf(s.residents().keySet()));
        // the Hyperliquid markets keep their own (none here)
        assertTrue(InjectiveDialectSettingsTest.simulator(Map.of("simulator.injective.resident.offset-pct", "20"))
                .residents().isEmpty());
    }

    @Test
    void badResidentValuesNameTheirKey() {
        IllegalStateException offset = assertThrows(IllegalStateException.class,
                () -> settings(Map.of("simulator.injective.resident.offset-pct", "-100")));
        assertTrue(offset.getMessage().contains("simulator.injective.resident.offset-pct"), offset.getMessage());
        IllegalStateException size = assertThrows(IllegalStateException.class,
                () -> settings(Map.of("simulator.injective.resident.offset-pct", "20",
                        "simulator.injective.min-notional", "5", "simulator.injective.resident.size-notional", "4")));
        assertTrue(size.getMessage().contains("simulator.injective.resident.size-notional")
                && size.getMessage().contains("simulator.injective.min-notional"), size.getMessage());
    }
}
