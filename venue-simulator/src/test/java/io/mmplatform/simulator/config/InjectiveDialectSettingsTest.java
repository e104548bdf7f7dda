package io.mmplatform.simulator.config;

import io.mmplatform.simulator.domain.InjectiveMarket;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectiveDialectSettingsTest {
    static InjectiveDialectSettings settings(Map<String, String> props) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SimulatorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(props, "test", 500)).build();
        SimulatorConfig c = config.getConfigMapping(SimulatorConfig.class);
        return InjectiveDialectSettings.from(c.injective(), SimulatorSettings.from(c).markets());
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
}
