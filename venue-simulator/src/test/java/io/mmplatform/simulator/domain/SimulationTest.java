package io.mmplatform.simulator.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulationTest {
    static final String FEED = MatchingEngineTest.FEED;
    static final List<MarketSpec> MARKETS = List.of(
            new MarketSpec("BTC", 5, new BigDecimal("100000"), 50, FEED),
            new MarketSpec("ETH", 4, new BigDecimal("3500"), 50, FEED));
    static final String MAKER = "0x00000000000000000000000000000000000000aa";
    static final long T0 = 1_800_000_000_000L;

    static Simulation sim(long seed) {
        return new Simulation(MARKETS, EngineSettings.defaults(), ReferenceSettings.defaults(),
                new TakerSettings(new BigDecimal("5"), new BigDecimal("50"), new BigDecimal("500"),
                        new BigDecimal("30"), 4), seed, T0);
    }

    @Test
    void referenceTicksEveryIntervalForEveryMarket() {
        Simulation s = sim(1);
        assertEquals(2, s.latestTicks().size());
        assertEquals(T0, s.latestTick("BTC").publishTimeMs());
        List<PriceTick> ticks = s.advance(T0 + 1000);
        assertEquals(4, ticks.size(), "ticks at +400 and +800 for two markets");
        assertEquals(T0 + 400, ticks.get(0).publishTimeMs());
        assertEquals(T0, ticks.get(0).prevPublishTimeMs());
        assertEquals(T0 + 800, s.latestTick("ETH").publishTimeMs());
        assertEquals(T0 + 400, s.latestTick("ETH").prevPublishTimeMs());
        assertTrue(s.advance(T0 + 1100).isEmpty());
        assertEquals(ticks.get(3).slot() + 2, s.advance(T0 + 1200).get(1).slot());
    }

    @Test
    void takersFillRestingOrdersOnBothSides() {
        Simulation s = sim(2);
        long ref = s.latestTick("BTC").priceE8();
        long bidTicks = ref / 10_000_000 - 50;   // 5 USDC under the reference (tick 0.1)
        long askTicks = ref / 10_000_000 + 50;
        s.withEngine(e -> e.place(new OrderRequest(MAKER, "BTC", Side.BID, bidTicks, 100_000, Tif.GTC, false, null), T0));
        s.withEngine(e -> e.place(new OrderRequest(MAKER, "BTC", Side.ASK, askTicks, 100_000, Tif.GTC, false, null), T0));
        for (long t = T0; t <= T0 + 60_000; t += 100) {
            s.advance(t);
        }
        List<UserFill> fills = s.withEngine(e -> e.account(MAKER).fills());
        assertTrue(fills.stream().anyMatch(f -> f.side() == Side.BID), "bid filled");
        assertTrue(fills.stream().anyMatch(f -> f.side() == Side.ASK), "ask filled");
        assertTrue(fills.stream().noneMatch(UserFill::crossed), "our resting orders are makers");
        assertTrue(s.takerOrders() > 100);
        for (UserFill f : fills) {
            assertTrue(TakerFlow.isTaker(s.withEngine(e -> counterparty(e, f.tid()))));
        }
    }

    static String counterparty(MatchingEngine e, long tid) {
        for (String a : List.of(TakerFlow.takerAddress(1), TakerFlow.takerAddress(2), TakerFlow.takerAddress(3),
                TakerFlow.takerAddress(4))) {
            Account acc = e.existingAccount(a);
            if (acc != null && acc.fills().stream().anyMatch(f -> f.tid() == tid && f.crossed())) {
                return a;
            }
        }
        return "none";
    }

    @Test
    void sameSeedSameHistory() {
        Simulation a = sim(3);
        Simulation b = sim(3);
        Simulation c = sim(4);
        for (long t = T0; t <= T0 + 20_000; t += 250) {
            a.advance(t);
            b.advance(t);
            c.advance(t);
        }
        assertEquals(a.latestTicks(), b.latestTicks());
        assertFalse(a.latestTicks().equals(c.latestTicks()));
        String taker = TakerFlow.takerAddress(1);
        List<UserFill> fa = a.withEngine(e -> e.account(taker).fills());
        List<UserFill> fb = b.withEngine(e -> e.account(taker).fills());
        assertEquals(fa, fb);
        assertEquals(a.withEngine(MatchingEngine::ordersAccepted), b.withEngine(MatchingEngine::ordersAccepted));
        assertEquals(a.takerOrders(), b.takerOrders());
    }

    @Test
    void fallingFarBehindSkipsInsteadOfBursting() {
        Simulation s = sim(5);
        List<PriceTick> ticks = s.advance(T0 + 3_600_000);
        assertTrue(ticks.size() <= 2 * (Simulation.MAX_CATCH_UP_TICKS + 1), "ticks: " + ticks.size());
        assertEquals(T0 + 3_600_000, s.latestTick("BTC").publishTimeMs());
    }
}
