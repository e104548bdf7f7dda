package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.InvalidDefinitionException;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AvellanedaStoikovStrategyTest {
    private static final long LOT = Fixed.of("0.01");

    private static long e8(String s) {
        return Fixed.of(s);
    }

    /** 1000 USD per order (10 at 100), max inventory 50, base spread 10 bps, defaults otherwise. */
    private static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("order-notional-usd", "1000");
        m.put("max-inventory", "50");
        m.put("base-spread-bps", "10");
        return m;
    }

    private static AvellanedaStoikovStrategy as(Map<String, String> values) {
        Params p = Params.of(values);
        AvellanedaStoikovStrategy s = AvellanedaStoikovStrategy.create(p, LOT);
        p.rejectUnknown();
        return s;
    }

    private final MarketTick tick = new MarketTick("ETH", LOT);

    private OrderSet quote(AvellanedaStoikovStrategy s, String mid, long nowMs) {
        tick.reference(e8(mid), nowMs).nowMs(nowMs);
        OrderSet out = new OrderSet();
        s.quote(tick, out);
        return out;
    }

    private static long bid(OrderSet out, int level) {
        for (int i = 0; i < out.size(); i++) {
            if (out.buy(i) && out.level(i) == level) {
                return i;
            }
        }
        return -1;
    }

    private static int index(OrderSet out, boolean buy, int level) {
        for (int i = 0; i < out.size(); i++) {
            if (out.buy(i) == buy && out.level(i) == level) {
                return i;
            }
        }
        throw new AssertionError((buy ? "bid " : "ask ") + level + " missing");
    }

    private static long px(OrderSet out, boolean buy, int level) {
        return out.px(index(out, buy, level));
    }

    private static long sz(OrderSet out, boolean buy, int level) {
        return out.sz(index(out, buy, level));
    }

    /** Samples 100, 100.1, 100 one second apart: sigma = ln(100.1 / 100), about 10 bps. */
    private void warm(AvellanedaStoikovStrategy s) {
        quote(s, "100", 0);
        quote(s, "100.1", 1000);
        quote(s, "100", 2000);
    }

    @Test
    void zeroInventoryIsSymmetricAroundTheMid() {
        AvellanedaStoikovStrategy s = as(base());
        assertEquals("avellaneda-stoikov", s.type());
        OrderSet out = quote(s, "100", 0);
        assertEquals(2, out.size());
        assertEquals(e8("99.95"), px(out, true, 0));
        assertEquals(e8("100.05"), px(out, false, 0));
        assertEquals(e8("10"), sz(out, true, 0));
        assertEquals(e8("10"), sz(out, false, 0));
        assertEquals(TimeInForce.ALO, out.tif(0));
        assertEquals("b0", out.levelId(index(out, true, 0)));
    }

    @Test
    void zeroInventoryWithVolatilityStaysSymmetric() {
        AvellanedaStoikovStrategy s = as(base());
        warm(s);
        OrderSet out = quote(s, "100", 2500);
        assertEquals(e8("100") - px(out, true, 0), px(out, false, 0) - e8("100"));
    }

    @Test
    void levelsAreSpacedInBps() {
        Map<String, String> m = base();
        m.put("levels", "3");
        OrderSet out = quote(as(m), "100", 0);
        assertEquals(6, out.size());
        assertEquals(e8("99.90"), px(out, true, 1));
        assertEquals(e8("99.85"), px(out, true, 2));
        assertEquals(e8("100.10"), px(out, false, 1));
        assertEquals(e8("100.15"), px(out, false, 2));
    }

    @Test
    void pricesRoundBidsDownAndAsksUp() {
        OrderSet out = quote(as(base()), "123.45678901", 0);
        BigDecimal mid = new BigDecimal("123.45678901");
        assertEquals(Fixed.of(mid.multiply(new BigDecimal("0.9995")), RoundingMode.FLOOR), px(out, true, 0));
        assertEquals(Fixed.of(mid.multiply(new BigDecimal("1.0005")), RoundingMode.CEILING), px(out, false, 0));
        assertEquals(e8("8.1"), sz(out, true, 0)); // 1000 / 123.45678901 = 8.10000007 -> 8.10
    }

    @Test
    void sigmaIsTheStdDevOfSampledLogReturns() {
        AvellanedaStoikovStrategy s = as(base());
        quote(s, "100", 0);
        assertEquals(0, s.sigma());
        quote(s, "101", 1000);
        assertEquals(0, s.sigma()); // one return: nothing to compare yet
        quote(s, "150", 1500); // within the sample interval: not sampled
        quote(s, "100", 2000);
        assertEquals(Math.log(101) - Math.log(100), s.sigma(), 1e-15);
    }

    @Test
    void volatilityWindowForgetsOldSamples() {
        Map<String, String> m = base();
        m.put("volatility-window", "3");
        m.put("sample-interval-ms", "10");
        AvellanedaStoikovStrategy s = as(m);
        quote(s, "100", 0);
        quote(s, "110", 10);
        quote(s, "100", 20);
        assertTrue(s.sigma() > 0);
        quote(s, "100", 30);
        assertTrue(s.sigma() > 0);
        quote(s, "100", 40);
        assertEquals(0, s.sigma());
    }

    @Test
    void risingVolatilityWidensTheSpread() {
        AvellanedaStoikovStrategy s = as(base());
        OrderSet calm = quote(s, "100", 0);
        long calmSpread = px(calm, false, 0) - px(calm, true, 0);
        warm(s);
        OrderSet mild = quote(s, "100", 2500);
        double sigmaBps = s.sigma() * 10_000;
        assertEquals(Fixed.belowBps(e8("100"), 5 + sigmaBps), px(mild, true, 0));
        assertEquals(Fixed.aboveBps(e8("100"), 5 + sigmaBps), px(mild, false, 0));
        long mildSpread = px(mild, false, 0) - px(mild, true, 0);
        assertTrue(mildSpread > calmSpread);
        quote(s, "101", 3000);
        OrderSet wild = quote(s, "100", 4000);
        assertTrue(px(wild, false, 0) - px(wild, true, 0) > mildSpread);
    }

    @Test
    void volatilityFactorScalesTheWidening() {
        Map<String, String> m = base();
        m.put("volatility-factor", "0");
        AvellanedaStoikovStrategy s = as(m);
        warm(s);
        OrderSet out = quote(s, "100", 2500);
        assertEquals(e8("99.95"), px(out, true, 0));
    }

    @Test
    void longInventoryLowersBothSidesShortRaisesThem() {
        AvellanedaStoikovStrategy s = as(base());
        warm(s);
        double sigmaBps = s.sigma() * 10_000;
        double half = 5 + sigmaBps;
        tick.position(e8("10")); // q = 1
        OrderSet longOut = quote(s, "100", 2500);
        double shift = 1 * 0.1 * sigmaBps * sigmaBps * 1;
        assertEquals(Fixed.belowBps(e8("100"), shift + half), px(longOut, true, 0));
        assertEquals(Fixed.aboveBps(e8("100"), half - shift), px(longOut, false, 0));
        tick.position(0);
        OrderSet flat = quote(s, "100", 2500);
        assertTrue(px(longOut, true, 0) < px(flat, true, 0));
        assertTrue(px(longOut, false, 0) < px(flat, false, 0));
        tick.position(-e8("10"));
        OrderSet shortOut = quote(s, "100", 2500);
        assertTrue(px(shortOut, true, 0) > px(flat, true, 0));
        assertTrue(px(shortOut, false, 0) > px(flat, false, 0));
    }

    @Test
    void horizonAndRiskAversionScaleTheShift() {
        Map<String, String> m = base();
        m.put("risk-aversion", "0.2");
        m.put("horizon", "2");
        AvellanedaStoikovStrategy s = as(m);
        warm(s);
        double sigmaBps = s.sigma() * 10_000;
        tick.position(e8("5")); // q = 0.5
        OrderSet out = quote(s, "100", 2500);
        double shift = 0.5 * 0.2 * sigmaBps * sigmaBps * 2;
        assertEquals(Fixed.belowBps(e8("100"), shift + 5 + sigmaBps), px(out, true, 0));
    }

    @Test
    void maxInventoryRemovesTheGrowingSide() {
        AvellanedaStoikovStrategy s = as(base());
        tick.position(e8("50"));
        OrderSet out = quote(s, "100", 0);
        assertEquals(0, out.count(true));
        assertEquals(1, out.count(false));
        assertEquals(e8("10"), sz(out, false, 0));
        tick.position(e8("-60"));
        out = quote(s, "100", 0);
        assertEquals(1, out.count(true));
        assertEquals(0, out.count(false));
    }

    @Test
    void sizeSkewShrinksTheGrowingSide() {
        AvellanedaStoikovStrategy s = as(base());
        tick.position(e8("25")); // half of max inventory, default skew 0.5: x 0.75
        OrderSet out = quote(s, "100", 0);
        assertEquals(e8("7.5"), sz(out, true, 0));
        assertEquals(e8("10"), sz(out, false, 0));
        tick.position(-e8("10")); // x 0.9
        out = quote(s, "100", 0);
        assertEquals(e8("10"), sz(out, true, 0));
        assertEquals(e8("9"), sz(out, false, 0));
    }

    @Test
    void fundingWidensTheSpreadWhicheverItsSign() {
        AvellanedaStoikovStrategy s = as(base());
        tick.fundingRate(0.0003); // 3 bps per hour: + 1 bp of half spread
        OrderSet out = quote(s, "100", 0);
        assertEquals(e8("99.94"), px(out, true, 0));
        assertEquals(e8("100.06"), px(out, false, 0));
        tick.fundingRate(-0.0003);
        out = quote(s, "100", 0);
        assertEquals(e8("99.94"), px(out, true, 0));
        Map<String, String> m = base();
        m.put("funding-factor", "0");
        out = quote(as(m), "100", 0);
        assertEquals(e8("99.95"), px(out, true, 0));
    }

    @Test
    void ordersBelowTheMinimumSizeAreDropped() {
        Map<String, String> m = base();
        m.put("order-notional-usd", "1"); // 0.01 at 100
        m.put("min-order-size", "0.05");
        assertTrue(quote(as(m), "100", 0).isEmpty());
        m.put("order-notional-usd", "0.5"); // 0.005: below one lot even without a minimum
        m.remove("min-order-size");
        assertTrue(quote(as(m), "100", 0).isEmpty());
        m = base();
        m.put("min-order-size", "8");
        AvellanedaStoikovStrategy s = as(m);
        tick.position(e8("25")); // bids shrink to 7.5 < 8
        OrderSet out = quote(s, "100", 0);
        assertEquals(0, out.count(true));
        assertEquals(1, out.count(false));
    }

    @Test
    void usdCapLimitsEachSide() {
        Map<String, String> m = base();
        m.put("levels", "3");
        m.put("max-notional-usd", "2500"); // 25 per side at 100
        OrderSet out = quote(as(m), "100", 0);
        assertEquals(e8("10"), sz(out, true, 0));
        assertEquals(e8("10"), sz(out, true, 1));
        assertEquals(e8("5"), sz(out, true, 2));
        assertEquals(e8("5"), sz(out, false, 2));
        m.put("max-notional-usd", "500");
        out = quote(as(m), "100", 0);
        assertEquals(2, out.size());
        assertEquals(e8("5"), sz(out, true, 0));
        m.put("max-notional-usd", "2000");
        out = quote(as(m), "200", 0); // the cap converts with the mid: 10 per side, orders of 5
        assertEquals(4, out.size());
        assertEquals(e8("5"), sz(out, false, 1));
        m.put("max-notional-usd", "1500"); // 7.5 per side: 5 + 2.5
        out = quote(as(m), "200", 0);
        assertEquals(4, out.size());
        assertEquals(e8("2.5"), sz(out, true, 1));
    }

    @Test
    void venuePriceSourceUsesTheBookMidWhenTwoSided() {
        Map<String, String> m = base();
        m.put("price-source", "venue");
        AvellanedaStoikovStrategy s = as(m);
        tick.book().clear(1);
        tick.book().addBid(e8("99"), e8("1"));
        tick.book().addAsk(e8("101"), e8("1"));
        OrderSet out = quote(s, "105", 0);
        assertEquals(e8("99.95"), px(out, true, 0));
        tick.book().clear(2);
        tick.book().addBid(e8("99"), e8("1"));
        out = quote(s, "105", 0);
        assertEquals(Fixed.belowBps(e8("105"), 5), px(out, true, 0));
        assertEquals(-1, bid(quote(as(base()), "0", 0), 0));
    }

    private static void assertRefused(Map<String, String> values, String field) {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> as(values));
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void invalidConfigsAreRefusedWithTheirField() {
        Map<String, String> m = base();
        m.put("levels", "0");
        assertRefused(m, "params.levels");
        m.put("levels", "21");
        assertRefused(m, "params.levels");
        m = base();
        m.remove("order-notional-usd");
        assertRefused(m, "params.order-notional-usd");
        m = base();
        m.remove("max-inventory");
        assertRefused(m, "params.max-inventory");
        m = base();
        m.put("size-skew", "1.5");
        assertRefused(m, "params.size-skew");
        m = base();
        m.put("volatility-window", "1");
        assertRefused(m, "params.volatility-window");
        m = base();
        m.put("price-source", "oracle");
        assertRefused(m, "params.price-source");
        m = base();
        m.put("tif", "ioc");
        assertRefused(m, "params.tif");
        m = base();
        m.put("max-notional-usd", "0");
        assertRefused(m, "params.max-notional-usd");
        m = base();
        m.put("risk-aversion", "-1");
        assertRefused(m, "params.risk-aversion");
        m = base();
        m.put("spread-bps", "10");
        assertRefused(m, "params.spread-bps");
    }

    @Test
    void quoteDoesNotAllocate() {
        Map<String, String> m = base();
        m.put("levels", "5");
        AvellanedaStoikovStrategy s = as(m);
        OrderSet out = new OrderSet();
        tick.position(e8("7"));
        long m0 = e8("100");
        long step = e8("0.05");
        for (int i = 0; i < 20_000; i++) {
            tick.reference(m0 + (i & 1) * step, i * 100L).nowMs(i * 100L);
            out.clear();
            s.quote(tick, out);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 20_000; i < 30_000; i++) {
            tick.reference(m0 + (i & 1) * step, i * 100L).nowMs(i * 100L);
            out.clear();
            s.quote(tick, out);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes in 10000 ticks");
        assertEquals(10, out.size());
    }
}
