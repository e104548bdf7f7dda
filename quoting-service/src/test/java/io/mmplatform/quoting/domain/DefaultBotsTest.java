package io.mmplatform.quoting.domain;

import io.mmplatform.quoting.adapters.FileBotStore;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default bots of deploy/bots (what ./mm up runs) build with the platform's strategies and the default size
 * decimals, use every strategy, and each quotes both sides at the simulator's start prices.
 */
class DefaultBotsTest {
    private static final Map<String, String> START_PRICES = Map.of("BTC", "100000", "ETH", "3500", "SOL", "150",
            "INJ", "25", "INJ/USDT", "25", "INJ/USDT-PERP", "25");

    @Test
    void everyDefaultBotBuildsAndQuotesAndEveryStrategyIsUsed() {
        List<BotDefinition> bots = FileBotStore.readDirectory(Path.of("../deploy/bots"));
        BotFactory factory = new BotFactory(Strategies.standard(), Map.of("BTC", 5, "ETH", 4, "SOL", 2, "INJ", 1,
                "INJ/USDT", 3, "INJ/USDT-PERP", 3));
        Set<String> used = new TreeSet<>();
        for (BotDefinition bot : bots) {
            used.add(bot.strategy());
            for (BotFactory.Built built : factory.build(bot).values()) {
                MarketTick tick = new MarketTick(built.market(), built.lot())
                        .nowMs(1_000_000).reference(Fixed.of(START_PRICES.get(built.market())), 1_000_000);
                OrderSet out = new OrderSet();
                built.strategy().quote(tick, out);
                assertTrue(out.count(true) > 0 && out.count(false) > 0, bot.id() + " quotes both sides: " + out.size());
            }
        }
        assertEquals(Strategies.standard().types(), used, "the default bots exercise every strategy");
    }
}
