package io.mmplatform.simulator.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.mmplatform.simulator.domain.MatchingEngineTest.A;
import static io.mmplatform.simulator.domain.MatchingEngineTest.B;
import static io.mmplatform.simulator.domain.MatchingEngineTest.BTC;
import static io.mmplatform.simulator.domain.MatchingEngineTest.SOL;
import static io.mmplatform.simulator.domain.MatchingEngineTest.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VenueEventsTest {
    final MatchingEngine engine = new MatchingEngine(List.of(BTC, SOL), EngineSettings.defaults());

    static String status(VenueEvent e) {
        return assertInstanceOf(VenueEvent.OrderUpdate.class, e).status();
    }

    @Test
    void nothingIsRecordedUnlessAsked() {
        engine.place(order(A, BTC, Side.BID, "99000", "0.01", Tif.GTC), 1);
        assertTrue(engine.drainEvents().isEmpty());
    }

    @Test
    void restTradeFillAndCancelAreReportedInOrder() {
        engine.recordEvents(true);
        long oid = ((PlaceResult.Resting) engine.place(order(A, BTC, Side.ASK, "100000", "0.02", Tif.GTC), 1)).oid();
        assertEquals(List.of("open"), engine.drainEvents().stream().map(VenueEventsTest::status).toList());

        engine.place(order(B, BTC, Side.BID, "100000", "0.01", Tif.IOC), 2);
        List<VenueEvent> events = engine.drainEvents();
        assertEquals(4, events.size(), events.toString());
        VenueEvent.Trade trade = assertInstanceOf(VenueEvent.Trade.class, events.get(0));
        assertEquals(Side.BID, trade.takerSide());
        assertEquals(B, trade.buyer());
        assertEquals(A, trade.seller());
        assertEquals(0, new BigDecimal("0.01").compareTo(trade.sz()));
        assertEquals(A, assertInstanceOf(VenueEvent.Fill.class, events.get(1)).address());
        assertEquals(B, assertInstanceOf(VenueEvent.Fill.class, events.get(2)).address());
        VenueEvent.OrderUpdate taker = assertInstanceOf(VenueEvent.OrderUpdate.class, events.get(3));
        assertEquals("filled", taker.status());
        assertEquals(B, taker.address());

        engine.cancel(A, "BTC", oid, 3);
        VenueEvent.OrderUpdate cancel = assertInstanceOf(VenueEvent.OrderUpdate.class, engine.drainEvents().get(0));
        assertEquals("canceled", cancel.status());
        assertEquals(oid, cancel.oid());
        assertEquals(0, new BigDecimal("0.01").compareTo(cancel.sz()), "the remaining size");
        assertEquals(0, new BigDecimal("0.02").compareTo(cancel.origSz()));
    }

    @Test
    void makerFilledAndScheduledCancelStatuses() {
        engine.recordEvents(true);
        engine.place(order(A, BTC, Side.ASK, "100000", "0.01", Tif.GTC), 1);
        engine.place(order(A, SOL, Side.ASK, "160", "1", Tif.GTC), 1);
        engine.drainEvents();
        engine.place(order(B, BTC, Side.BID, "100000", "0.01", Tif.GTC), 2);
        assertTrue(engine.drainEvents().stream().anyMatch(e -> e instanceof VenueEvent.OrderUpdate u
                && u.address().equals(A) && u.status().equals("filled")));
        engine.cancelAll(A, 3);
        assertEquals(List.of("scheduledCancel"), engine.drainEvents().stream().map(VenueEventsTest::status).toList());
        engine.recordEvents(false);
        engine.place(order(A, BTC, Side.ASK, "100000", "0.01", Tif.GTC), 4);
        assertTrue(engine.drainEvents().isEmpty());
    }
}
