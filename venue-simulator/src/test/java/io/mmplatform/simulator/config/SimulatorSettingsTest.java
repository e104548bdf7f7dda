package io.mmplatform.simulator.config;

import io.mmplatform.simulator.domain.FaultSettings;
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

    @Test
    void residentBooksAreOffUnlessAnOffsetIsSet() {
        assertTrue(settings(Map.of()).residents().isEmpty());
        assertTrue(settings(Map.of("simulator.market.BTC.resident.levels", "5")).residents().isEmpty());
        SimulatorSettings s = settings(Map.of("simulator.market.BTC.resident.offset-pct", "20",
                "simulator.market.SOL.resident.offset-pct", "-5",
                "simulator.market.SOL.resident.levels", "3",
                "simulator.market.SOL.resident.spacing-bps", "50",
                "simulator.market.SOL.resident.size-notional", "100"));
        assertEquals(List.of("BTC", "SOL"), List.copyOf(s.residents().keySet()));
        assertEquals(ResidentSettings.atOffset(new BigDecimal("20")), s.residents().get("BTC"));
        assertEquals(new ResidentSettings(new BigDecimal("-5"), 3, new BigDecimal("50"), new BigDecimal("100")),
                s.residents().get("SOL"));
    }

    @Test
    void badResidentValuesNameTheirKey() {
        String p = "simulator.market.ETH.resident.";
        assertMessage(Map.of(p + "offset-pct", "-100"), p + "offset-pct");
        assertMessage(Map.of(p + "offset-pct", "20", p + "levels", "0"), p + "levels");
        assertMessage(Map.of(p + "offset-pct", "20", p + "spacing-bps", "-1"), p + "spacing-bps");
        assertMessage(Map.of(p + "offset-pct", "20", p + "spacing-bps", "600"), p + "spacing-bps");
        assertMessage(Map.of(p + "offset-pct", "20", p + "size-notional", "5"), p + "size-notional");
        assertMessage(Map.of("simulator.market.DOGE.resident.offset-pct", "20"),
                "simulator.market.DOGE.resident.offset-pct");
    }

    @Test
    void faultsAndRateLimitsAreSetAtStart() {
        SimulatorSettings off = settings(Map.of());
        assertEquals(FaultSettings.NONE, off.faults());
        assertTrue(off.rateLimits().enabled());
        assertEquals(1_200_000, off.rateLimits().ipWeightPerMinute());
        SimulatorSettings s = settings(Map.of("simulator.faults.latency-ms", "30",
                "simulator.faults.jitter-ms", "20",
                "simulator.faults.reject-rate", "0.05",
                "simulator.faults.lost-answer-rate", "0.01",
                "simulator.faults.burst429-every-seconds", "20",
                "simulator.faults.burst429-duration-ms", "1500",
                "simulator.faults.paused", "true",
                "simulator.faults.ws-drop-every-seconds", "20"));
        assertEquals(new FaultSettings(30, 20, 0.05, 0.01, 20, 1500, true, 20),
                s.faults());
        SimulatorSettings venueLike = settings(Map.of("simulator.rate-limit.enabled", "false",
                "simulator.rate-limit.ip-weight-per-minute", "1200",
                "simulator.rate-limit.address-initial-requests", "10000"));
        assertFalse(venueLike.rateLimits().enabled());
        assertEquals(1200, venueLike.rateLimits().ipWeightPerMinute());
        assertEquals(10_000, venueLike.rateLimits().addressInitialRequests());
    }

    @Test
    void badFaultAndRateLimitValuesNameTheirKey() {
        assertMessage(Map.of("simulator.faults.reject-rate", "1.5"), "simulator.faults.reject-rate");
        assertMessage(Map.of("simulator.faults.lost-answer-rate", "-1"), "simulator.faults.lost-answer-rate");
        assertMessage(Map.of("simulator.faults.latency-ms", "-1"), "simulator.faults.latency-ms");
        assertMessage(Map.of("simulator.faults.burst429-duration-ms", "-1"), "simulator.faults.burst429-duration-ms");
        assertMessage(Map.of("simulator.faults.ws-drop-every-seconds", "-5"), "simulator.faults.ws-drop-every-seconds");
        assertMessage(Map.of("simulator.rate-limit.ip-weight-per-minute", "0"),
                "simulator.rate-limit.ip-weight-per-minute");
        assertMessage(Map.of("simulator.rate-limit.address-throttled-every", "0s"),
                "simulator.rate-limit.address-throttled-every");
    }

    static void assertMessage(Map<String, String> props, String key) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> settings(props));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
