package io.mmplatform.simulator.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TakerFlowTest {
    @Test
    void takerAddressesAreRecognizable() {
        String a = TakerFlow.takerAddress(1);
        assertEquals("0x0000000000000000000000000074616b65720001", a);
        assertTrue(a.matches("0x[0-9a-f]{40}"));
        assertTrue(TakerFlow.isTaker(a));
        assertFalse(TakerFlow.isTaker("0x14791697260e4c9a71f18484c9f997b308e59325"));
    }

    @Test
    void ordersAreIocWithinTheBandAndNotionalRange() {
        MarketSpec eth = new MarketSpec("ETH", 4, new BigDecimal("3500"), 50, MatchingEngineTest.FEED);
        TakerFlow flow = new TakerFlow(9, new TakerSettings(BigDecimal.ONE, new BigDecimal("100"),
                new BigDecimal("1000"), new BigDecimal("20"), 3));
        long ref = 3500_00000000L;
        int buys = 0;
        for (int i = 0; i < 2000; i++) {
            OrderRequest o = flow.arrival(eth, ref);
            assertEquals(Tif.IOC, o.tif());
            assertTrue(TakerFlow.isTaker(o.address()));
            BigDecimal px = eth.price(o.priceTicks());
            BigDecimal notional = px.multiply(eth.size(o.sizeLots()));
            assertTrue(notional.compareTo(new BigDecimal("100")) >= 0, "notional " + notional);
            assertTrue(notional.compareTo(new BigDecimal("1001")) <= 0, "notional " + notional);
            if (o.side() == Side.BID) {
                buys++;
                assertTrue(px.compareTo(new BigDecimal("3500")) >= 0 && px.compareTo(new BigDecimal("3507")) <= 0);
            } else {
                assertTrue(px.compareTo(new BigDecimal("3500")) <= 0 && px.compareTo(new BigDecimal("3493")) >= 0);
            }
        }
        assertTrue(buys > 800 && buys < 1200, "buys " + buys);
        long gaps = 0;
        for (int i = 0; i < 1000; i++) {
            gaps += flow.nextGapMs();
        }
        assertTrue(gaps > 800_000 && gaps < 1_200_000, "mean gap about 1000 ms: " + gaps / 1000);
    }
}
