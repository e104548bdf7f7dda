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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** batchModify (cancel + new order), the dead man's switch and agent wallets. */
class ModifyScheduleAgentTest {
    final MatchingEngine engine = new MatchingEngine(List.of(BTC, SOL), EngineSettings.defaults());

    static OrderRequest withCloid(OrderRequest r, String cloid) {
        return new OrderRequest(r.address(), r.coin(), r.side(), r.priceTicks(), r.sizeLots(), r.tif(),
                r.reduceOnly(), cloid);
    }

    @Test
    void modifyByOidCancelsAndPlacesANewOrderAtTheBackOfTheQueue() {
        long mine = ((PlaceResult.Resting) engine.place(order(A, BTC, Side.BID, "99000", "0.01", Tif.GTC), 1)).oid();
        long theirs = ((PlaceResult.Resting) engine.place(order(B, BTC, Side.BID, "99000", "0.01", Tif.GTC), 2)).oid();
        PlaceResult r = engine.modify(A, mine, null, order(A, BTC, Side.BID, "99000", "0.02", Tif.GTC), 3);
        long modified = assertInstanceOf(PlaceResult.Resting.class, r).oid();
        assertNotEquals(mine, modified, "a modify is a new order with a new oid");
        assertEquals(1, engine.openOrders(A).size());
        assertEquals(2_000, engine.openOrders(A).get(0).remainingLots());
        // B is now first at 99000: a sell of 0.01 fills B, not A
        engine.place(order(MatchingEngineTest.C, BTC, Side.ASK, "99000", "0.01", Tif.IOC), 4);
        assertTrue(engine.openOrders(B).isEmpty(), "B was ahead: " + theirs);
        assertEquals(2_000, engine.openOrders(A).get(0).remainingLots());
    }

    @Test
    void modifyByCloidMayKeepTheCloidAndMayCross() {
        String cloid = "0x000000000000000000000000000000c1";
        engine.place(order(B, BTC, Side.ASK, "100000", "0.01", Tif.GTC), 1);
        engine.place(withCloid(order(A, BTC, Side.BID, "99000", "0.01", Tif.GTC), cloid), 2);
        PlaceResult r = engine.modify(A, 0, cloid,
                withCloid(order(A, BTC, Side.BID, "100000", "0.01", Tif.GTC), cloid), 3);
        PlaceResult.Filled filled = assertInstanceOf(PlaceResult.Filled.class, r);
        assertEquals(cloid, filled.cloid());
        assertTrue(engine.openOrders(A).isEmpty());
    }

    @Test
    void modifyOfAnUnknownFilledOrOthersOrderIsAnErrorAndChangesNothing() {
        long theirs = ((PlaceResult.Resting) engine.place(order(B, BTC, Side.BID, "99000", "0.01", Tif.GTC), 1)).oid();
        PlaceResult r = engine.modify(A, theirs, null, order(A, BTC, Side.BID, "98000", "0.01", Tif.GTC), 2);
        assertEquals("Cannot modify canceled or filled order", assertInstanceOf(PlaceResult.Rejected.class, r).message());
        assertEquals(1, engine.openOrders(B).size());
        assertInstanceOf(PlaceResult.Rejected.class,
                engine.modify(A, 12345, null, order(A, BTC, Side.BID, "98000", "0.01", Tif.GTC), 3));
        assertInstanceOf(PlaceResult.Rejected.class, engine.modify(A, 0, "0x000000000000000000000000000000ff",
                order(A, BTC, Side.BID, "98000", "0.01", Tif.GTC), 3));
        assertTrue(engine.openOrders(A).isEmpty());
    }

    @Test
    void cancelAllCancelsEveryCoin() {
        engine.place(order(A, BTC, Side.BID, "99000", "0.01", Tif.GTC), 1);
        engine.place(order(A, SOL, Side.ASK, "160", "1", Tif.GTC), 1);
        engine.place(order(B, SOL, Side.ASK, "161", "1", Tif.GTC), 1);
        assertEquals(2, engine.cancelAll(A, 2));
        assertTrue(engine.openOrders(A).isEmpty());
        assertEquals(1, engine.openOrders(B).size());
    }

    static Simulation quietSim() {
        return new Simulation(List.of(BTC, SOL), EngineSettings.defaults(), ReferenceSettings.defaults(),
                new TakerSettings(BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO, 1), 1,
                SimulationTest.T0);
    }

    @Test
    void scheduledCancelFiresAtItsTimeUnlessPushedBackOrRemoved() {
        long t0 = SimulationTest.T0;
        Simulation s = quietSim();
        s.withEngine(e -> e.place(order(A, BTC, Side.BID, "99000", "0.01", Tif.GTC), t0));
        assertNotNull(s.scheduleCancel(A, t0 + 4_999, t0), "less than 5 s ahead is refused");
        assertNull(s.scheduledCancel(A));
        assertNull(s.scheduleCancel(A, t0 + 5_000, t0));
        assertNull(s.scheduleCancel(A, t0 + 10_000, t0 + 1_000), "pushed back");
        s.advance(t0 + 9_999);
        assertEquals(1, s.withEngine(e -> e.openOrders(A)).size());
        s.advance(t0 + 10_000);
        assertTrue(s.withEngine(e -> e.openOrders(A)).isEmpty());
        assertNull(s.scheduledCancel(A), "fired once");
        assertEquals(1, s.scheduledCancelsFired());

        s.withEngine(e -> e.place(order(A, BTC, Side.BID, "99000", "0.01", Tif.GTC), t0 + 11_000));
        assertNull(s.scheduleCancel(A, t0 + 20_000, t0 + 11_000));
        assertNull(s.scheduleCancel(A, null, t0 + 12_000), "no time: unscheduled");
        s.advance(t0 + 30_000);
        assertEquals(1, s.withEngine(e -> e.openOrders(A)).size());
    }

    @Test
    void anApprovedAgentActsForItsMaster() {
        Simulation s = quietSim();
        String agent = "0x00000000000000000000000000000000000000a9";
        String agent2 = "0x00000000000000000000000000000000000000a8";
        assertEquals(agent, s.accountOf(agent));
        assertNull(s.approveAgent(A, agent, null));
        assertEquals(A, s.accountOf(agent));
        assertNotNull(s.approveAgent(B, agent, null), "already another user's agent");
        assertNotNull(s.approveAgent(agent, agent2, null), "an agent cannot approve agents");
        assertNotNull(s.approveAgent(A, A, null), "not yourself");
        assertNull(s.approveAgent(A, agent2, "bot"), "a named agent besides the unnamed one");
        assertEquals(A, s.accountOf(agent));
        assertEquals(A, s.accountOf(agent2));
        String agent3 = "0x00000000000000000000000000000000000000a7";
        assertNull(s.approveAgent(A, agent3, null), "a new unnamed agent replaces the old unnamed one");
        assertEquals(agent, s.accountOf(agent));
        assertEquals(A, s.accountOf(agent3));
    }
}
