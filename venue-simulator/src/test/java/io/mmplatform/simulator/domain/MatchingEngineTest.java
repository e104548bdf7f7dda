package io.mmplatform.simulator.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatchingEngineTest {
    static final String FEED = "e62df6c8b4a85fe1a67db44dc12de5db330f7ac66b72dc658afedf0f4a415b43";
    static final MarketSpec BTC = new MarketSpec("BTC", 5, new BigDecimal("100000"), 50, FEED);
    static final MarketSpec SOL = new MarketSpec("SOL", 2, new BigDecimal("150"), 20, FEED);
    static final String A = "0x000000000000000000000000000000000000000a";
    static final String B = "0x000000000000000000000000000000000000000b";
    static final String C = "0x000000000000000000000000000000000000000c";

    final MatchingEngine engine = new MatchingEngine(List.of(BTC, SOL), EngineSettings.defaults());

    static OrderRequest order(String who, MarketSpec m, Side side, String px, String sz, Tif tif) {
        return new OrderRequest(who, m.name(), side, m.ticks(new BigDecimal(px)), m.lots(new BigDecimal(sz)), tif,
                false, null);
    }

    static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    @Test
    void gridIsDerivedFromSzDecimals() {
        assertEquals(bd("0.1"), BTC.price(1));
        assertEquals(bd("0.00001"), BTC.size(1));
        assertEquals(bd("0.0001"), SOL.price(1));
        assertEquals(bd("0.01"), SOL.size(1));
        assertEquals(1_000_000L, BTC.ticks(bd("100000")));
    }

    @Test
    void restingOrderShowsInBookAndOpenOrders() {
        PlaceResult r = engine.place(order(A, BTC, Side.BID, "99000", "0.01", Tif.GTC), 1000);
        PlaceResult.Resting resting = assertInstanceOf(PlaceResult.Resting.class, r);
        assertEquals(1, engine.openOrders(A).size());
        assertEquals(resting.oid(), engine.openOrders(A).get(0).oid());
        assertEquals(List.of(new L2Level(bd("99000.0"), bd("0.01000"), 1)), engine.levels("BTC", Side.BID, 20));
        assertTrue(engine.levels("BTC", Side.ASK, 20).isEmpty());
        assertEquals(1000, engine.openOrders(A).get(0).timestampMs());
    }

    @Test
    void betterPriceFirstThenEarlierOrderFirst() {
        long first = ((PlaceResult.Resting) engine.place(order(A, BTC, Side.ASK, "100010", "0.01", Tif.GTC), 1)).oid();
        long second = ((PlaceResult.Resting) engine.place(order(B, BTC, Side.ASK, "100010", "0.01", Tif.GTC), 2)).oid();
        long better = ((PlaceResult.Resting) engine.place(order(B, BTC, Side.ASK, "100005", "0.01", Tif.GTC), 3)).oid();

        PlaceResult r = engine.place(order(C, BTC, Side.BID, "100010", "0.015", Tif.IOC), 4);
        PlaceResult.Filled filled = assertInstanceOf(PlaceResult.Filled.class, r);
        assertEquals(0, bd("0.015").compareTo(filled.totalSz()));
        // 0.01 @ 100005 + 0.005 @ 100010 -> avg 100006.666..
        assertEquals(bd("100006.667"), filled.avgPx());

        List<UserFill> takerFills = engine.account(C).fills();
        assertEquals(2, takerFills.size());
        assertEquals(better, engine.account(B).fills().get(0).oid());
        assertEquals(first, engine.account(A).fills().get(0).oid());
        assertTrue(engine.openOrders(A).get(0).remainingLots() == 500);
        assertEquals(second, engine.openOrders(B).get(0).oid());
        assertEquals(1000, engine.openOrders(B).get(0).remainingLots());
    }

    @Test
    void gtcRemainderRestsAfterPartialFill() {
        engine.place(order(A, BTC, Side.ASK, "100000", "0.01", Tif.GTC), 1);
        PlaceResult r = engine.place(order(B, BTC, Side.BID, "100000", "0.03", Tif.GTC), 2);
        PlaceResult.Resting resting = assertInstanceOf(PlaceResult.Resting.class, r);
        RestingOrder rest = engine.openOrders(B).get(0);
        assertEquals(resting.oid(), rest.oid());
        assertEquals(3000, rest.origLots());
        assertEquals(2000, rest.remainingLots());
        assertTrue(engine.openOrders(A).isEmpty());
        assertEquals(List.of(new L2Level(bd("100000.0"), bd("0.02000"), 1)), engine.levels("BTC", Side.BID, 5));
        assertEquals(bd("0.01000"), engine.account(B).position(BTC).size());
    }

    @Test
    void iocDropsRemainderAndIsAnErrorWhenNothingMatches() {
        PlaceResult none = engine.place(order(A, BTC, Side.BID, "100000", "0.01", Tif.IOC), 1);
        assertEquals(new PlaceResult.Rejected("Order could not immediately match against any resting orders. asset=0"),
                none);
        engine.place(order(B, SOL, Side.ASK, "150", "1", Tif.GTC), 2);
        PlaceResult r = engine.place(order(A, SOL, Side.BID, "151", "3", Tif.IOC), 3);
        PlaceResult.Filled f = assertInstanceOf(PlaceResult.Filled.class, r);
        assertEquals(0, bd("1").compareTo(f.totalSz()));
        assertEquals(0, bd("150").compareTo(f.avgPx()));
        assertTrue(engine.openOrders(A).isEmpty());
        assertTrue(engine.levels("SOL", Side.BID, 5).isEmpty());
    }

    @Test
    void postOnlyThatWouldCrossIsRejectedWithBbo() {
        engine.place(order(A, SOL, Side.ASK, "150.5", "1", Tif.GTC), 1);
        engine.place(order(A, SOL, Side.BID, "149.25", "1", Tif.GTC), 1);
        PlaceResult r = engine.place(order(B, SOL, Side.BID, "150.5", "1", Tif.ALO), 2);
        assertEquals(new PlaceResult.Rejected(
                "Post only order would have immediately matched, bbo was 149.25@150.5. asset=1"), r);
        assertTrue(engine.openOrders(B).isEmpty());
        assertEquals(0, engine.trades());
        PlaceResult ok = engine.place(order(B, SOL, Side.BID, "150.4999", "1", Tif.ALO), 3);
        assertInstanceOf(PlaceResult.Resting.class, ok);
    }

    @Test
    void cancelByOidOnlyByItsOwner() {
        long oid = ((PlaceResult.Resting) engine.place(order(A, BTC, Side.BID, "99000", "0.01", Tif.GTC), 1)).oid();
        assertFalse(engine.cancel(B, "BTC", oid, 2));
        assertFalse(engine.cancel(A, "SOL", oid, 2));
        assertTrue(engine.cancel(A, "BTC", oid, 2));
        assertFalse(engine.cancel(A, "BTC", oid, 3));
        assertTrue(engine.openOrders(A).isEmpty());
        assertTrue(engine.levels("BTC", Side.BID, 5).isEmpty());
    }

    @Test
    void cancelByCloid() {
        String cloid = "0x0000000000000000000000000000abcd";
        engine.place(new OrderRequest(A, "BTC", Side.ASK, 1_010_000, 1000, Tif.GTC, false, cloid), 1);
        assertEquals(cloid, engine.openOrders(A).get(0).cloid());
        PlaceResult dup = engine.place(new OrderRequest(A, "BTC", Side.ASK, 1_010_000, 1000, Tif.GTC, false, cloid), 1);
        assertInstanceOf(PlaceResult.Rejected.class, dup);
        assertFalse(engine.cancelByCloid(B, "BTC", cloid, 2));
        assertTrue(engine.cancelByCloid(A, "BTC", cloid, 2));
        assertTrue(engine.openOrders(A).isEmpty());
        assertFalse(engine.cancelByCloid(A, "BTC", cloid, 3));
        // a filled order frees its cloid too
        engine.place(new OrderRequest(A, "BTC", Side.ASK, 1_010_000, 1000, Tif.GTC, false, cloid), 4);
        engine.place(order(B, BTC, Side.BID, "101000", "0.01", Tif.IOC), 5);
        assertFalse(engine.cancelByCloid(A, "BTC", cloid, 6));
        assertEquals(cloid, engine.account(A).fills().get(0).cloid());
    }

    @Test
    void bothSidesOfATradeShareAUniqueTid() {
        engine.place(order(A, SOL, Side.ASK, "150", "2", Tif.GTC), 1);
        engine.place(order(B, SOL, Side.BID, "150", "1", Tif.IOC), 2);
        engine.place(order(C, SOL, Side.BID, "150", "1", Tif.IOC), 3);
        UserFill b = engine.account(B).fills().get(0);
        UserFill c = engine.account(C).fills().get(0);
        List<UserFill> makerFills = engine.account(A).fills();
        assertEquals(2, makerFills.size());
        assertEquals(c.tid(), makerFills.get(0).tid(), "newest first");
        assertEquals(b.tid(), makerFills.get(1).tid());
        assertNotEquals(b.tid(), c.tid());
        assertTrue(b.crossed());
        assertFalse(makerFills.get(0).crossed());
        assertEquals(Side.ASK, makerFills.get(0).side());
        assertEquals(Side.BID, b.side());
        assertEquals(2, b.time());
    }

    @Test
    void feesAreMakerAndTakerRatesOfNotional() {
        engine.place(order(A, BTC, Side.ASK, "100000", "0.1", Tif.GTC), 1);
        engine.place(order(B, BTC, Side.BID, "100000", "0.1", Tif.IOC), 2);
        // notional 10,000 USDC
        assertEquals(bd("1.500000"), engine.account(A).fills().get(0).fee());
        assertEquals(bd("4.500000"), engine.account(B).fills().get(0).fee());
        assertEquals(bd("999998.500000"), engine.account(A).balance());
        assertEquals(bd("999995.500000"), engine.account(B).balance());
    }

    @Test
    void positionsEntryAndRealizedPnl() {
        MatchingEngine e = new MatchingEngine(List.of(SOL),
                new EngineSettings(bd("1000000"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 100, 0));
        // A buys 1 @ 100 and 3 @ 104 -> long 4 @ 103
        e.place(order(B, SOL, Side.ASK, "100", "1", Tif.GTC), 1);
        e.place(order(A, SOL, Side.BID, "100", "1", Tif.IOC), 2);
        e.place(order(B, SOL, Side.ASK, "104", "3", Tif.GTC), 3);
        e.place(order(A, SOL, Side.BID, "104", "3", Tif.IOC), 4);
        Position pa = e.account(A).position(SOL);
        assertEquals(bd("4.00"), pa.size());
        assertEquals(0, bd("103").compareTo(pa.entryPx()));
        assertEquals("Open Long", e.account(A).fills().get(0).dir());
        // A sells 1 @ 110: +7 realized
        e.place(order(C, SOL, Side.BID, "110", "1", Tif.GTC), 5);
        e.place(order(A, SOL, Side.ASK, "110", "1", Tif.IOC), 6);
        UserFill close = e.account(A).fills().get(0);
        assertEquals("Close Long", close.dir());
        assertEquals(bd("7.000000"), close.closedPnl());
        assertEquals(bd("4.00"), close.startPosition());
        // A sells 5 @ 90: closes 3 (-39) and opens short 2 @ 90
        e.place(order(C, SOL, Side.BID, "90", "5", Tif.GTC), 7);
        e.place(order(A, SOL, Side.ASK, "90", "5", Tif.IOC), 8);
        UserFill flip = e.account(A).fills().get(0);
        assertEquals("Long > Short", flip.dir());
        assertEquals(bd("-39.000000"), flip.closedPnl());
        assertEquals(bd("-2.00"), pa.size());
        assertEquals(0, bd("90").compareTo(pa.entryPx()));
        assertEquals(0, bd("-32").compareTo(pa.realizedPnl()));
        assertEquals(0, bd("999968").compareTo(e.account(A).balance()));
        assertEquals(0, bd("-10").compareTo(pa.unrealizedPnl(bd("95"))));
        // B: sold 1 @100 and 3 @104 -> short 4 @ 103
        Position pb = e.account(B).position(SOL);
        assertEquals(bd("-4.00"), pb.size());
        assertEquals(0, bd("103").compareTo(pb.entryPx()));
        // C: long 6; entry (110 + 5*90)/6
        Position pc = e.account(C).position(SOL);
        assertEquals(bd("6.00"), pc.size());
        assertEquals(bd("93.333333333333"), pc.entryPx());
    }

    @Test
    void closingExactlyFlattensAndResetsEntry() {
        MatchingEngine e = new MatchingEngine(List.of(SOL),
                new EngineSettings(bd("1000"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 100, 0));
        e.place(order(B, SOL, Side.BID, "50", "2", Tif.GTC), 1);
        e.place(order(A, SOL, Side.ASK, "50", "2", Tif.IOC), 2);
        e.place(order(B, SOL, Side.ASK, "45", "2", Tif.GTC), 3);
        e.place(order(A, SOL, Side.BID, "45", "2", Tif.IOC), 4);
        Position pa = e.account(A).position(SOL);
        assertEquals(0, pa.lots());
        assertEquals(0, pa.entryPx().signum());
        assertEquals("Close Short", e.account(A).fills().get(0).dir());
        assertEquals(0, bd("10").compareTo(pa.realizedPnl()));
        assertEquals(0, bd("1010").compareTo(e.account(A).balance()));
        assertEquals(0, bd("990").compareTo(e.account(B).balance()));
    }

    @Test
    void newAddressGetsPaperBalance() {
        assertNull(engine.existingAccount(A));
        assertEquals(bd("1000000"), engine.account(A).balance());
        assertEquals(1, engine.accountCount());
    }

    @Test
    void minimumOrderValueAndReduceOnly() {
        PlaceResult small = engine.place(order(A, SOL, Side.BID, "150", "0.06", Tif.GTC), 1);
        assertEquals(new PlaceResult.Rejected("Order must have minimum value of $10. asset=1"), small);
        PlaceResult reduce = engine.place(new OrderRequest(A, "SOL", Side.ASK, 1_500_000, 100, Tif.GTC, true, null), 1);
        assertEquals(new PlaceResult.Rejected("Reduce only order would increase position. asset=1"), reduce);
        assertEquals(2, engine.ordersRejected());
    }

    @Test
    void selfTradeCancelsTheRestingOrder() {
        engine.place(order(A, SOL, Side.ASK, "150", "1", Tif.GTC), 1);
        engine.place(order(B, SOL, Side.ASK, "150.1", "1", Tif.GTC), 2);
        PlaceResult r = engine.place(order(A, SOL, Side.BID, "150.1", "1", Tif.IOC), 3);
        assertInstanceOf(PlaceResult.Filled.class, r);
        assertTrue(engine.openOrders(A).isEmpty());
        assertEquals(1, engine.trades());
        assertEquals(bd("150.1000"), engine.account(A).fills().get(0).px());
    }

    @Test
    void timeNeverGoesBack() {
        engine.place(order(A, SOL, Side.BID, "150", "1", Tif.GTC), 100);
        engine.place(order(B, SOL, Side.BID, "150", "1", Tif.GTC), 50);
        assertEquals(100, engine.openOrders(B).get(0).timestampMs());
    }

    @Test
    void idBaseOffsetsIds() {
        MatchingEngine e = new MatchingEngine(List.of(SOL),
                new EngineSettings(bd("1000"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 100, 5_000));
        e.place(order(B, SOL, Side.BID, "50", "2", Tif.GTC), 1);
        e.place(order(A, SOL, Side.ASK, "50", "2", Tif.IOC), 2);
        assertEquals(5_001, e.account(B).fills().get(0).oid());
        assertEquals(5_002, e.account(A).fills().get(0).oid());
        assertEquals(5_001, e.account(A).fills().get(0).tid());
    }
}
