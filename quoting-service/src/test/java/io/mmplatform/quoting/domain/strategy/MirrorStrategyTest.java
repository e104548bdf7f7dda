package io.mmplatform.quoting.domain.strategy;

import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Fixed;
import io.mmplatform.quoting.domain.InvalidDefinitionException;
import io.mmplatform.quoting.domain.MarketTick;
import io.mmplatform.quoting.domain.OrderSet;
import io.mmplatform.quoting.domain.Params;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MirrorStrategyTest {
    private static final long LOT = Fixed.of("0.001");
    private static final long REF = Fixed.of("100");

    private static MirrorStrategy strategy(String... kv) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            values.put(kv[i], kv[i + 1]);
        }
        Params p = Params.of(values);
        MirrorStrategy s = MirrorStrategy.create(p, LOT);
        p.rejectUnknown();
        return s;
    }

    private static MarketTick tick(long ref) {
        MarketTick t = new MarketTick("TEST", LOT);
        t.reference(ref, 1_000);
        t.book().clear(1_000);
        return t;
    }

    private static void book(MarketTick t, String bid, String ask) {
        t.book().clear(1_000);
        t.book().addBid(Fixed.of(bid), Fixed.of("1"));
        t.book().addAsk(Fixed.of(ask), Fixed.of("1"));
    }

    private static OrderSet quote(MirrorStrategy s, MarketTick t) {
        OrderSet out = new OrderSet();
        s.quote(t, out);
        assertNoCross(out);
        return out;
    }

    private static void assertNoCross(OrderSet out) {
        long bestBid = out.bestBid();
        long bestAsk = out.bestAsk();
        if (bestBid > 0 && bestAsk > 0) {
            assertTrue(bestBid < bestAsk, "bid " + bestBid + " >= ask " + bestAsk);
        }
    }

    private static int count(OrderSet out, TimeInForce tif) {
        int n = 0;
        for (int i = 0; i < out.size(); i++) {
            if (out.tif(i) == tif) {
                n++;
            }
        }
        return n;
    }

    private static int indexOf(OrderSet out, boolean buy, int level) {
        for (int i = 0; i < out.size(); i++) {
            if (out.buy(i) == buy && out.level(i) == level) {
                return i;
            }
        }
        return -1;
    }

    /** notional (E8) of px x sz (both E8), exact. */
    private static BigInteger notional(long px, long sz) {
        return BigInteger.valueOf(px).multiply(BigInteger.valueOf(sz)).divide(BigInteger.valueOf(Fixed.ONE));
    }

    /** Number of (side, level) slots whose price or size differs between two outputs. */
    private static int changes(OrderSet a, OrderSet b) {
        int changed = 0;
        for (int i = 0; i < b.size(); i++) {
            int j = indexOf(a, b.buy(i), b.level(i));
            if (j < 0 || a.px(j) != b.px(i) || a.sz(j) != b.sz(i)) {
                changed++;
            }
        }
        for (int j = 0; j < a.size(); j++) {
            if (indexOf(b, a.buy(j), a.level(j)) < 0) {
                changed++;
            }
        }
        return changed;
    }

    private static OrderSet copy(OrderSet o) {
        OrderSet c = new OrderSet();
        c.copyFrom(o);
        return c;
    }

    @Test
    void typeIsMirror() {
        assertEquals("mirror", strategy().type());
    }

    @Test
    void noReferenceNoOrders() {
        MirrorStrategy s = strategy();
        MarketTick t = tick(0);
        book(t, "99", "101");
        assertTrue(quote(s, t).isEmpty());
    }

    @Test
    void emptyVenueBookBuildsTheStaircase() {
        OrderSet out = quote(strategy(), tick(REF));
        assertEquals(80, out.size());
        assertEquals(40, out.count(true));
        assertEquals(40, out.count(false));
        assertEquals(80, count(out, TimeInForce.GTC));
        // level 0 at 5 bps: 99.95 / 100.05 exactly
        assertEquals(Fixed.of("99.95"), out.px(indexOf(out, true, 0)));
        assertEquals(Fixed.of("100.05"), out.px(indexOf(out, false, 0)));
        // level 1 at 5 + 3 bps, level 2 at 8 + 3 x 1.06 bps
        assertEquals(Fixed.of("99.92"), out.px(indexOf(out, true, 1)));
        assertEquals(Fixed.of("100.1118"), out.px(indexOf(out, false, 2)));
        long previousGap = 0;
        for (int level = 0; level < 40; level++) {
            int b = indexOf(out, true, level);
            int a = indexOf(out, false, level);
            assertTrue(b >= 0 && a >= 0, "level " + level);
            assertTrue(out.px(b) < REF && out.px(a) > REF);
            assertEquals(0, out.sz(b) % LOT);
            assertEquals(0, out.sz(a) % LOT);
            if (level > 0) {
                long gap = out.px(indexOf(out, true, level - 1)) - out.px(b);
                assertTrue(gap >= previousGap, "spacing grows outward at level " + level);
                previousGap = gap;
            }
        }
    }

    @Test
    void oneSidedVenueBookBuildsTheStaircase() {
        MarketTick t = tick(REF);
        t.book().addAsk(Fixed.of("150"), Fixed.of("1"));
        OrderSet out = quote(strategy(), t);
        assertEquals(80, out.size());
        assertEquals(0, count(out, TimeInForce.IOC));
    }

    @Test
    void sizesFollowTheNotionalWithBoundedVariation() {
        OrderSet out = quote(strategy(), tick(REF));
        boolean varied = false;
        for (int level = 0; level < 40; level++) {
            for (boolean buy : new boolean[]{true, false}) {
                int i = indexOf(out, buy, level);
                // sizes are converted with the reference: value there is the level's notional, jitter +/-30%,
                // less up to one lot (0.001 x 100) of rounding
                double value = Fixed.toDecimal(notional(REF, out.sz(i)).longValueExact()).doubleValue();
                double expected = 200 * Math.pow(1.03, level);
                assertTrue(value <= expected * 1.3, "level " + level + " value " + value);
                assertTrue(value >= expected * 0.7 - 0.1, "level " + level + " value " + value);
                long plain = MirrorStrategy.sizeOf(Fixed.of("200"), REF);
                if (level == 0 && out.sz(i) != Fixed.lotsDown(plain, LOT)) {
                    varied = true;
                }
            }
        }
        assertTrue(varied, "sizes are varied by the seeded jitter");
    }

    @Test
    void aLevelBelowOneLotIsDropped() {
        MarketTick t = new MarketTick("TEST", Fixed.of("3"));
        t.reference(REF, 1_000);
        OrderSet out = new OrderSet();
        // 200 / 100 = 2 units (x jitter) is below a lot of 3 near the centre; the outer levels (x 1.03^i) are not
        strategy().quote(t, out);
        assertEquals(-1, indexOf(out, true, 0));
        assertTrue(indexOf(out, true, 39) >= 0);
        for (int i = 0; i < out.size(); i++) {
            assertEquals(0, out.sz(i) % Fixed.of("3"));
        }
    }

    @Test
    void venueFarAboveSellsToPushItDown() {
        MirrorStrategy s = strategy();
        MarketTick t = tick(REF);
        book(t, "120", "120.2");
        OrderSet out = quote(s, t);
        assertEquals(1, out.size());
        assertFalse(out.buy(0));
        assertEquals(TimeInForce.IOC, out.tif(0));
        // at most 200 bps below the best bid (120 x 0.98 = 117.6), never below the reference
        assertEquals(Fixed.of("117.6"), out.px(0));
        // 5000 of quote currency at the reference: 50, a multiple of the lot
        assertEquals(Fixed.of("50"), out.sz(0));
        assertTrue(notional(REF, out.sz(0)).compareTo(BigInteger.valueOf(Fixed.of("5000"))) <= 0);
    }

    @Test
    void venueFarBelowBuysToPushItUp() {
        MirrorStrategy s = strategy();
        MarketTick t = tick(REF);
        book(t, "79.9", "80");
        OrderSet out = quote(s, t);
        assertEquals(1, out.size());
        assertTrue(out.buy(0));
        assertEquals(TimeInForce.IOC, out.tif(0));
        assertEquals(Fixed.of("81.6"), out.px(0));
        assertEquals(Fixed.of("50"), out.sz(0));
    }

    @Test
    void aggressiveOrderNeverGoesBeyondTheReference() {
        MirrorStrategy s = strategy("max-aggression-bps", "5000");
        MarketTick t = tick(REF);
        book(t, "120", "121");
        OrderSet out = quote(s, t);
        assertEquals(1, out.size());
        assertEquals(REF, out.px(0));
        book(t, "70", "71");
        out = quote(s, t);
        assertEquals(REF, out.px(0));
        assertTrue(out.buy(0));
    }

    @Test
    void moveSizeIsRoundedDownToTheLotWithAnUnevenReference() {
        MirrorStrategy s = strategy("max-move-notional", "1000");
        MarketTick t = tick(Fixed.of("64123.45"));
        book(t, "80000", "80001");
        OrderSet out = quote(s, t);
        // 1000 / 64123.45 = 0.015594... -> 0.015
        assertEquals(Fixed.of("0.015"), out.sz(0));
    }

    @Test
    void betweenThresholdsMovesGentlyAndBuildsTheStaircase() {
        MirrorStrategy s = strategy();
        MarketTick t = tick(REF);
        book(t, "108", "108.2");
        OrderSet out = quote(s, t);
        assertEquals(81, out.size());
        assertEquals(1, count(out, TimeInForce.IOC));
        int ioc = indexOf(out, false, MirrorStrategy.MOVE_LEVEL);
        assertTrue(ioc >= 0);
        assertEquals(TimeInForce.IOC, out.tif(ioc));
        // a quarter of 5000 at the reference: 12.5
        assertEquals(Fixed.of("12.5"), out.sz(ioc));
        assertTrue(out.px(ioc) >= REF);
        assertEquals(40, out.count(true));
        assertEquals(41, out.count(false));
    }

    @Test
    void moveModeClearsTheStaircaseAndItIsRebuiltWhenTheGapShrinks() {
        MirrorStrategy s = strategy();
        MarketTick t = tick(REF);
        quote(s, t);
        book(t, "130", "131");
        assertEquals(1, quote(s, t).size());
        book(t, "100", "100.01");
        t.reference(REF + Fixed.of("0.01"), 2_000);
        OrderSet rebuilt = quote(s, t);
        assertEquals(80, rebuilt.size());
        assertEquals(Fixed.belowBps(REF + Fixed.of("0.01"), 5), rebuilt.px(indexOf(rebuilt, true, 0)));
    }

    @Test
    void alignedMaintainsWithFewStaggeredUpdates() {
        MirrorStrategy s = strategy("level-tolerance-bps", "0");
        MarketTick t = tick(REF);
        OrderSet previous = copy(quote(s, t));
        long ref = REF;
        int total = 0;
        for (int k = 0; k < 30; k++) {
            ref += (k % 2 == 0 ? 1 : -1) * Fixed.of("0.02") + Fixed.of("0.001");
            t.reference(ref, 2_000 + k);
            book(t, Fixed.toDecimal(ref - Fixed.of("0.05")).toPlainString(),
                    Fixed.toDecimal(ref + Fixed.of("0.05")).toPlainString());
            OrderSet out = quote(s, t);
            assertEquals(80, out.size());
            int changed = changes(previous, out);
            assertTrue(changed <= 6, "tick " + k + " changed " + changed);
            assertTrue(changed > 0, "tick " + k + " refreshes drifted levels");
            total += changed;
            previous = copy(out);
        }
        assertTrue(total >= 30);
    }

    @Test
    void maintenanceConvergesNearestFirstAndKeepsLevelsWithinTolerance() {
        MirrorStrategy s = strategy("level-tolerance-bps", "0");
        MarketTick t = tick(REF);
        quote(s, t);
        long ref = REF + Fixed.of("0.03");
        t.reference(ref, 2_000);
        book(t, "99.99", "100.05");
        OrderSet first = quote(s, t);
        // the nearest levels are refreshed first: b0, a0, b1, a1, b2, a2
        for (int level = 0; level < 3; level++) {
            assertEquals(Fixed.belowBps(ref, levelOffset(level)), first.px(indexOf(first, true, level)));
            assertEquals(Fixed.aboveBps(ref, levelOffset(level)), first.px(indexOf(first, false, level)));
        }
        assertEquals(Fixed.belowBps(REF, levelOffset(3)), first.px(indexOf(first, true, 3)));
        OrderSet out = first;
        for (int k = 0; k < 14; k++) {
            out = quote(s, t);
        }
        for (int level = 0; level < 40; level++) {
            assertEquals(Fixed.belowBps(ref, levelOffset(level)), out.px(indexOf(out, true, level)));
            assertEquals(Fixed.aboveBps(ref, levelOffset(level)), out.px(indexOf(out, false, level)));
        }
        assertEquals(0, changes(out, quote(s, t)));
    }

    private static double levelOffset(int level) {
        double offset = 5;
        for (int i = 0; i < level; i++) {
            offset += 3 * Math.pow(1.06, i);
        }
        return offset;
    }

    @Test
    void smallDriftWithinToleranceChangesNothing() {
        MirrorStrategy s = strategy();
        MarketTick t = tick(REF);
        OrderSet built = copy(quote(s, t));
        t.reference(REF + Fixed.of("0.02"), 2_000);
        book(t, "99.99", "100.01");
        assertEquals(0, changes(built, quote(s, t)));
    }

    @Test
    void aReferenceJumpNeverLeavesALevelOnTheWrongSide() {
        MirrorStrategy s = strategy("max-updates-per-tick", "1", "level-tolerance-bps", "100");
        MarketTick t = tick(REF);
        quote(s, t);
        // +15 bps: b0 (-5 bps) and b1 (-8 bps) are now above the reference: refreshed despite the budget of 1
        long ref = Fixed.aboveBps(REF, 15);
        t.reference(ref, 2_000);
        book(t, "100.1", "100.2");
        OrderSet out = quote(s, t);
        assertEquals(80, out.size());
        for (int i = 0; i < out.size(); i++) {
            assertTrue(out.buy(i) ? out.px(i) < ref : out.px(i) > ref, "order " + out.levelId(i));
        }
    }

    @Test
    void sizesAreStableAcrossTicks() {
        MirrorStrategy s = strategy("maintain-threshold-bps", "0");
        MarketTick t = tick(REF);
        book(t, "99.99", "100.01");
        OrderSet a = copy(quote(s, t));
        OrderSet b = quote(s, t);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.sz(i), b.sz(i));
            assertEquals(a.px(i), b.px(i));
        }
        // a slightly different reference keeps the same notional per level: sizes move at most by a lot or so
        t.reference(REF + Fixed.of("0.001"), 2_000);
        OrderSet c = quote(s, t);
        for (int i = 0; i < a.size(); i++) {
            assertTrue(Math.abs(a.sz(i) - c.sz(i)) <= LOT, "level " + a.levelId(i));
        }
    }

    @Test
    void twentyEightAndSixtySixLevels() {
        assertEquals(56, quote(strategy("levels", "28"), tick(REF)).size());
        OrderSet out = quote(strategy("levels", "66"), tick(REF));
        assertEquals(132, out.size());
        assertTrue(indexOf(out, true, 65) >= 0 && indexOf(out, false, 65) >= 0);
    }

    @Test
    void invalidConfigIsRefusedWithTheField() {
        InvalidDefinitionException levels = assertThrows(InvalidDefinitionException.class,
                () -> strategy("levels", "10"));
        assertEquals("params.levels", levels.field());
        assertTrue(levels.getMessage().contains("params.levels"));
        assertTrue(assertThrows(InvalidDefinitionException.class, () -> strategy("levels", "67"))
                .getMessage().contains("params.levels"));
        InvalidDefinitionException threshold = assertThrows(InvalidDefinitionException.class,
                () -> strategy("build-threshold-pct", "-1"));
        assertTrue(threshold.getMessage().contains("params.build-threshold-pct"));
        assertTrue(assertThrows(InvalidDefinitionException.class, () -> strategy("move-threshold-pct", "-3"))
                .getMessage().contains("params.move-threshold-pct"));
        assertTrue(assertThrows(InvalidDefinitionException.class, () -> strategy("maintain-threshold-bps", "-1"))
                .getMessage().contains("params.maintain-threshold-bps"));
        assertTrue(assertThrows(InvalidDefinitionException.class,
                () -> strategy("build-threshold-pct", "20", "move-threshold-pct", "10"))
                .getMessage().contains("params.build-threshold-pct"));
        InvalidDefinitionException unknown = assertThrows(InvalidDefinitionException.class,
                () -> strategy("levles", "40"));
        assertTrue(unknown.getMessage().contains("params.levles"));
        assertTrue(assertThrows(InvalidDefinitionException.class, () -> strategy("tif", "ioc"))
                .getMessage().contains("params.tif"));
        assertTrue(assertThrows(InvalidDefinitionException.class, () -> strategy("size-jitter", "abc"))
                .getMessage().contains("params.size-jitter"));
        assertTrue(assertThrows(InvalidDefinitionException.class,
                () -> strategy("levels", "66", "spacing-growth", "1.5"))
                .getMessage().contains("params.spacing-growth"));
        assertTrue(assertThrows(InvalidDefinitionException.class, () -> strategy("max-position", "0"))
                .getMessage().contains("params.max-position"));
    }

    @Test
    void marketOverridesAreNamedByTheirPath() {
        Params p = new Params(Map.of(), Map.of("levels", "5"), "SOL");
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> MirrorStrategy.create(p, LOT));
        assertEquals("overrides.SOL.levels", e.field());
    }

    @Test
    void aloTifIsUsedForTheStaircase() {
        OrderSet out = quote(strategy("tif", "alo"), tick(REF));
        assertEquals(80, count(out, TimeInForce.ALO));
    }

    @Test
    void noBidAtOrAboveAnyAskInAnyMode() {
        MirrorStrategy s = strategy();
        MarketTick t = tick(REF);
        String[][] books = {{"99.9", "100.1"}, {"93", "93.1"}, {"107", "107.1"}, {"70", "71"}, {"130", "131"},
                {"99.99", "100.01"}};
        for (String[] b : books) {
            book(t, b[0], b[1]);
            for (int k = 0; k < 3; k++) {
                t.reference(REF + k * Fixed.of("0.03"), 1_000 + k);
                OrderSet out = quote(s, t);
                long lowestAsk = Long.MAX_VALUE;
                long highestBid = 0;
                for (int i = 0; i < out.size(); i++) {
                    if (out.buy(i)) {
                        highestBid = Math.max(highestBid, out.px(i));
                    } else {
                        lowestAsk = Math.min(lowestAsk, out.px(i));
                    }
                }
                assertTrue(highestBid < lowestAsk, b[0] + " tick " + k);
            }
        }
    }

    @Test
    void deterministicForTheSameSeed() {
        OrderSet a = quote(strategy("seed", "42"), tick(REF));
        OrderSet b = quote(strategy("seed", "42"), tick(REF));
        OrderSet c = quote(strategy("seed", "43"), tick(REF));
        assertEquals(0, changes(a, b));
        assertNotEquals(0, changes(a, c));
    }

    @Test
    void maxPositionStopsAggressiveOrdersThatGrowIt() {
        MirrorStrategy s = strategy("max-position", "20");
        MarketTick t = tick(REF);
        book(t, "79.9", "80");
        t.position(Fixed.of("20"));
        assertTrue(quote(s, t).isEmpty(), "long at the limit: no buy");
        t.position(Fixed.of("15"));
        OrderSet capped = quote(s, t);
        assertEquals(Fixed.of("5"), capped.sz(0), "the buy stops at the limit");
        t.position(Fixed.of("20"));
        book(t, "120", "120.2");
        OrderSet sell = quote(s, t);
        assertEquals(1, sell.size());
        assertFalse(sell.buy(0), "selling reduces the long position");
        t.position(Fixed.of("-25"));
        assertTrue(quote(s, t).isEmpty(), "short beyond the limit: no sell");
    }

    @Test
    void lotsForMatchesTheExactQuotientRoundedDownToTheLot() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        long[] lots = {1, 2, 3, Fixed.of("0.001"), Fixed.of("0.00001"), Fixed.of("1"), Fixed.of("0.1")};
        for (int k = 0; k < 200_000; k++) {
            long notional = random.nextLong(1, Fixed.of("100000"));
            long price = random.nextLong(1_000, Fixed.of("200000"));
            long lot = lots[k % lots.length];
            long exact = BigInteger.valueOf(notional).multiply(BigInteger.valueOf(Fixed.ONE))
                    .divide(BigInteger.valueOf(price)).longValueExact();
            assertEquals(exact - exact % lot, MirrorStrategy.lotsFor(notional, price, lot),
                    notional + " / " + price + " lot " + lot);
        }
    }

    @Test
    void sizeOfNeverExceedsTheNotional() {
        long[] prices = {Fixed.of("0.00001234"), Fixed.of("0.03"), Fixed.of("64123.45"), Fixed.of("99999.99999999"),
                Fixed.of("0.33333333"), Fixed.of("1")};
        long[] notionals = {Fixed.of("200"), Fixed.of("5000"), Fixed.of("1"), 7, Fixed.of("123.456789")};
        for (long px : prices) {
            for (long n : notionals) {
                long size = MirrorStrategy.sizeOf(n, px);
                BigInteger exact = BigInteger.valueOf(n).multiply(BigInteger.valueOf(Fixed.ONE))
                        .divide(BigInteger.valueOf(px));
                assertEquals(exact.longValueExact(), size, n + " / " + px);
            }
        }
    }
}
