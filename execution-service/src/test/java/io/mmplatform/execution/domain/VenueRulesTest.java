package io.mmplatform.execution.domain;

import io.mmplatform.common.messages.DesiredOrder;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VenueRulesTest {
    private final VenueRules rules = new VenueRules(List.of(
            new MarketSpec("BTC", 0, 5, true), new MarketSpec("ETH", 1, 4, true),
            new MarketSpec("SOL", 2, 2, true), new MarketSpec("INJ", 3, 1, true)));

    private static QuoteIntent intent(String market, DesiredOrder... orders) {
        return new QuoteIntent("w1", "hyperliquid", market, 1, "ladder", new BigDecimal("100"), 0, 0, List.of(orders));
    }

    private static DesiredOrder order(String level, Side side, String px, String sz) {
        return new DesiredOrder(level, side, new BigDecimal(px), new BigDecimal(sz), TimeInForce.GTC);
    }

    @Test
    void bidsRoundDownAndAsksRoundUpToFiveSignificantFigures() {
        List<TargetOrder> out = rules.round(intent("BTC",
                order("b0", Side.BUY, "97123.7", "0.1"), order("a0", Side.SELL, "97123.2", "0.1")));
        assertEquals(0, new BigDecimal("97123").compareTo(out.get(0).price()));
        assertEquals(0, new BigDecimal("97124").compareTo(out.get(1).price()));
    }

    @Test
    void priceDecimalsAreCappedBySzDecimals() {
        // SOL: szDecimals 2 -> at most 4 price decimals; 1.234567 has too many
        List<TargetOrder> out = rules.round(intent("SOL",
                order("b0", Side.BUY, "1.234567", "1"), order("a0", Side.SELL, "1.234567", "1")));
        assertEquals(0, new BigDecimal("1.2345").compareTo(out.get(0).price()));
        assertEquals(0, new BigDecimal("1.2346").compareTo(out.get(1).price()));
    }

    @Test
    void sizesRoundDownAndZeroSizesAreDropped() {
        List<TargetOrder> out = rules.round(intent("ETH",
                order("b0", Side.BUY, "3000", "0.123456"), order("b1", Side.BUY, "2999", "0.00009"),
                order("a0", Side.SELL, "3001", "0.99999")));
        assertEquals(2, out.size());
        assertEquals(0, new BigDecimal("0.1234").compareTo(out.get(0).size()));
        assertEquals("a0", out.get(1).levelId());
        assertEquals(0, new BigDecimal("0.9999").compareTo(out.get(1).size()));
    }

    @Test
    void roundedPricesNeverCrossTheDesiredOnes() {
        for (String px : List.of("0.000123456", "1.99999", "12.345678", "54321.9", "123456.7")) {
            BigDecimal p = new BigDecimal(px);
            List<TargetOrder> out = rules.round(intent("INJ",
                    order("b0", Side.BUY, px, "1"), order("a0", Side.SELL, px, "1")));
            assertTrue(out.get(0).price().compareTo(p) <= 0, "bid " + out.get(0).price() + " above " + px);
            assertTrue(out.get(1).price().compareTo(p) >= 0, "ask " + out.get(1).price() + " below " + px);
        }
    }

    @Test
    void unknownMarketIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rules.round(intent("DOGE", order("b0", Side.BUY, "1", "1"))));
        assertTrue(e.getMessage().contains("DOGE"));
    }

    @Test
    void marketsAreFoundByNameAndAssetIndex() {
        assertEquals("SOL", rules.asset(2).orElseThrow().name());
        assertEquals(3, rules.market("INJ").orElseThrow().assetIndex());
    }
}
