package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.InvalidDefinitionException;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GridStrategyTest {
    private static final long LOT = Fixed.of("0.01");

    private static long e8(String s) {
        return Fixed.of(s);
    }

    /** 11 levels 100, 101, ..., 110; 1100 margin: 100 of notional per level. */
    private static Map<String, String> base(String direction) {
        Map<String, String> m = new HashMap<>();
        m.put("lower", "100");
        m.put("upper", "110");
        m.put("levels", "11");
        m.put("total-margin", "1100");
        m.put("direction", direction);
        return m;
    }

    private static GridStrategy grid(Map<String, String> values) {
        Params p = Params.of(values);
        GridStrategy s = GridStrategy.create(p, LOT);
        p.rejectUnknown();
        return s;
    }

    private static OrderSet quote(GridStrategy s, String reference) {
        MarketTick tick = new MarketTick("BTC", LOT).reference(e8(reference), 1).nowMs(1);
        OrderSet out = new OrderSet();
        s.quote(tick, out);
        return out;
    }

    /** The order at a level on a side, or -1 if absent: returns its index. */
    private static int find(OrderSet out, boolean buy, long px) {
        for (int i = 0; i < out.size(); i++) {
            if (out.buy(i) == buy && out.px(i) == px) {
                return i;
            }
        }
        return -1;
    }

    private static void assertLevels(OrderSet out, boolean buy, int... wholePrices) {
        assertEquals(wholePrices.length, out.count(buy), (buy ? "bids " : "asks ") + describe(out));
        for (int px : wholePrices) {
            assertTrue(find(out, buy, px * Fixed.ONE) >= 0, (buy ? "bid " : "ask ") + px + " missing in " + describe(out));
        }
    }

    private static String describe(OrderSet out) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < out.size(); i++) {
            b.append(out.levelId(i)).append('@').append(Fixed.toDecimal(out.px(i)).toPlainString()).append('x')
                    .append(Fixed.toDecimal(out.sz(i)).toPlainString()).append(' ');
        }
        return b.toString();
    }

    @Test
    void typeAndDefaults() {
        GridStrategy s = grid(base("both"));
        assertEquals("grid", s.type());
        assertEquals(GridConfig.Mode.ARITHMETIC, s.config().mode());
        assertEquals(TimeInForce.GTC, quote(s, "104.4").tif(0));
    }

    @Test
    void arithmeticLevelsAreExactAndSizedByMarginOverPrice() {
        GridStrategy s = grid(base("both"));
        for (int i = 0; i < 11; i++) {
            assertEquals((100 + i) * Fixed.ONE, s.bidPrice(i));
            assertEquals(s.bidPrice(i), s.askPrice(i));
        }
        assertEquals(e8("1"), s.levelSize(0)); // 100 / 100
        assertEquals(e8("0.99"), s.levelSize(1)); // 100 / 101 = 0.990099 -> 0.99
        assertEquals(e8("0.90"), s.levelSize(10)); // 100 / 110 = 0.90909 -> 0.90
    }

    @Test
    void arithmeticStepThatNeedsMoreThan8DecimalsRoundsBidsDownAsksUp() {
        Map<String, String> m = base("both");
        m.put("lower", "1");
        m.put("upper", "2");
        m.put("levels", "4");
        GridStrategy s = grid(m);
        assertEquals(e8("1.33333333"), s.bidPrice(1));
        assertEquals(e8("1.33333334"), s.askPrice(1));
        assertEquals(e8("1.66666666"), s.bidPrice(2));
        assertEquals(e8("1.66666667"), s.askPrice(2));
        assertEquals(e8("2"), s.bidPrice(3));
    }

    @Test
    void geometricLevelsHaveAConstantRatioEndingExactlyAtUpper() {
        Map<String, String> m = base("both");
        m.put("mode", "geometric");
        m.put("upper", "1600");
        m.put("levels", "5");
        GridStrategy s = grid(m);
        String[] expected = {"100", "200", "400", "800", "1600"};
        for (int i = 0; i < 5; i++) {
            assertEquals(e8(expected[i]), s.bidPrice(i), "level " + i);
            assertEquals(e8(expected[i]), s.askPrice(i), "level " + i);
        }
        m.put("upper", "121");
        m.put("levels", "3");
        s = grid(m);
        assertEquals(e8("110"), s.bidPrice(1)); // ratio 10 %
        assertEquals(e8("121"), s.bidPrice(2));
    }

    @Test
    void geometricLevelBetweenE8ValuesIsRoundedSafely() {
        Map<String, String> m = base("both");
        m.put("mode", "geometric");
        m.put("upper", "200");
        m.put("levels", "3");
        GridStrategy s = grid(m);
        // 100 x sqrt(2) = 141.421356237...
        assertEquals(e8("141.42135623"), s.bidPrice(1));
        assertEquals(e8("141.42135624"), s.askPrice(1));
        OrderSet out = quote(s, "190");
        // nearest 200 is empty; 141.42 is a bid, at the bid price
        assertTrue(find(out, true, e8("141.42135623")) >= 0, describe(out));
        out = quote(s, "105");
        assertTrue(find(out, false, e8("141.42135624")) >= 0, describe(out));
    }

    @Test
    void bothSidesAroundTheReferenceWithTheNearestLevelEmpty() {
        GridStrategy s = grid(base("both"));
        OrderSet out = quote(s, "104.4");
        assertLevels(out, true, 100, 101, 102, 103);
        assertLevels(out, false, 105, 106, 107, 108, 109, 110);
        assertEquals(e8("0.97"), s.levelSize(3));
        assertEquals(s.levelSize(3), out.sz(find(out, true, e8("103"))));
        // on a level exactly
        out = quote(s, "105");
        assertLevels(out, true, 100, 101, 102, 103, 104);
        assertLevels(out, false, 106, 107, 108, 109, 110);
        // nearer to the level above: that one is empty, the one below is a bid
        out = quote(s, "104.6");
        assertLevels(out, true, 100, 101, 102, 103, 104);
        assertLevels(out, false, 106, 107, 108, 109, 110);
    }

    @Test
    void levelIdsAreTheGridIndex() {
        OrderSet out = quote(grid(base("both")), "104.4");
        assertEquals("b3", out.levelId(find(out, true, e8("103"))));
        assertEquals("a5", out.levelId(find(out, false, e8("105"))));
    }

    @Test
    void longOpensWithBidsOnlyShortWithAsksOnly() {
        OrderSet out = quote(grid(base("long")), "104.4");
        assertLevels(out, true, 100, 101, 102, 103);
        assertLevels(out, false);
        out = quote(grid(base("short")), "104.4");
        assertLevels(out, true);
        assertLevels(out, false, 105, 106, 107, 108, 109, 110);
    }

    @Test
    void referenceBelowTheGridNeverCrossesAndDoesNotExtend() {
        OrderSet out = quote(grid(base("long")), "95");
        assertTrue(out.isEmpty(), describe(out)); // every bid would be above the reference
        out = quote(grid(base("both")), "95");
        assertLevels(out, true);
        assertLevels(out, false, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110);
        out = quote(grid(base("short")), "95");
        assertLevels(out, false, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110);
        assertTrue(out.bestAsk() > e8("95"));
    }

    @Test
    void referenceAboveTheGridNeverCrossesAndDoesNotExtend() {
        OrderSet out = quote(grid(base("short")), "120");
        assertTrue(out.isEmpty(), describe(out));
        out = quote(grid(base("both")), "120");
        assertLevels(out, true, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
        assertLevels(out, false);
        out = quote(grid(base("long")), "120");
        assertLevels(out, true, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
    }

    @Test
    void referenceAtTheBounds() {
        OrderSet out = quote(grid(base("both")), "100");
        assertLevels(out, true);
        assertLevels(out, false, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110);
        out = quote(grid(base("both")), "110");
        assertLevels(out, true, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
        assertLevels(out, false);
    }

    @Test
    void noReferenceNoOrders() {
        GridStrategy s = grid(base("both"));
        OrderSet out = new OrderSet();
        s.quote(new MarketTick("BTC", LOT), out);
        assertTrue(out.isEmpty());
    }

    @Test
    void filledBidPlacesItsCounterAskOneLevelUp() {
        GridStrategy s = grid(base("long"));
        long size103 = s.levelSize(3);
        s.onFill(1, true, e8("103"), size103);
        OrderSet out = quote(s, "103.2");
        assertLevels(out, true, 100, 101, 102);
        assertLevels(out, false, 104);
        assertEquals(size103, out.sz(find(out, false, e8("104"))));
        assertEquals(new GridStrategy.GridSummary(0, 0, 1), s.summary());
    }

    @Test
    void counterAskFilledCompletesARoundTripAndReArmsTheBid() {
        GridStrategy s = grid(base("long"));
        long size = s.levelSize(3); // 0.97
        s.onFill(1, true, e8("103"), size);
        s.onFill(2, false, e8("104"), size);
        assertEquals(new GridStrategy.GridSummary(1, e8("0.97"), 0), s.summary()); // (104 - 103) x 0.97
        OrderSet out = quote(s, "104.2");
        assertLevels(out, true, 100, 101, 102, 103);
        assertLevels(out, false);
        assertEquals(size, out.sz(find(out, true, e8("103"))));
    }

    @Test
    void aSnapshotCarriesPendingCounterOrdersAndTheSessionAcrossARestart() {
        GridStrategy s = grid(base("long"));
        long size = s.levelSize(3);
        s.onFill(1, true, e8("103"), size); // counter ask pending at 104
        s.onFill(2, true, e8("102"), s.levelSize(2));
        s.onFill(3, false, e8("103"), s.levelSize(2)); // round trip on 102/103
        String snapshot = s.snapshot();

        GridStrategy restarted = grid(base("long"));
        restarted.restore(snapshot);
        assertEquals(s.summary(), restarted.summary());
        assertEquals(Map.of("round-trips", "1", "round-trip-profit", s.status().get("round-trip-profit"),
                "open-counter-orders", "1"), restarted.status());
        assertEquals(describe(quote(s, "103.4")), describe(quote(restarted, "103.4")));
        assertEquals(size, quote(restarted, "103.4").sz(find(quote(restarted, "103.4"), false, e8("104"))));
    }

    @Test
    void aSnapshotOfAnotherGridIsRefusedAndLeavesTheFreshState() {
        GridStrategy s = grid(base("long"));
        s.onFill(1, true, e8("103"), s.levelSize(3));
        Map<String, String> other = new java.util.HashMap<>(base("long"));
        other.put("upper", "120");
        other.put("levels", "21");
        GridStrategy redefined = grid(other);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> redefined.restore(s.snapshot()));
        assertTrue(e.getMessage().contains("redefined"), e.getMessage());
        assertEquals(new GridStrategy.GridSummary(0, 0, 0), redefined.summary());
        GridStrategy fresh = grid(base("long"));
        assertThrows(IllegalArgumentException.class, () -> fresh.restore(s.snapshot().replace("/", "/x")));
        assertEquals(new GridStrategy.GridSummary(0, 0, 0), fresh.summary());
    }

    @Test
    void profitUsesTheActualFillPrices() {
        GridStrategy s = grid(base("long"));
        s.onFill(1, true, e8("102.9"), e8("0.5")); // nearest level 103
        s.onFill(2, false, e8("104.1"), e8("0.5")); // nearest level 104: the counter-order
        assertEquals(new GridStrategy.GridSummary(1, e8("0.6"), 0), s.summary()); // 1.2 x 0.5
    }

    @Test
    void filledAskPlacesACounterBidOneLevelDown() {
        GridStrategy s = grid(base("short"));
        s.onFill(1, false, e8("106"), e8("0.5"));
        OrderSet out = quote(s, "105.8");
        assertLevels(out, true, 105);
        assertLevels(out, false, 107, 108, 109, 110);
        assertEquals(e8("0.5"), out.sz(0));
        s.onFill(2, true, e8("105"), e8("0.5"));
        assertEquals(new GridStrategy.GridSummary(1, e8("0.5"), 0), s.summary());
        out = quote(s, "104.9");
        assertLevels(out, false, 106, 107, 108, 109, 110);
    }

    @Test
    void partialFillsAccumulateAndTheCounterOrderCarriesWhatFilled() {
        GridStrategy s = grid(base("long"));
        long size = s.levelSize(3); // 0.97
        s.onFill(1, true, e8("103"), e8("0.4"));
        s.onFill(2, true, e8("103"), e8("0.3"));
        OrderSet out = quote(s, "103.6"); // nearest 104, which holds the counter-order
        assertEquals(e8("0.7"), out.sz(find(out, false, e8("104"))));
        assertEquals(size - e8("0.7"), out.sz(find(out, true, e8("103")))); // the rest of the bid stays
        s.onFill(3, false, e8("104"), e8("0.5"));
        assertEquals(new GridStrategy.GridSummary(0, e8("0.5"), 1), s.summary());
        out = quote(s, "103.6");
        assertEquals(e8("0.2"), out.sz(find(out, false, e8("104"))));
        assertEquals(size - e8("0.2"), out.sz(find(out, true, e8("103"))));
        s.onFill(4, false, e8("104"), e8("0.2"));
        assertEquals(new GridStrategy.GridSummary(1, e8("0.7"), 0), s.summary());
    }

    @Test
    void bothModeWalksUpLikeAClassicGrid() {
        GridStrategy s = grid(base("both"));
        s.onFill(1, false, e8("105"), s.levelSize(5));
        s.onFill(2, false, e8("106"), s.levelSize(6));
        OrderSet out = quote(s, "106.1");
        assertLevels(out, true, 100, 101, 102, 103, 104, 105); // 104 and 105 are the counter bids
        assertLevels(out, false, 107, 108, 109, 110);
        assertEquals(s.levelSize(5), out.sz(find(out, true, e8("104"))));
        assertEquals(new GridStrategy.GridSummary(0, 0, 2), s.summary());
        s.onFill(3, true, e8("105"), s.levelSize(6));
        out = quote(s, "105.1");
        assertLevels(out, true, 100, 101, 102, 103, 104);
        assertLevels(out, false, 106, 107, 108, 109, 110);
        assertEquals(1, s.summary().roundTrips());
    }

    @Test
    void pendingCounterOrderIsHeldBackWhileItWouldCross() {
        GridStrategy s = grid(base("long"));
        s.onFill(1, true, e8("103"), e8("0.5"));
        OrderSet out = quote(s, "104.5");
        assertEquals(-1, find(out, false, e8("104")), describe(out));
        assertEquals(1, s.summary().openCounterOrders());
        out = quote(s, "103.5");
        assertTrue(find(out, false, e8("104")) >= 0);
    }

    @Test
    void levelsBelowOneLotAreSkippedAndLeverageMultiplies() {
        Map<String, String> m = base("both");
        m.put("total-margin", "11"); // 1 of notional per level: 0.01 at 100, 0.0099 -> 0 above
        GridStrategy s = grid(m);
        assertEquals(e8("0.01"), s.levelSize(0));
        assertEquals(0, s.levelSize(1));
        OrderSet out = quote(s, "105");
        assertLevels(out, true, 100);
        assertLevels(out, false);
        m.put("leverage", "3");
        s = grid(m);
        assertEquals(e8("0.03"), s.levelSize(0));
        assertEquals(e8("0.02"), s.levelSize(10)); // 3 / 110 = 0.027
    }

    @Test
    void aloTimeInForce() {
        Map<String, String> m = base("both");
        m.put("tif", "alo");
        OrderSet out = quote(grid(m), "104.4");
        for (int i = 0; i < out.size(); i++) {
            assertEquals(TimeInForce.ALO, out.tif(i));
        }
    }

    private static void assertRefused(Map<String, String> values, String field) {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> grid(values));
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void invalidConfigsAreRefusedWithTheirField() {
        Map<String, String> m = base("both");
        m.put("upper", "100");
        assertRefused(m, "params.upper");
        m = base("both");
        m.put("upper", "90");
        assertRefused(m, "params.upper");
        m = base("both");
        m.put("levels", "1");
        assertRefused(m, "params.levels");
        m = base("both");
        m.put("levels", "201");
        assertRefused(m, "params.levels");
        m = base("both");
        m.remove("levels");
        assertRefused(m, "params.levels");
        m = base("both");
        m.remove("lower");
        assertRefused(m, "params.lower");
        m = base("both");
        m.remove("total-margin");
        assertRefused(m, "params.total-margin");
        m = base("sideways");
        assertRefused(m, "params.direction");
        m = base("both");
        m.put("mode", "logarithmic");
        assertRefused(m, "params.mode");
        m = base("both");
        m.put("tif", "ioc");
        assertRefused(m, "params.tif");
        m = base("both");
        m.put("ratio", "0.01");
        assertRefused(m, "params.ratio");
        m = base("both");
        m.put("lower", "100.000000001");
        assertRefused(m, "params.lower");
        m = base("both");
        m.put("lower", "1");
        m.put("upper", "1.00000005");
        m.put("levels", "10");
        assertRefused(m, "params.levels");
    }

    @Test
    void overrideFieldIsNamed() {
        Params p = new Params(base("both"), Map.of("upper", "99"), "SOL");
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> GridStrategy.create(p, LOT));
        assertEquals("overrides.SOL.upper", e.field());
    }

    @Test
    void quoteDoesNotAllocate() {
        Map<String, String> m = base("both");
        m.put("levels", "101");
        m.put("upper", "200");
        GridStrategy s = grid(m);
        s.onFill(1, true, e8("140"), e8("0.1"));
        MarketTick tick = new MarketTick("BTC", LOT);
        OrderSet out = new OrderSet();
        long r0 = e8("150");
        long step = e8("0.5");
        for (int i = 0; i < 20_000; i++) {
            tick.reference(r0 + (i & 1) * step, i).nowMs(i);
            out.clear();
            s.quote(tick, out);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            tick.reference(r0 + (i & 1) * step, i).nowMs(i);
            out.clear();
            s.quote(tick, out);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes in 10000 ticks");
        assertFalse(out.isEmpty());
    }
}
