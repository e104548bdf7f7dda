package io.mmplatform.quoting.domain;

import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LadderStrategyTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** spread 10 bps, 3 levels 5 bps apart, size 1.5, max position 10, skew 20 bps, size skew 0.5, lot 0.01. */
    private static LadderConfig config() {
        return new LadderConfig(d("10"), 3, d("5"), d("1.5"), d("10"), d("20"), d("0.5"), d("0.01"), TimeInForce.ALO);
    }

    private static void assertOrder(DesiredOrder order, String levelId, Side side, String price, String size) {
        assertEquals(levelId, order.levelId());
        assertEquals(side, order.side());
        assertEquals(0, order.price().compareTo(d(price)), levelId + " price " + order.price().toPlainString() + " != " + price);
        assertEquals(0, order.size().compareTo(d(size)), levelId + " size " + order.size().toPlainString() + " != " + size);
        assertEquals(TimeInForce.ALO, order.tif());
    }

    @Test
    void flatPositionGivesASymmetricLadder() {
        List<DesiredOrder> orders = LadderStrategy.quote(d("100"), config(), BigDecimal.ZERO);
        assertEquals(6, orders.size());
        assertOrder(orders.get(0), "b0", Side.BUY, "99.95", "1.5");
        assertOrder(orders.get(1), "b1", Side.BUY, "99.90", "1.5");
        assertOrder(orders.get(2), "b2", Side.BUY, "99.85", "1.5");
        assertOrder(orders.get(3), "a0", Side.SELL, "100.05", "1.5");
        assertOrder(orders.get(4), "a1", Side.SELL, "100.10", "1.5");
        assertOrder(orders.get(5), "a2", Side.SELL, "100.15", "1.5");
    }

    @Test
    void pricesAreExactForAnUnevenReference() {
        List<DesiredOrder> orders = LadderStrategy.quote(d("64123.45"), config(), BigDecimal.ZERO);
        // 64123.45 x (1 - 5/10000) = 64091.388275 exactly, 64123.45 x (1 + 15/10000) = 64219.635175
        assertOrder(orders.get(0), "b0", Side.BUY, "64091.388275", "1.5");
        assertOrder(orders.get(5), "a2", Side.SELL, "64219.635175", "1.5");
    }

    @Test
    void longPositionMovesBothSidesDownAndShrinksTheBids() {
        // q = 5 / 10 = 0.5: shift = -10 bps, bid sizes x (1 - 0.5 x 0.5) = 1.125 -> 1.12 (lot 0.01, rounded down)
        List<DesiredOrder> orders = LadderStrategy.quote(d("100"), config(), d("5"));
        assertEquals(6, orders.size());
        assertOrder(orders.get(0), "b0", Side.BUY, "99.85", "1.12");
        assertOrder(orders.get(2), "b2", Side.BUY, "99.75", "1.12");
        assertOrder(orders.get(3), "a0", Side.SELL, "99.95", "1.5");
        assertOrder(orders.get(5), "a2", Side.SELL, "100.05", "1.5");
    }

    @Test
    void shortPositionMovesBothSidesUpAndShrinksTheAsks() {
        List<DesiredOrder> orders = LadderStrategy.quote(d("100"), config(), d("-5"));
        assertOrder(orders.get(0), "b0", Side.BUY, "100.05", "1.5");
        assertOrder(orders.get(3), "a0", Side.SELL, "100.15", "1.12");
        assertTrue(orders.get(0).price().compareTo(LadderStrategy.quote(d("100"), config(), BigDecimal.ZERO).get(0).price()) > 0);
    }

    @Test
    void atMaxLongPositionNoBidsAreQuoted() {
        List<DesiredOrder> orders = LadderStrategy.quote(d("100"), config(), d("10"));
        assertEquals(3, orders.size());
        assertTrue(orders.stream().allMatch(o -> o.side() == Side.SELL));
        // full skew: -20 bps
        assertOrder(orders.get(0), "a0", Side.SELL, "99.85", "1.5");
    }

    @Test
    void beyondMaxShortPositionNoAsksAreQuotedAndTheSkewIsCapped() {
        List<DesiredOrder> orders = LadderStrategy.quote(d("100"), config(), d("-25"));
        assertEquals(3, orders.size());
        assertTrue(orders.stream().allMatch(o -> o.side() == Side.BUY));
        assertOrder(orders.get(0), "b0", Side.BUY, "100.15", "1.5");
    }

    @Test
    void aLevelShrunkBelowOneLotIsDropped() {
        LadderConfig oneLot = new LadderConfig(d("10"), 2, d("5"), d("0.1"), d("1"), d("0"), d("1"), d("0.1"), TimeInForce.ALO);
        // q = 0.5: 0.1 x 0.5 = 0.05 < one lot: no bids, asks unchanged
        List<DesiredOrder> orders = LadderStrategy.quote(d("20"), oneLot, d("0.5"));
        assertEquals(2, orders.size());
        assertTrue(orders.stream().allMatch(o -> o.side() == Side.SELL && o.size().compareTo(d("0.1")) == 0));
    }

    @Test
    void configRejectsASizeBelowOrOffTheLot() {
        assertThrows(IllegalArgumentException.class,
                () -> new LadderConfig(d("10"), 3, d("5"), d("0.000001"), d("1"), d("0"), d("0"), d("0.00001"), TimeInForce.ALO));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LadderConfig(d("10"), 3, d("5"), d("0.015"), d("1"), d("0"), d("0"), d("0.01"), TimeInForce.ALO));
        assertTrue(e.getMessage().contains("lot"));
        assertThrows(IllegalArgumentException.class,
                () -> new LadderConfig(d("10"), 0, d("5"), d("1"), d("1"), d("0"), d("0"), d("0.01"), TimeInForce.ALO));
    }
}
