package io.mmplatform.execution.domain.injective;

import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.execution.domain.NewOrder;
import io.mmplatform.execution.domain.injective.InjectiveMarketSpec.Kind;
import io.mmplatform.execution.domain.injective.InjectiveMarketSpec.Rounding;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectiveMarketSpecTest {
    static final String SPOT_ID = "0x0611780ba69656949525013d947713300f56c37b6175e02f26bffa495c3208fe";
    // INJ/USDT-like: price tick 0.001, quantity tick 0.001, min notional 1 (quote units)
    static final InjectiveMarketSpec SPOT = new InjectiveMarketSpec(SPOT_ID, Kind.SPOT, "INJ/USDT", 18, 6,
            new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("1"));

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static void assertDec(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual), () -> "expected " + expected + ", got " + actual.toPlainString());
    }

    private static NewOrder order(Side side, String px, String qty) {
        return new NewOrder("0x" + "ab".repeat(16), "l0", side, d(px), d(qty), TimeInForce.GTC);
    }

    @Test
    void buyPricesRoundDownAndSellPricesRoundUpToTheTick() {
        assertDec("25.123", SPOT.roundPrice(Side.BUY, d("25.1239999")));
        assertDec("25.124", SPOT.roundPrice(Side.SELL, d("25.1230001")));
        // one unit of the 19th decimal past a tick still moves a sell to the next tick
        assertDec("25.124", SPOT.roundPrice(Side.SELL, d("25.123000000000000000001")));
        assertDec("25.123", SPOT.roundPrice(Side.BUY, d("25.123999999999999999999")));
    }

    @Test
    void pricesOnATickAreKeptOnBothSides() {
        assertDec("25.123", SPOT.roundPrice(Side.BUY, d("25.123")));
        assertDec("25.123", SPOT.roundPrice(Side.SELL, d("25.1230000")));
    }

    @Test
    void aTickThatIsNotAPowerOfTenIsHonoured() {
        InjectiveMarketSpec fives = new InjectiveMarketSpec(SPOT_ID, Kind.DERIVATIVE, "X/USDT PERP", 0, 6,
                d("0.05"), d("0.5"), BigDecimal.ZERO);
        assertDec("10.05", fives.roundPrice(Side.BUY, d("10.0999")));
        assertDec("10.10", fives.roundPrice(Side.SELL, d("10.0501")));
        assertDec("2.5", fives.roundQuantity(d("2.9999")));
    }

    @Test
    void quantitiesRoundDown() {
        assertDec("1.999", SPOT.roundQuantity(d("1.9999999")));
        assertDec("2", SPOT.roundQuantity(d("2.000")));
        assertDec("0", SPOT.roundQuantity(d("0.0009")));
    }

    @Test
    void roundingAnOrderKeepsItsIdentityAndPutsItOnTheGrid() {
        Rounding r = SPOT.round(order(Side.SELL, "25.1231", "0.5559"));
        assertFalse(r.dropped());
        assertEquals("0x" + "ab".repeat(16), r.order().cloid());
        assertDec("25.124", r.order().price());
        assertDec("0.555", r.order().size());
    }

    @Test
    void anOrderUnderMinNotionalAfterRoundingIsDroppedWithAReason() {
        // 0.0409 @ 25 is 1.0225 as asked, but 0.040 @ 25 = 1.000 on the grid: exactly the minimum, kept
        assertFalse(SPOT.round(order(Side.BUY, "25", "0.0409")).dropped());
        // 0.0399 @ 25.5 asks for 1.01745, but on the grid 0.039 @ 25.5 = 0.9945 < 1: dropped
        Rounding r = SPOT.round(order(Side.BUY, "25.5", "0.0399"));
        assertTrue(r.dropped());
        assertTrue(r.dropReason().contains("below min notional 1"), r.dropReason());
    }

    @Test
    void zeroAfterRoundingIsDropped() {
        assertTrue(SPOT.round(order(Side.BUY, "0.0009", "5000")).dropReason().contains("rounds down to zero"));
        assertTrue(SPOT.round(order(Side.SELL, "30", "0.0009")).dropReason().contains("below the quantity tick"));
        assertTrue(SPOT.round(order(Side.SELL, "-1", "1")).dropped());
    }

    @Test
    void invalidSpecsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InjectiveMarketSpec("0x12", Kind.SPOT, "A/B", 18, 6,
                d("0.001"), d("0.001"), BigDecimal.ONE));
        assertThrows(IllegalArgumentException.class, () -> new InjectiveMarketSpec(SPOT_ID, Kind.SPOT, "A/B", 18, 6,
                BigDecimal.ZERO, d("0.001"), BigDecimal.ONE));
        assertThrows(IllegalArgumentException.class, () -> new InjectiveMarketSpec(SPOT_ID, Kind.SPOT, "A/B", 18, 6,
                d("0.001"), d("0.001"), d("-1")));
    }

    @Test
    void anIntentsOrdersBecomeTargetsOnTheGridAndTheUnplaceableAreLeftOut() {
        var targets = SPOT.targets(java.util.List.of(
                new io.mmplatform.common.messages.DesiredOrder("b0", Side.BUY, d("25.1239"), d("2.0009"), TimeInForce.ALO),
                new io.mmplatform.common.messages.DesiredOrder("a0", Side.SELL, d("25.1231"), d("0.5"), TimeInForce.GTC),
                // 0.03 x 25 = 0.75 < min notional 1
                new io.mmplatform.common.messages.DesiredOrder("b1", Side.BUY, d("25"), d("0.03"), TimeInForce.GTC)));
        assertEquals(2, targets.size());
        assertEquals("b0", targets.get(0).levelId());
        assertDec("25.123", targets.get(0).price());
        assertDec("2", targets.get(0).size());
        assertEquals(TimeInForce.ALO, targets.get(0).tif());
        assertDec("25.124", targets.get(1).price());
        assertDec("0.5", targets.get(1).size());
    }
}
