package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import io.mmplatform.quoting.domain.Strategy;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.mmplatform.quoting.domain.strategy.SpreadLadderStrategyTest.assertAllocatesNothing;
import static io.mmplatform.quoting.domain.strategy.SpreadLadderStrategyTest.assertOrder;
import static io.mmplatform.quoting.domain.strategy.SpreadLadderStrategyTest.assertRefused;
import static io.mmplatform.quoting.domain.strategy.SpreadLadderStrategyTest.find;
import static io.mmplatform.quoting.domain.strategy.SpreadLadderStrategyTest.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MakerControlsTest {
    static final long LOT = SpreadLadderStrategyTest.LOT;

    private final MarketTick tick = new MarketTick("SOL", LOT);

    /** Inner ladder at 100: b0 99.95, b1 99.90, a0 100.05, a1 100.10, size 1, no skew. */
    static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("spread-bps", "10");
        m.put("levels", "2");
        m.put("level-spacing-bps", "5");
        m.put("size", "1");
        m.put("max-position", "10");
        m.put("skew-bps", "0");
        m.put("size-skew", "0");
        return m;
    }

    static Strategy build(Params p) {
        Strategy s = MakerControls.wrap(SpreadLadderStrategy.create(p, LOT), p, LOT);
        p.rejectUnknown();
        return s;
    }

    static Strategy controls(String... kv) {
        return build(Params.of(with(base(), kv)));
    }

    private OrderSet quote(Strategy s, long nowMs, String reference, String position) {
        tick.nowMs(nowMs).reference(Fixed.of(reference), nowMs).position(Fixed.of(position));
        OrderSet out = new OrderSet();
        s.quote(tick, out);
        return out;
    }

    /** A fill as the engine reports it: in the tick's memory and to the strategy. */
    private void fill(Strategy s, long timeMs, boolean buy, String px, String sz) {
        tick.fills().add(timeMs, buy, Fixed.of(px), Fixed.of(sz));
        s.onFill(timeMs, buy, Fixed.of(px), Fixed.of(sz));
    }

    private void book(String bid, String ask) {
        tick.book().clear(tick.nowMs());
        tick.book().addBid(Fixed.of(bid), Fixed.ONE);
        tick.book().addAsk(Fixed.of(ask), Fixed.ONE);
    }

    private static void assertLadder(OrderSet out) {
        assertEquals(4, out.size());
        assertOrder(out, "b0", "99.95", "1");
        assertOrder(out, "b1", "99.90", "1");
        assertOrder(out, "a0", "100.05", "1");
        assertOrder(out, "a1", "100.10", "1");
    }

    @Test
    void withoutControlKeysTheInnerStrategyRunsBare() {
        Params p = Params.of(base());
        SpreadLadderStrategy inner = SpreadLadderStrategy.create(p, LOT);
        assertSame(inner, MakerControls.wrap(inner, p, LOT));
    }

    @Test
    void anyControlKeyWrapsAndTheDefaultFeeGuardLeavesAWideLadderAlone() {
        Strategy s = controls("maker-fee-bps", "1.5");
        assertTrue(s instanceof MakerControls);
        assertEquals("ladder", s.type());
        assertEquals(4.0, ((MakerControls) s).config().feeGuardBps()); // 2 x 1.5 + 1
        assertLadder(quote(s, 1, "100", "0"));
    }

    @Test
    void singleSidedBidOrAsk() {
        OrderSet bids = quote(controls("single-sided", "bid"), 1, "100", "0");
        assertEquals(2, bids.size());
        assertEquals(2, bids.count(true));
        OrderSet asks = quote(controls("single-sided", "ASK"), 1, "100", "0");
        assertEquals(2, asks.size());
        assertEquals(2, asks.count(false));
    }

    @Test
    void autoSingleSidedFollowsTheFlowWithACooldown() {
        Strategy s = controls("single-sided", "auto", "flow-window-ms", "60000", "flow-imbalance", "0.6",
                "side-cooldown-ms", "30000");
        assertLadder(quote(s, 500, "100", "0"));

        // bought 3, sold nothing: long flow, only asks
        fill(s, 1_000, true, "99.95", "3");
        OrderSet afterBuys = quote(s, 1_000, "100", "0");
        assertEquals(0, afterBuys.count(true));
        assertEquals(2, afterBuys.count(false));

        // now sold 20 against 3 bought: the flow says bids only, but the ask side is kept for the cooldown
        fill(s, 2_000, false, "100.05", "20");
        assertEquals(0, quote(s, 2_000, "100", "0").count(true));
        OrderSet kept = quote(s, 30_999, "100", "0");
        assertEquals(0, kept.count(true));
        assertEquals(2, kept.count(false));
        OrderSet flipped = quote(s, 31_000, "100", "0");
        assertEquals(2, flipped.count(true));
        assertEquals(0, flipped.count(false));

        // fills out of the window: balanced (none) -> both, once the bid side's cooldown is over (it is)
        assertLadder(quote(s, 100_000, "100", "0"));
    }

    @Test
    void autoSingleSidedQuotesBothOnABalancedFlow() {
        Strategy s = controls("single-sided", "auto");
        fill(s, 1_000, true, "99.95", "3");
        fill(s, 1_100, false, "100.05", "2"); // (3 - 2) / 5 = 0.2 < 0.6
        assertLadder(quote(s, 1_200, "100", "1"));
    }

    @Test
    void feeGuardWiderThanTheSpreadPushesBothSidesOutKeepingTheSpacing() {
        // inner: 2 bps spread -> b0 99.99, b1 99.94, a0 100.01, a1 100.06; guard 2 x 1.5 + 1 = 4 bps -> 2 a side
        Strategy s = controls("spread-bps", "2", "maker-fee-bps", "1.5", "fee-buffer-bps", "1");
        OrderSet out = quote(s, 1, "100", "0");
        assertOrder(out, "b0", "99.98", "1");
        assertOrder(out, "b1", "99.93", "1");
        assertOrder(out, "a0", "100.02", "1");
        assertOrder(out, "a1", "100.07", "1");

        // guarding the taker leg: 1.5 + 4.5 + 1 = 7 bps -> 3.5 a side
        Strategy taker = controls("spread-bps", "2", "guard-taker", "true");
        OrderSet wider = quote(taker, 1, "100", "0");
        assertOrder(wider, "b0", "99.965", "1");
        assertOrder(wider, "b1", "99.915", "1");
        assertOrder(wider, "a0", "100.035", "1");
        assertOrder(wider, "a1", "100.085", "1");
    }

    @Test
    void feeGuardCanBeSwitchedOff() {
        Strategy s = controls("spread-bps", "2", "maker-fee-bps", "0", "fee-buffer-bps", "0");
        assertOrder(quote(s, 1, "100", "0"), "b0", "99.99", "1");
    }

    @Test
    void dynamicSpreadUsesAPercentileOfTheRecentVenueSpreads() {
        Strategy s = controls("dynamic-spread-percentile", "50", "dynamic-spread-samples", "4");
        book("99.90", "100.10"); // 20 bps
        OrderSet first = quote(s, 1, "100", "0");
        assertOrder(first, "b0", "99.90", "1");
        assertOrder(first, "b1", "99.85", "1");
        assertOrder(first, "a0", "100.10", "1");
        book("99.85", "100.15"); // 30
        quote(s, 2, "100", "0");
        book("99.80", "100.20"); // 40
        quote(s, 3, "100", "0");
        book("99.75", "100.25"); // 50: samples 20 30 40 50, median (nearest rank) 30
        assertOrder(quote(s, 4, "100", "0"), "b0", "99.85", "1");
        book("99.95", "100.05"); // 10 evicts 20: 10 30 40 50 -> 30
        assertOrder(quote(s, 5, "100", "0"), "a0", "100.15", "1");
        tick.book().clear(6); // one-sided/empty books are not sampled
        tick.book().addBid(Fixed.of("99"), Fixed.ONE);
        assertOrder(quote(s, 6, "100", "0"), "a0", "100.15", "1");
        book("99.95", "100.05"); // 10 evicts 30: 10 10 40 50 -> 10, the ladder's own spread
        assertLadder(quote(s, 7, "100", "0"));
    }

    @Test
    void bailOutAfterTimeUnderWaterNotBefore() {
        Strategy s = controls("bail-out-bps", "50", "bail-out-after-ms", "10000", "bail-out-fraction", "0.5",
                "bail-out-slippage-bps", "10");
        fill(s, 0, true, "100", "4");
        assertLadder(quote(s, 0, "100", "4"));

        // 60 bps under water from t = 2000
        OrderSet early = quote(s, 2_000, "99.4", "4");
        assertEquals(4, early.size());
        assertEquals(4, quote(s, 11_999, "99.4", "4").size());

        OrderSet bail = quote(s, 12_000, "99.4", "4");
        assertEquals(0, bail.count(true)); // no more buying while under water
        int i = find(bail, "a" + MakerControls.BAIL_OUT_LEVEL);
        assertTrue(i >= 0);
        assertEquals(TimeInForce.IOC, bail.tif(i));
        assertEquals(Fixed.of("99.3006"), bail.px(i)); // 99.4 x (1 - 10 bps)
        assertEquals(Fixed.of("2"), bail.sz(i));
        assertOrder(bail, "a0", "99.44970", "1");

        // the IOC is not repeated on every tick, only every bail-out-after-ms, while the bids stay pulled
        OrderSet next = quote(s, 12_500, "99.4", "3");
        assertEquals(-1, find(next, "a" + MakerControls.BAIL_OUT_LEVEL));
        assertEquals(0, next.count(true));
        OrderSet again = quote(s, 22_000, "99.4", "3");
        assertEquals(Fixed.of("1.5"), again.sz(find(again, "a" + MakerControls.BAIL_OUT_LEVEL)));

        // back above water: a normal ladder, and the clock starts again
        assertLadder(quote(s, 23_000, "100", "3"));
        assertEquals(4, quote(s, 24_000, "99.4", "3").size());
    }

    @Test
    void bailOutOfAShortBuysThroughTheReference() {
        Strategy s = controls("bail-out-bps", "50", "bail-out-after-ms", "0");
        fill(s, 0, false, "100", "1");
        OrderSet bail = quote(s, 1, "100.6", "-1");
        assertEquals(0, bail.count(false));
        int i = find(bail, "b" + MakerControls.BAIL_OUT_LEVEL);
        assertEquals(Fixed.of("100.7006"), bail.px(i)); // 100.6 x (1 + 10 bps)
        assertEquals(Fixed.of("0.5"), bail.sz(i));
    }

    @Test
    void takeProfitAgainstTheAverageEntry() {
        Strategy s = controls("take-profit-bps", "30", "take-profit-fraction", "0.5");
        fill(s, 0, true, "100", "1");
        fill(s, 1, true, "102", "1"); // entry 101
        assertLadder(quote(s, 2, "100", "2"));
        String tp = "a" + MakerControls.TAKE_PROFIT_LEVEL;
        assertEquals(-1, find(quote(s, 3, "101.2", "2"), tp)); // +19.8 bps
        OrderSet profit = quote(s, 4, "101.31", "2"); // +30.7 bps
        int i = find(profit, tp);
        assertEquals(TimeInForce.GTC, profit.tif(i));
        assertEquals(Fixed.of("101.31"), profit.px(i));
        assertEquals(Fixed.of("1"), profit.sz(i));
        assertEquals(5, profit.size());

        // a reducing fill keeps the entry; 0.5 of one lot-rounded position
        fill(s, 5, false, "101.31", "1.01");
        OrderSet reduced = quote(s, 6, "101.31", "0.99");
        assertEquals(Fixed.of("0.49"), reduced.sz(find(reduced, tp)));

        // flat resets; a short takes profit with a bid
        fill(s, 7, false, "101.31", "0.99");
        quote(s, 7, "101.31", "0");
        fill(s, 8, false, "101", "0.01");
        OrderSet shortProfit = quote(s, 9, "100.6", "-0.01");
        int j = find(shortProfit, "b" + MakerControls.TAKE_PROFIT_LEVEL);
        assertEquals(Fixed.of("0.01"), shortProfit.sz(j)); // at least one lot
        assertEquals(Fixed.of("100.6"), shortProfit.px(j));
    }

    @Test
    void unseenPositionTakesTheFirstReferenceAsEntry() {
        Strategy s = controls("take-profit-bps", "30");
        quote(s, 1, "100", "2");
        assertEquals(-1, find(quote(s, 2, "100.2", "2"), "a" + MakerControls.TAKE_PROFIT_LEVEL));
        assertTrue(find(quote(s, 3, "100.3", "2"), "a" + MakerControls.TAKE_PROFIT_LEVEL) >= 0);
    }

    @Test
    void inventorySkewTowardTheTargetClamped() {
        Strategy s = controls("inventory-skew-bps", "2", "inventory-unit", "1", "max-inventory-skew-bps", "5");
        OrderSet two = quote(s, 1, "100", "2"); // -4 bps
        assertOrder(two, "b0", "99.91002", "1");
        assertOrder(two, "a0", "100.00998", "1");
        OrderSet five = quote(s, 2, "100", "5"); // -10 clamped to -5
        assertOrder(five, "b0", "99.900025", "1");
        assertOrder(five, "a0", "99.999975", "1");
        OrderSet shortOne = quote(s, 3, "100", "-1"); // +2 bps
        assertOrder(shortOne, "b0", "99.96999", "1");
        assertOrder(shortOne, "a0", "100.07001", "1");

        Strategy target = controls("inventory-skew-bps", "2", "target-inventory", "2");
        assertLadder(quote(target, 1, "100", "2"));
    }

    @Test
    void exitsAreNotMovedBySkew() {
        Strategy s = controls("bail-out-bps", "50", "bail-out-after-ms", "0", "inventory-skew-bps", "2");
        fill(s, 0, true, "100", "4");
        OrderSet out = quote(s, 1, "99.4", "4");
        assertEquals(Fixed.of("99.3006"), out.px(find(out, "a" + MakerControls.BAIL_OUT_LEVEL)));
    }

    @Test
    void refreshToleranceKeepsThePreviousSet() {
        Strategy s = controls("refresh-tolerance-bps", "5");
        assertLadder(quote(s, 1, "100", "0"));
        assertLadder(quote(s, 2, "100.02", "0")); // 2 bps: previous set unchanged
        assertLadder(quote(s, 3, "100.049", "0")); // 4.9 bps from what was emitted
        OrderSet moved = quote(s, 4, "100.06", "0"); // 6 bps: re-emitted
        assertOrder(moved, "b0", "100.00997", "1");
        assertOrder(quote(s, 5, "100.04", "0"), "b0", "100.00997", "1"); // 2 bps from the new one

        // a different set (size or count) is never replaced
        OrderSet full = quote(s, 6, "100.04", "10");
        assertEquals(2, full.size());
        assertOrder(full, "a0", "100.09002", "1");
    }

    @Test
    void ceilingAndFloor() {
        Strategy s = controls("price-ceiling", "105", "price-floor", "95");
        assertLadder(quote(s, 1, "100", "0"));
        OrderSet above = quote(s, 2, "106", "0");
        assertEquals(0, above.count(true));
        assertEquals(2, above.count(false));
        OrderSet below = quote(s, 3, "94", "0");
        assertEquals(2, below.count(true));
        assertEquals(0, below.count(false));

        // reference just under the ceiling: no bid may sit above it (here after a skew up)
        Strategy skewed = controls("price-ceiling", "100", "inventory-skew-bps", "10", "max-inventory-skew-bps", "10");
        OrderSet out = quote(skewed, 1, "99.99", "-1"); // +10 bps: b0 about 100.04 > 100, b1 about 99.99
        assertEquals(1, out.count(true));
        assertTrue(find(out, "b1") >= 0);
    }

    @Test
    void fillDelayPausesTheFilledSide() {
        Strategy s = controls("fill-delay-ms", "5000");
        fill(s, 1_000, true, "99.95", "1");
        OrderSet paused = quote(s, 3_000, "100", "1");
        assertEquals(0, paused.count(true));
        assertEquals(2, paused.count(false));
        assertEquals(4, quote(s, 6_000, "100", "1").size());
        fill(s, 7_000, false, "100.05", "1");
        OrderSet asksPaused = quote(s, 11_999, "100", "0");
        assertEquals(0, asksPaused.count(false));
        assertLadder(quote(s, 12_000, "100", "0"));
    }

    @Test
    void controlsReadPerAssetOverrides() {
        Map<String, String> defaults = with(base(), "single-sided", "bid");
        Strategy sol = build(new Params(defaults, Map.of("single-sided", "ask"), "SOL"));
        OrderSet out = quote(sol, 1, "100", "0");
        assertEquals(2, out.count(false));
        assertEquals(0, out.count(true));
        Strategy eth = build(new Params(defaults, Map.of(), "ETH"));
        assertEquals(2, quote(eth, 1, "100", "0").count(true));

        // a control set only for one asset wraps that asset only
        Params only = new Params(base(), Map.of("fill-delay-ms", "100"), "SOL");
        assertTrue(build(only) instanceof MakerControls);
        assertTrue(build(new Params(base(), Map.of(), "SOL")) instanceof SpreadLadderStrategy);
    }

    @Test
    void invalidConfigsAreRefusedWithTheirField() {
        assertRefused("params.single-sided", () -> controls("single-sided", "both"));
        assertRefused("params.flow-window-ms", () -> controls("flow-window-ms", "0"));
        assertRefused("params.flow-imbalance", () -> controls("flow-imbalance", "0"));
        assertRefused("params.flow-imbalance", () -> controls("flow-imbalance", "1.2"));
        assertRefused("params.side-cooldown-ms", () -> controls("side-cooldown-ms", "-1"));
        assertRefused("params.maker-fee-bps", () -> controls("maker-fee-bps", "abc"));
        assertRefused("params.fee-buffer-bps", () -> controls("fee-buffer-bps", "-1"));
        assertRefused("params.guard-taker", () -> controls("guard-taker", "yes"));
        assertRefused("params.dynamic-spread-percentile", () -> controls("dynamic-spread-percentile", "101"));
        assertRefused("params.dynamic-spread-samples", () -> controls("dynamic-spread-samples", "0"));
        assertRefused("params.bail-out-bps", () -> controls("bail-out-bps", "-5"));
        assertRefused("params.bail-out-fraction", () -> controls("bail-out-fraction", "1.5"));
        assertRefused("params.take-profit-fraction", () -> controls("take-profit-fraction", "0"));
        assertRefused("params.inventory-unit", () -> controls("inventory-unit", "0"));
        assertRefused("params.target-inventory", () -> controls("target-inventory", "0.123456789"));
        assertRefused("params.price-floor", () -> controls("price-ceiling", "100", "price-floor", "100"));
        assertRefused("params.price-ceiling", () -> controls("price-ceiling", "-1"));
        assertRefused("params.fill-delay-ms", () -> controls("fill-delay-ms", "1.5"));
        assertRefused("overrides.SOL.maker-fee-bps",
                () -> build(new Params(base(), Map.of("maker-fee-bps", "x"), "SOL")));
    }

    @Test
    void unknownKeyIsRefusedAfterStrategyAndControlsRead() {
        assertRefused("params.fill-dealy-ms", () -> controls("fill-dealy-ms", "100"));
        assertRefused("overrides.SOL.take-proft-bps",
                () -> build(new Params(base(), Map.of("take-proft-bps", "10"), "SOL")));
        Map<String, String> all = allControls();
        build(Params.of(all)); // every key of both is known
    }

    static Map<String, String> allControls() {
        return with(base(), "max-deviation-bps", "30", "tif", "ALO", "single-sided", "auto", "flow-window-ms", "60000",
                "flow-imbalance", "0.6", "side-cooldown-ms", "30000", "maker-fee-bps", "1.5", "taker-fee-bps", "4.5",
                "fee-buffer-bps", "1", "guard-taker", "false", "dynamic-spread-percentile", "50",
                "dynamic-spread-samples", "120", "bail-out-bps", "50", "bail-out-after-ms", "10000",
                "bail-out-fraction", "0.5", "bail-out-slippage-bps", "10", "take-profit-bps", "30",
                "take-profit-fraction", "0.5", "target-inventory", "0", "inventory-skew-bps", "2",
                "inventory-unit", "1", "max-inventory-skew-bps", "20", "refresh-tolerance-bps", "1",
                "price-ceiling", "1000", "price-floor", "1", "fill-delay-ms", "500");
    }

    @Test
    void everyControlOnAllocatesNothingPerTick() {
        Strategy s = build(Params.of(with(allControls(), "levels", "10")));
        OrderSet out = new OrderSet();
        Runnable run = () -> {
            for (int i = 0; i < 20_000; i++) {
                long now = 1_000_000L + i * 100L;
                long ref = 100_00000000L + (i % 40 - 20) * 5_000_000L;
                if (i % 50 == 0) {
                    boolean buy = (i / 50) % 3 != 0;
                    tick.fills().add(now, buy, ref, Fixed.ONE);
                    s.onFill(now, buy, ref, Fixed.ONE);
                }
                tick.book().clear(now);
                tick.book().addBid(ref - 10_000_000L, Fixed.ONE);
                tick.book().addAsk(ref + 10_000_000L + (i % 7) * 1_000_000L, Fixed.ONE);
                tick.nowMs(now).reference(ref, now).position((i % 9 - 4) * Fixed.ONE);
                out.clear();
                s.quote(tick, out);
            }
        };
        run.run();
        assertAllocatesNothing(run);
    }
}
