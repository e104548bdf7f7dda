package io.mmplatform.simulator.domain;

import io.mmplatform.common.hyperliquid.HyperliquidWire;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResidentBookTest {
    static final String FEED = MatchingEngineTest.FEED;
    static final MarketSpec BTC = new MarketSpec("BTC", 5, new BigDecimal("100000"), 40, FEED);
    static final long T0 = 1_800_000_000_000L;
    static final String BOT = "0x00000000000000000000000000000000000000bb";

    @Test
    void addressSpellsResident() {
        assertEquals("0x0000000000000000000000007265736964656e74", ResidentBook.ADDRESS);
        assertTrue(ResidentBook.isResident(ResidentBook.ADDRESS));
        assertTrue(!TakerFlow.isTaker(ResidentBook.ADDRESS));
    }

    @Test
    void ladderIsCentredAtTheOffsetWithValidPricesAndLotSizes() {
        ResidentBook book = ResidentBook.ladder(BTC, 100_000_00000000L, ResidentSettings.atOffset(new BigDecimal("20")));
        assertEquals(0, new BigDecimal("120000").compareTo(book.centre()));
        List<OrderRequest> bids = book.orders().stream().filter(o -> o.side() == Side.BID).toList();
        List<OrderRequest> asks = book.orders().stream().filter(o -> o.side() == Side.ASK).toList();
        assertEquals(20, bids.size());
        assertEquals(20, asks.size());
        // 20 bps from the centre per level: 120000 x (1 - 0.002) = 119760, x (1 + 0.002) = 120240
        assertEquals(0, new BigDecimal("119760").compareTo(BTC.price(bids.get(0).priceTicks())));
        assertEquals(0, new BigDecimal("120240").compareTo(BTC.price(asks.get(0).priceTicks())));
        assertEquals(0, new BigDecimal("115200").compareTo(BTC.price(bids.get(19).priceTicks())));
        assertEquals(0, new BigDecimal("124800").compareTo(BTC.price(asks.get(19).priceTicks())));
        for (int i = 1; i < 20; i++) {
            assertTrue(bids.get(i).priceTicks() < bids.get(i - 1).priceTicks(), "bids descend");
            assertTrue(asks.get(i).priceTicks() > asks.get(i - 1).priceTicks(), "asks ascend");
        }
        for (OrderRequest o : book.orders()) {
            assertEquals(ResidentBook.ADDRESS, o.address());
            assertEquals(Tif.GTC, o.tif());
            assertValid(BTC, o, new BigDecimal("500"));
        }
    }

    @Test
    void pricesAreValidOnEveryTickGridAndBelowTheReference() {
        List<MarketSpec> markets = List.of(
                new MarketSpec("ETH", 4, new BigDecimal("3500"), 25, FEED),
                new MarketSpec("SOL", 2, new BigDecimal("150"), 20, FEED),
                new MarketSpec("INJ", 1, new BigDecimal("25"), 10, FEED),
                new MarketSpec("DOGE", 0, new BigDecimal("0.123456"), 10, FEED),
                new MarketSpec("BIG", 5, new BigDecimal("98765.4"), 10, FEED));
        ResidentSettings settings = new ResidentSettings(new BigDecimal("-20"), 30, new BigDecimal("7.5"),
                new BigDecimal("12.5"));
        for (MarketSpec m : markets) {
            long referenceE8 = m.startPrice().movePointRight(8).longValueExact() + 12_345;
            ResidentBook book = ResidentBook.ladder(m, referenceE8, settings);
            assertEquals(60, book.orders().size(), m.name());
            BigDecimal centre = BigDecimal.valueOf(referenceE8, 8).multiply(new BigDecimal("0.8"));
            for (OrderRequest o : book.orders()) {
                assertValid(m, o, new BigDecimal("12.5"));
                BigDecimal px = m.price(o.priceTicks());
                assertTrue(o.side() == Side.BID ? px.compareTo(centre) < 0 : px.compareTo(centre) > 0,
                        m.name() + " " + o);
            }
            assertEquals(60, book.orders().stream().map(OrderRequest::priceTicks).distinct().count(),
                    m.name() + ": one price per level");
        }
    }

    private static void assertValid(MarketSpec m, OrderRequest o, BigDecimal sizeNotional) {
        BigDecimal px = m.price(o.priceTicks());
        assertNull(HyperliquidWire.priceError(px, m.szDecimals(), true), m.name() + " " + px);
        assertNull(HyperliquidWire.sizeError(m.size(o.sizeLots()), m.szDecimals()), m.name() + " " + o);
        BigDecimal notional = px.multiply(m.size(o.sizeLots()));
        assertTrue(notional.compareTo(sizeNotional) >= 0, m.name() + " notional " + notional);
        assertTrue(notional.subtract(px.multiply(m.size(1))).compareTo(sizeNotional) < 0,
                m.name() + " at most one lot above the size notional: " + notional);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ResidentSettings.atOffset(new BigDecimal("-100")));
        assertThrows(IllegalArgumentException.class,
                () -> new ResidentSettings(BigDecimal.TEN, 0, BigDecimal.TEN, BigDecimal.TEN));
        assertThrows(IllegalArgumentException.class,
                () -> new ResidentSettings(BigDecimal.TEN, 100, new BigDecimal("100"), BigDecimal.TEN));
        assertThrows(IllegalArgumentException.class,
                () -> new ResidentSettings(BigDecimal.TEN, 10, BigDecimal.ZERO, BigDecimal.TEN));
        assertThrows(IllegalArgumentException.class,
                () -> new ResidentSettings(BigDecimal.TEN, 10, BigDecimal.TEN, BigDecimal.ZERO));
    }

    static Simulation sim(Map<String, ResidentSettings> residents) {
        return new Simulation(List.of(BTC), EngineSettings.defaults(), ReferenceSettings.defaults(),
                new TakerSettings(new BigDecimal("5"), new BigDecimal("50"), new BigDecimal("2000"),
                        new BigDecimal("30"), 4), 7, T0, residents);
    }

    @Test
    void simulationRestsTheLadderAtStartAndFundsTheAccount() {
        Simulation s = sim(Map.of("BTC", ResidentSettings.atOffset(new BigDecimal("20"))));
        assertEquals(40, s.residentOrders("BTC").size());
        assertEquals(40, s.residentBook("BTC").orders().size());
        long ref = s.latestTick("BTC").priceE8();
        assertEquals(ResidentBook.ladder(BTC, ref, ResidentSettings.atOffset(new BigDecimal("20"))), s.residentBook("BTC"));
        long bestBid = s.withEngine(e -> e.bestTicks("BTC", Side.BID));
        assertEquals(s.residentBook("BTC").orders().get(0).priceTicks(), bestBid);
        BigDecimal balance = s.withEngine(e -> e.account(ResidentBook.ADDRESS).balance());
        assertTrue(balance.compareTo(s.residentBook("BTC").notional(BTC)) >= 0);
        assertNull(sim(Map.of()).residentBook("BTC"));
    }

    @Test
    void takersNearTheReferenceLeaveTheResidentBookAlone() {
        for (String offset : List.of("20", "-20", "1")) {
            Simulation s = sim(Map.of("BTC", ResidentSettings.atOffset(new BigDecimal(offset))));
            for (long t = T0; t <= T0 + 120_000; t += 100) {
                s.advance(t);
            }
            assertEquals(40, s.residentOrders("BTC").size(), "offset " + offset);
            assertTrue(s.residentOrders("BTC").stream().allMatch(o -> o.remainingLots() == o.origLots()),
                    "offset " + offset);
            assertTrue(s.takerSkips() > 100, "offset " + offset + ": takers facing the resident book hold back");
        }
    }

    @Test
    void withoutTheBandRuleTakersWouldEatTheNearSide() {
        // the ladder placed by hand in a market without resident settings: takers trade as they do elsewhere
        Simulation s = sim(Map.of());
        ResidentBook book = ResidentBook.ladder(BTC, s.latestTick("BTC").priceE8(),
                ResidentSettings.atOffset(new BigDecimal("20")));
        s.withEngine(e -> book.orders().stream().map(o -> e.place(o, T0)).toList());
        for (long t = T0; t <= T0 + 120_000; t += 100) {
            s.advance(t);
        }
        List<RestingOrder> left = s.withEngine(e -> e.openOrders(ResidentBook.ADDRESS));
        assertEquals(20, left.stream().filter(o -> o.side() == Side.ASK).count(), "the far side is never reached");
        assertTrue(left.stream().filter(o -> o.side() == Side.BID).count() < 20, "takers' sells hit bids far above");
    }

    @Test
    void tradingThroughTheLadderMovesThePriceAndNothingIsReplenished() {
        Simulation s = sim(Map.of("BTC", ResidentSettings.atOffset(new BigDecimal("20"))));
        List<OrderRequest> bids = s.residentBook("BTC").orders().stream().filter(o -> o.side() == Side.BID).toList();
        long lots = bids.get(0).sizeLots() + bids.get(1).sizeLots() + bids.get(2).sizeLots();
        PlaceResult r = s.withEngine(e -> e.place(new OrderRequest(BOT, "BTC", Side.ASK, bids.get(2).priceTicks(), lots, Tif.IOC, false,
                null), T0 + 1));
        assertTrue(r instanceof PlaceResult.Filled, r.toString());
        s.advance(T0 + 10_000);
        long bestBid = s.withEngine(e -> e.bestTicks("BTC", Side.BID));
        assertEquals(bids.get(3).priceTicks(), bestBid);
        assertEquals(37, s.residentOrders("BTC").size());
    }

    @Test
    void aLinkedMarketsLadderIsCentredOnTheReferenceItIsPricedFrom() {
        // an Injective-style book (tick 0.001, lot 0.001) priced from INJ, with a ladder 20% above INJ's reference
        MarketSpec inj = new MarketSpec("INJ", 1, new BigDecimal("25"), 10, FEED);
        MarketSpec book = new MarketSpec("INJ/USDT", 3, new BigDecimal("25"), 1, FEED);
        ResidentSettings settings = new ResidentSettings(new BigDecimal("20"), 10, new BigDecimal("20"),
                new BigDecimal("300"));
        Simulation s = new Simulation(List.of(inj), EngineSettings.defaults(), ReferenceSettings.defaults(),
                new TakerSettings(new BigDecimal("5"), new BigDecimal("50"), new BigDecimal("2000"),
                        new BigDecimal("30"), 4), 7, T0, Map.of("INJ/USDT", settings),
                List.of(new LinkedMarket(book, "INJ", BigDecimal.ZERO)));
        long ref = s.latestTick("INJ").priceE8();
        assertEquals(ResidentBook.ladder(book, ref, settings), s.residentBook("INJ/USDT"));
        assertEquals(0, new BigDecimal("30").compareTo(s.residentBook("INJ/USDT").centre())); // 25 x 1.2
        assertEquals(20, s.residentOrders("INJ/USDT").size());
        assertNull(s.residentBook("INJ"));
        // best bid 30 x (1 - 0.002) = 29.94, on the 0.001 grid
        assertEquals(0, new BigDecimal("29.94").compareTo(book.price(s.withEngine(e -> e.bestTicks("INJ/USDT", Side.BID)))));
        for (long t = T0; t <= T0 + 60_000; t += 100) {
            s.advance(t);
        }
        assertEquals(20, s.residentOrders("INJ/USDT").size(), "takers near INJ's reference leave the ladder alone");
    }
}
