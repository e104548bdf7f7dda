package io.mmplatform.pricefeed;

import io.mmplatform.pricefeed.domain.InjectiveMarket;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Injective markets are published under: the shipped application.properties, and a market's name key. */
class InjectiveMarketNamesTest {

    static PriceFeedConfig config(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        try (InputStream in = InjectiveMarketNamesTest.class.getResourceAsStream("/application.properties")) {
            Properties shipped = new Properties();
            shipped.load(in);
            shipped.stringPropertyNames().forEach(k -> props.put(k, shipped.getProperty(k)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        props.putAll(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(PriceFeedConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(props, "test", 500)).build();
        return config.getConfigMapping(PriceFeedConfig.class);
    }

    static List<String> names(List<InjectiveMarket> markets) {
        return markets.stream().map(InjectiveMarket::name).toList();
    }

    @Test
    void theTargetVenuesBooksCarryThePlatformsMarketNames() {
        List<InjectiveMarket> venue = PriceFeedService.injectiveMarkets(config(Map.of()).injectiveVenue(),
                "price-feed.injective-venue", true);
        assertEquals(List.of("INJ/USDT", "INJ/USDT-PERP"), names(venue));
        assertEquals(InjectiveMarket.Kind.SPOT, venue.get(0).kind());
        assertEquals("0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe", venue.get(0).marketId());
        assertEquals(InjectiveMarket.Kind.DERIVATIVE, venue.get(1).kind());
        assertEquals("0x17ef48032cb24375ba7c2e39f384e56433bcab20cbee9a7357e4cba2eb00abe6", venue.get(1).marketId());
    }

    @Test
    void theMainnetReferenceKeepsItsInstruments() {
        List<InjectiveMarket> reference = PriceFeedService.injectiveMarkets(config(Map.of()).injective(),
                "price-feed.injective", false);
        assertEquals(List.of("INJ", "INJ-PERP"), names(reference));
    }

    @Test
    void aChainTickerIsWrittenAsThePlatformWritesIt() {
        PriceFeedConfig c = config(Map.of("price-feed.injective-venue.markets.INJ-USDT-PERP.name", "INJ/USDT PERP"));
        assertEquals(List.of("INJ/USDT", "INJ/USDT-PERP"),
                names(PriceFeedService.injectiveMarkets(c.injectiveVenue(), "price-feed.injective-venue", true)));
    }

    @Test
    void withoutANameTheKeyIsTheName() {
        PriceFeedConfig c = config(Map.of(
                "price-feed.injective-venue.markets.ATOM.market-id", "0x" + "ab".repeat(32),
                "price-feed.injective-venue.markets.ATOM.kind", "spot",
                "price-feed.injective-venue.markets.ATOM.quote-decimals", "6"));
        assertEquals(List.of("ATOM", "INJ/USDT", "INJ/USDT-PERP"),
                names(PriceFeedService.injectiveMarkets(c.injectiveVenue(), "price-feed.injective-venue", true)));
    }

    @Test
    void aBadMarketNamesItsKey() {
        PriceFeedConfig c = config(Map.of("price-feed.injective-venue.markets.INJ-USDT.market-id", "0x12"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PriceFeedService.injectiveMarkets(c.injectiveVenue(), "price-feed.injective-venue", true));
        assertTrue(e.getMessage().startsWith("price-feed.injective-venue.markets.INJ-USDT: "), e.getMessage());
    }
}
