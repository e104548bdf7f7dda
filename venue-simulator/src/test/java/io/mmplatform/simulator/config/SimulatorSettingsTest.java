package io.mmplatform.simulator.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorSettingsTest {
    static SimulatorSettings settings(Map<String, String> props) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SimulatorConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(props, "test", 500)).build();
        return SimulatorSettings.from(config.getConfigMapping(SimulatorConfig.class));
    }

    @Test
    void defaultsArePaperReady() {
        SimulatorSettings s = settings(Map.of());
        assertEquals(4, s.markets().size());
        assertEquals("BTC", s.markets().get(0).name());
        assertEquals(5, s.markets().get(0).szDecimals());
        assertEquals(1, s.markets().get(3).szDecimals());
        assertEquals(new BigDecimal("1000000"), s.engine().paperBalance());
        assertEquals(new BigDecimal("0.00015"), s.engine().makerFee());
        assertEquals(new BigDecimal("0.00045"), s.engine().takerFee());
        assertEquals(400, s.reference().tickIntervalMs());
        assertFalse(s.mainnet());
    }

    @Test
    void marketsCanBeChosenAndOverridden() {
        SimulatorSettings s = settings(Map.of("simulator.markets", "ETH,DOGE",
                "simulator.market.ETH.start-price", "2000",
                "simulator.market.DOGE.sz-decimals", "0",
                "simulator.market.DOGE.start-price", "0.2",
                "simulator.market.DOGE.feed-id", "0x" + "dc".repeat(32)));
        assertEquals(2, s.markets().size());
        assertEquals(0, new BigDecimal("2000").compareTo(s.markets().get(0).startPrice()));
        assertEquals("dc".repeat(32), s.markets().get(1).feedId());
    }

    @Test
    void badValuesNameTheirKey() {
        assertMessage(Map.of("simulator.fees.maker", "-0.1"), "simulator.fees.maker");
        assertMessage(Map.of("simulator.markets", "DOGE"), "simulator.market.DOGE.sz-decimals");
        assertMessage(Map.of("simulator.markets", "BTC", "simulator.market.BTC.sz-decimals", "9"),
                "simulator.market.BTC.");
        assertMessage(Map.of("simulator.taker.min-notional", "5"), "simulator.taker.min-notional");
        assertMessage(Map.of("simulator.reference.jump-probability", "2"), "simulator.reference.jump-probability");
        assertMessage(Map.of("simulator.taker.accounts", "0"), "simulator.taker.accounts");
    }

    static void assertMessage(Map<String, String> props, String key) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> settings(props));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
