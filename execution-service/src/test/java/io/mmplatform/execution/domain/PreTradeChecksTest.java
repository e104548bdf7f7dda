package io.mmplatform.execution.domain;

import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreTradeChecksTest {
    // band 100 bps where the price is worse than the reference, 1000 bps on the passive side, notional 10 000, 3 orders
    private final PreTradeChecks checks = new PreTradeChecks(
            new CheckLimits(new BigDecimal("100"), new BigDecimal("1000"), new BigDecimal("10000"), 3));
    private static final BigDecimal REF = new BigDecimal("100");

    private static NewOrder order(String level, Side side, String px, String sz) {
        return new NewOrder(ClientOrderIds.cloid("w1", "BTC", 1, level), level, side, new BigDecimal(px),
                new BigDecimal(sz), TimeInForce.GTC);
    }

    @Test
    void anOrderInsideAllLimitsPasses() {
        assertNull(checks.checkOne(order("b0", Side.BUY, "99.5", "10"), REF));
    }

    @Test
    void aPriceWorseThanTheReferenceBeyondTheBandIsRejected() {
        Rejection above = checks.checkOne(order("b0", Side.BUY, "101.1", "1"), REF);
        assertEquals(Rejection.PRICE_BAND, above.code());
        assertTrue(above.message().contains("110") && above.message().contains("above"), above.message());
        assertEquals(Rejection.PRICE_BAND, checks.checkOne(order("a0", Side.SELL, "98.99", "1"), REF).code());
        assertNull(checks.checkOne(order("a0", Side.SELL, "99", "1"), REF), "exactly on the band edge passes");
        assertNull(checks.checkOne(order("b0", Side.BUY, "101", "1"), REF));
    }

    @Test
    void thePassiveSideHasItsOwnWiderBand() {
        assertNull(checks.checkOne(order("b0", Side.BUY, "90", "1"), REF), "a bid 10% below: on the passive edge");
        assertNull(checks.checkOne(order("a0", Side.SELL, "110", "1"), REF), "an ask 10% above");
        assertEquals(Rejection.PRICE_BAND, checks.checkOne(order("b0", Side.BUY, "89.99", "1"), REF).code());
        Rejection far = checks.checkOne(order("a0", Side.SELL, "110.01", "1"), REF);
        assertEquals(Rejection.PRICE_BAND, far.code());
        assertTrue(far.message().contains("1000 bps"), far.message());
    }

    @Test
    void missingReferenceIsRejected() {
        assertEquals(Rejection.NO_REFERENCE, checks.checkOne(order("b0", Side.BUY, "100", "1"), null).code());
    }

    @Test
    void notionalAboveTheCapIsRejected() {
        assertNull(checks.checkOne(order("b0", Side.BUY, "100", "100"), REF), "exactly the cap passes");
        assertEquals(Rejection.MAX_NOTIONAL, checks.checkOne(order("b0", Side.BUY, "100", "100.01"), REF).code());
    }

    @Test
    void openOrdersAreCappedPerWalletAndMarket() {
        List<NewOrder> creates = List.of(order("b0", Side.BUY, "99", "1"), order("b1", Side.BUY, "99.5", "1"),
                order("a0", Side.SELL, "101", "1"));
        PreTradeChecks.Outcome outcome = checks.check(creates, REF, 1);
        assertEquals(2, outcome.accepted().size());
        assertEquals(1, outcome.rejected().size());
        assertEquals("a0", outcome.rejected().get(0).order().levelId());
        assertEquals(Rejection.MAX_OPEN_ORDERS, outcome.rejected().get(0).rejection().code());
    }

    @Test
    void aRejectedOrderDoesNotUseAnOpenOrderSlot() {
        List<NewOrder> creates = List.of(order("b0", Side.BUY, "50", "1"), order("b1", Side.BUY, "99", "1"));
        PreTradeChecks.Outcome outcome = checks.check(creates, REF, 2);
        assertEquals(List.of(creates.get(1)), outcome.accepted());
        assertEquals(Rejection.PRICE_BAND, outcome.rejected().get(0).rejection().code());
    }
}
