package io.mmplatform.portfolio.domain;

import io.mmplatform.common.messages.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.mmplatform.common.messages.Side.BUY;
import static io.mmplatform.common.messages.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static Position flat() {
        return Position.flat("w1", "0xabc", "hyperliquid", "BTC");
    }

    private static Position fill(Position p, Side side, String price, String size) {
        return p.apply(side, d(price), d(size), BigDecimal.ZERO, 1L);
    }

    /** Compares by value and by the normalized text the service writes. */
    private static void assertDec(String expected, BigDecimal actual) {
        assertEquals(0, d(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
        assertEquals(Position.normalize(d(expected)).toPlainString(), actual.toPlainString());
    }

    @Test
    void openLong() {
        Position p = fill(flat(), BUY, "100", "0.5");
        assertDec("0.5", p.size());
        assertDec("100", p.avgEntry());
        assertDec("0", p.realizedPnl());
        assertEquals(1, p.fillCount());
    }

    @Test
    void openShortHasNegativeSize() {
        Position p = fill(flat(), SELL, "2500.5", "1.2");
        assertDec("-1.2", p.size());
        assertDec("2500.5", p.avgEntry());
    }

    @Test
    void addingWeighsTheAverageEntry() {
        Position p = fill(fill(flat(), BUY, "100", "1"), BUY, "110", "3");
        assertDec("4", p.size());
        assertDec("107.5", p.avgEntry()); // (100 + 330) / 4
        assertDec("0", p.realizedPnl());
        assertEquals(2, p.fillCount());
    }

    @Test
    void addingToAShortWeighsTheAverageEntry() {
        Position p = fill(fill(flat(), SELL, "50", "2"), SELL, "53", "1");
        assertDec("-3", p.size());
        assertDec("51", p.avgEntry());
    }

    @Test
    void nonTerminatingAverageIsKeptToTwelveDecimalsAndRealizedPnlStaysShort() {
        Position p = fill(fill(flat(), BUY, "100", "1"), BUY, "101", "2");
        assertDec("3", p.size());
        assertDec("100.666666666667", p.avgEntry());
        Position closed = fill(p, SELL, "102", "3");
        assertDec("3.999999999999", closed.realizedPnl()); // 3 x (102 - 100.666666666667)
    }

    @Test
    void partialCloseRealizesAndKeepsEntry() {
        Position p = fill(fill(flat(), BUY, "100", "4"), SELL, "112.5", "1.5");
        assertDec("2.5", p.size());
        assertDec("100", p.avgEntry());
        assertDec("18.75", p.realizedPnl()); // 1.5 x 12.5
    }

    @Test
    void partialCloseOfAShortAtALossRealizesNegative() {
        Position p = fill(fill(flat(), SELL, "20", "10"), BUY, "21.5", "4");
        assertDec("-6", p.size());
        assertDec("20", p.avgEntry());
        assertDec("-6", p.realizedPnl()); // 4 x (20 - 21.5)
    }

    @Test
    void fullCloseRealizesEverythingAndResetsEntry() {
        Position p = fill(fill(fill(flat(), BUY, "100", "1"), BUY, "110", "3"), SELL, "120", "4");
        assertDec("0", p.size());
        assertDec("0", p.avgEntry());
        assertDec("50", p.realizedPnl()); // 4 x (120 - 107.5)
        assertTrue(p.isFlat());
        assertDec("0", p.unrealizedPnl(d("999")));
    }

    @Test
    void flipLongToShortRealizesTheLongAndEntersTheRemainderAtTheFillPrice() {
        Position p = fill(fill(flat(), BUY, "100", "2"), SELL, "95", "5");
        assertDec("-3", p.size());
        assertDec("95", p.avgEntry());
        assertDec("-10", p.realizedPnl()); // 2 x (95 - 100)
        assertDec("6", p.unrealizedPnl(d("93"))); // -3 x (93 - 95)
    }

    @Test
    void flipShortToLong() {
        Position p = fill(fill(flat(), SELL, "30", "1"), BUY, "28", "1.5");
        assertDec("0.5", p.size());
        assertDec("28", p.avgEntry());
        assertDec("2", p.realizedPnl());
    }

    @Test
    void reopeningAfterACloseStartsANewAverage() {
        Position p = fill(fill(fill(flat(), BUY, "100", "1"), SELL, "105", "1"), BUY, "90", "2");
        assertDec("2", p.size());
        assertDec("90", p.avgEntry());
        assertDec("5", p.realizedPnl());
    }

    @Test
    void feesAccumulateSeparatelyFromRealizedPnl() {
        Position p = flat()
                .apply(BUY, d("100"), d("1"), d("0.035"), 1)
                .apply(SELL, d("101"), d("1"), d("-0.0101"), 2); // maker rebate
        assertDec("0.0249", p.fees());
        assertDec("1", p.realizedPnl());
        assertEquals(2, p.updatedAtMs());
        assertEquals(2, p.fillCount());
    }

    @Test
    void unrealizedAtAMark() {
        Position longP = fill(flat(), BUY, "100", "0.3");
        assertDec("1.5", longP.unrealizedPnl(d("105")));
        assertDec("-0.03", longP.unrealizedPnl(d("99.9")));
        Position shortP = fill(flat(), SELL, "100", "0.3");
        assertDec("-1.5", shortP.unrealizedPnl(d("105")));
        assertDec("0", shortP.unrealizedPnl(null));
    }

    @Test
    void smallDecimalsStayExact() {
        Position p = flat()
                .apply(BUY, d("0.000123"), d("0.1"), d("0.00000001"), 1)
                .apply(BUY, d("0.000125"), d("0.3"), d("0"), 2)
                .apply(SELL, d("0.000130"), d("0.2"), d("0"), 3);
        assertDec("0.2", p.size());
        assertDec("0.0001245", p.avgEntry()); // (0.0000123 + 0.0000375) / 0.4
        assertDec("0.0000011", p.realizedPnl()); // 0.2 x 0.0000055
        assertDec("0.00000001", p.fees());
    }

    @Test
    void rejectsNonPositivePriceOrSize() {
        assertThrows(IllegalArgumentException.class, () -> flat().apply(BUY, d("0"), d("1"), d("0"), 1));
        assertThrows(IllegalArgumentException.class, () -> flat().apply(BUY, d("1"), d("-1"), d("0"), 1));
    }
}
