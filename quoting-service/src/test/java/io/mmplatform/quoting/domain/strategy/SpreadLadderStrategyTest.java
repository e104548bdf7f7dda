package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.InvalidDefinitionException;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import io.mmplatform.quoting.domain.Strategy;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpreadLadderStrategyTest {
    static final long LOT = Fixed.of("0.01");

    /** spread 10 bps, 3 levels 5 bps apart, size 1.5, max position 10, skew 20 bps, size skew 0.5. */
    static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("spread-bps", "10");
        m.put("levels", "3");
        m.put("level-spacing-bps", "5");
        m.put("size", "1.5");
        m.put("max-position", "10");
        m.put("skew-bps", "20");
        m.put("size-skew", "0.5");
        return m;
    }

    static Map<String, String> with(Map<String, String> m, String... kv) {
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                m.remove(kv[i]);
            } else {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    static SpreadLadderStrategy ladder(String... kv) {
        return SpreadLadderStrategy.create(Params.of(with(base(), kv)), LOT);
    }

    static OrderSet quote(Strategy s, MarketTick tick, String reference, String position) {
        tick.reference(Fixed.of(reference), tick.nowMs()).position(Fixed.of(position));
        OrderSet out = new OrderSet();
        s.quote(tick, out);
        return out;
    }

    static OrderSet quote(Strategy s, String reference, String position) {
        return quote(s, new MarketTick("SOL", LOT), reference, position);
    }

    /** Index of a level id ("b0", "a2") in the set, -1 if absent. */
    static int find(OrderSet s, String id) {
        for (int i = 0; i < s.size(); i++) {
            if (s.levelId(i).equals(id)) {
                return i;
            }
        }
        return -1;
    }

    static void assertOrder(OrderSet s, String id, String px, String sz) {
        int i = find(s, id);
        assertTrue(i >= 0, id + " missing");
        assertEquals(id.charAt(0) == 'b', s.buy(i));
        assertEquals(Fixed.of(px), s.px(i), id + " price " + Fixed.toDecimal(s.px(i)).toPlainString() + " != " + px);
        assertEquals(Fixed.of(sz), s.sz(i), id + " size " + Fixed.toDecimal(s.sz(i)).toPlainString() + " != " + sz);
    }

    static void assertRefused(String field, Runnable build) {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, build::run);
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void flatPositionGivesASymmetricLadder() {
        OrderSet out = quote(ladder(), "100", "0");
        assertEquals(6, out.size());
        assertOrder(out, "b0", "99.95", "1.5");
        assertOrder(out, "b1", "99.90", "1.5");
        assertOrder(out, "b2", "99.85", "1.5");
        assertOrder(out, "a0", "100.05", "1.5");
        assertOrder(out, "a1", "100.10", "1.5");
        assertOrder(out, "a2", "100.15", "1.5");
        for (int i = 0; i < out.size(); i++) {
            assertEquals(TimeInForce.ALO, out.tif(i));
        }
        assertEquals("ladder", ladder().type());
    }

    @Test
    void inexactPricesRoundBidsDownAndAsksUp() {
        // 100.00000001 x (1 -/+ 5 bps) = 99.95000000995 / 100.05000001005
        OrderSet out = quote(ladder("levels", "1"), "100.00000001", "0");
        assertOrder(out, "b0", "99.95", "1.5");
        assertOrder(out, "a0", "100.05000002", "1.5");
    }

    @Test
    void longPositionMovesBothSidesDownAndShrinksTheBids() {
        // q = 0.5: shift -10 bps; bid sizes 1.5 x 0.75 = 1.125 -> 1.12
        OrderSet out = quote(ladder(), "100", "5");
        assertOrder(out, "b0", "99.85", "1.12");
        assertOrder(out, "b2", "99.75", "1.12");
        assertOrder(out, "a0", "99.95", "1.5");
        assertOrder(out, "a2", "100.05", "1.5");
    }

    @Test
    void shortPositionMirrors() {
        OrderSet out = quote(ladder(), "100", "-5");
        assertOrder(out, "b0", "100.05", "1.5");
        assertOrder(out, "a0", "100.15", "1.12");
    }

    @Test
    void atMaxInventoryTheGrowingSideIsAbsent() {
        OrderSet longMax = quote(ladder(), "100", "10");
        assertEquals(0, longMax.count(true));
        assertEquals(3, longMax.count(false));
        assertOrder(longMax, "a0", "99.85", "1.5"); // full skew: -20 bps

        OrderSet shortBeyond = quote(ladder(), "100", "-12");
        assertEquals(3, shortBeyond.count(true));
        assertEquals(0, shortBeyond.count(false));
    }

    @Test
    void orderNotionalIsConvertedWithTheReferenceAndRoundedDownToTheLot() {
        OrderSet out = quote(ladder("size", null, "order-notional", "150"), "100", "0");
        assertOrder(out, "b0", "99.95", "1.5");

        long lot = Fixed.of("0.00001");
        Strategy btc = SpreadLadderStrategy.create(Params.of(with(base(), "size", null, "order-notional", "1000")), lot);
        OrderSet big = quote(btc, new MarketTick("BTC", lot), "64123.45", "0");
        assertOrder(big, "b0", "64091.388275", "0.01559"); // 1000 / 64123.45 = 0.0155949...
        assertEquals(Fixed.of("0.01559491"), SpreadLadderStrategy.notionalSize(Fixed.of("1000"), Fixed.of("64123.45")));
        // 10^6 / 99999.99 = 10.0000010000001...: exact although notional x 10^8 does not fit a long
        assertEquals(Fixed.of("10.000001"), SpreadLadderStrategy.notionalSize(Fixed.of("1000000"), Fixed.of("99999.99")));

        // a notional below one lot quotes nothing
        assertTrue(quote(ladder("size", null, "order-notional", "0.5"), "100", "0").isEmpty());
    }

    @Test
    void perAssetOverridesBeatTheDefaults() {
        Params p = new Params(base(), Map.of("spread-bps", "20", "levels", "1"), "SOL");
        OrderSet out = quote(SpreadLadderStrategy.create(p, LOT), "100", "0");
        assertEquals(2, out.size());
        assertOrder(out, "b0", "99.90", "1.5");
        assertOrder(out, "a0", "100.10", "1.5");

        Params other = new Params(base(), Map.of(), "ETH");
        assertEquals(6, quote(SpreadLadderStrategy.create(other, LOT), "100", "0").size());

        assertRefused("overrides.SOL.levels",
                () -> SpreadLadderStrategy.create(new Params(base(), Map.of("levels", "0"), "SOL"), LOT));
    }

    @Test
    void withoutMaxDeviationQuotesFollowTheReference() {
        SpreadLadderStrategy s = ladder("levels", "1");
        MarketTick tick = new MarketTick("SOL", LOT);
        assertOrder(quote(s, tick, "100", "0"), "b0", "99.95", "1.5");
        assertOrder(quote(s, tick, "100.1", "0"), "b0", "100.049950", "1.5");
    }

    @Test
    void maxDeviationKeepsQuotesThenPullsAndRePlaces() {
        SpreadLadderStrategy s = ladder("levels", "1", "max-deviation-bps", "20");
        MarketTick tick = new MarketTick("SOL", LOT);
        OrderSet placed = quote(s, tick, "100", "0");
        assertOrder(placed, "b0", "99.95", "1.5");
        assertOrder(placed, "a0", "100.05", "1.5");

        // 10 bps and then exactly 20 bps away: the quotes stay where they were placed
        OrderSet still = quote(s, tick, "100.1", "0");
        assertOrder(still, "b0", "99.95", "1.5");
        assertOrder(still, "a0", "100.05", "1.5");
        assertOrder(quote(s, tick, "99.8", "0"), "b0", "99.95", "1.5");

        // beyond 20 bps: pulled for one tick, then re-placed around the new reference
        assertTrue(quote(s, tick, "100.25", "0").isEmpty());
        OrderSet replaced = quote(s, tick, "100.25", "0");
        assertOrder(replaced, "b0", "100.199875", "1.5");
        assertOrder(replaced, "a0", "100.300125", "1.5");
        assertOrder(quote(s, tick, "100.3", "0"), "b0", "100.199875", "1.5");

        // inventory still acts on the anchored quotes
        assertEquals(0, quote(s, tick, "100.3", "10").count(true));
    }

    @Test
    void noReferenceNoQuotes() {
        assertTrue(quote(ladder(), "0", "0").isEmpty());
    }

    @Test
    void invalidConfigsAreRefusedWithTheirField() {
        assertRefused("params.levels", () -> ladder("levels", "0"));
        assertRefused("params.levels", () -> ladder("levels", "many"));
        assertRefused("params.spread-bps", () -> ladder("spread-bps", "-1"));
        assertRefused("params.spread-bps", () -> ladder("spread-bps", "20000", "levels", "1"));
        assertRefused("params.level-spacing-bps", () -> ladder("level-spacing-bps", "x"));
        assertRefused("params.size", () -> ladder("size", "1.505"));
        assertRefused("params.size", () -> ladder("size", "0"));
        assertRefused("params.size", () -> ladder("size", "0.000000001"));
        assertRefused("params.size", () -> ladder("size", null));
        assertRefused("params.order-notional", () -> ladder("order-notional", "100"));
        assertRefused("params.order-notional", () -> ladder("size", null, "order-notional", "-5"));
        assertRefused("params.max-position", () -> ladder("max-position", null));
        assertRefused("params.skew-bps", () -> ladder("skew-bps", "-2"));
        assertRefused("params.size-skew", () -> ladder("size-skew", "1.5"));
        assertRefused("params.tif", () -> ladder("tif", "FOK"));
        assertRefused("params.max-deviation-bps", () -> ladder("max-deviation-bps", "-1"));
        assertEquals(TimeInForce.GTC, ladder("tif", "gtc").config().tif());
    }

    @Test
    void unknownKeysAreRefusedAfterStrategyAndControlsRead() {
        Params typo = Params.of(with(base(), "spred-bps", "12"));
        Strategy s = MakerControls.wrap(SpreadLadderStrategy.create(typo, LOT), typo, LOT);
        assertTrue(s instanceof SpreadLadderStrategy);
        assertRefused("params.spred-bps", typo::rejectUnknown);

        Params overrideTypo = new Params(base(), Map.of("levls", "2"), "SOL");
        MakerControls.wrap(SpreadLadderStrategy.create(overrideTypo, LOT), overrideTypo, LOT);
        assertRefused("overrides.SOL.levls", overrideTypo::rejectUnknown);

        Params fine = Params.of(with(base(), "max-deviation-bps", "30", "fill-delay-ms", "100"));
        SpreadLadderStrategy inner = SpreadLadderStrategy.create(fine, LOT);
        assertTrue(MakerControls.wrap(inner, fine, LOT) instanceof MakerControls);
        fine.rejectUnknown();

        Params bare = Params.of(base());
        SpreadLadderStrategy alone = SpreadLadderStrategy.create(bare, LOT);
        assertSame(alone, MakerControls.wrap(alone, bare, LOT));
        bare.rejectUnknown();
    }

    @Test
    void quotingAllocatesNothingPerTick() {
        SpreadLadderStrategy s = ladder("levels", "10", "max-deviation-bps", "20");
        MarketTick tick = new MarketTick("SOL", LOT);
        OrderSet out = new OrderSet();
        Runnable run = () -> {
            for (int i = 0; i < 20_000; i++) {
                tick.nowMs(i).reference(100_00000000L + (i % 50) * 1_000_000L, i).position((i % 7 - 3) * 100_000_000L);
                out.clear();
                s.quote(tick, out);
            }
        };
        run.run();
        assertAllocatesNothing(run);
    }

    static void assertAllocatesNothing(Runnable run) {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
                || !bean.isThreadAllocatedMemorySupported()) {
            return;
        }
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        run.run();
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes over 20000 ticks");
    }
}
