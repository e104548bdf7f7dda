package io.mmplatform.execution.domain.injective;

import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.execution.domain.NewOrder;
import io.mmplatform.execution.domain.injective.InjectiveGasTable.Chunk;
import io.mmplatform.execution.domain.injective.InjectiveMarketSpec.Kind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectiveGasTableTest {
    private static final InjectiveGasTable GAS = InjectiveGasTable.DEFAULTS; // 120000 + 25000/create + 15000/cancel

    private static List<NewOrder> creates(int n) {
        List<NewOrder> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(InjectiveOrderBatchTest.order("b" + i, Side.BUY, "25", "1", TimeInForce.GTC));
        }
        return out;
    }

    private static List<InjectiveCancel> cancels(int n) {
        List<InjectiveCancel> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(InjectiveCancel.byCid(null, String.format("%032x", i)));
        }
        return out;
    }

    @Test
    void gasIsTheFixedPartPlusEachOrder() {
        assertEquals(120_000 + 3 * 25_000 + 2 * 15_000, GAS.gas(Kind.SPOT, 3, 2));
        InjectiveGasTable tuned = new InjectiveGasTable(100_000, 20_000, 40_000, 10_000);
        assertEquals(100_000 + 40_000 + 10_000, tuned.gas(Kind.DERIVATIVE, 1, 1));
        assertEquals(100_000 + 20_000 + 10_000, tuned.gas(Kind.SPOT, 1, 1));
    }

    @Test
    void onePlanThatFitsIsOneTx() {
        // 120000 + 4 x 25000 + 4 x 15000 = 280000: exactly the max still fits
        List<Chunk> txs = GAS.split(Kind.SPOT, creates(4), cancels(4), 280_000);
        assertEquals(1, txs.size());
        assertEquals(280_000, txs.get(0).gas());
        assertEquals(4, txs.get(0).creates().size());
        assertEquals(4, txs.get(0).cancels().size());
    }

    @Test
    void aPlanThatDoesNotFitIsTwoTxsCancelsFirst() {
        List<Chunk> txs = GAS.split(Kind.SPOT, creates(5), cancels(4), 280_000);
        assertEquals(2, txs.size());
        assertEquals(4, txs.get(0).cancels().size());
        assertEquals(4, txs.get(0).creates().size());
        assertTrue(txs.get(1).cancels().isEmpty());
        assertEquals(1, txs.get(1).creates().size());
        assertEquals(120_000 + 25_000, txs.get(1).gas());
        // every order exactly once, in order, no tx over the max
        List<NewOrder> all = new ArrayList<>();
        for (Chunk c : txs) {
            assertTrue(c.gas() <= 280_000);
            assertFalse(c.cancels().isEmpty() && c.creates().isEmpty());
            all.addAll(c.creates());
        }
        assertEquals(creates(5), all);
    }

    @Test
    void cancelsGoBeforeAnyCreateAcrossTxs() {
        // room for 4 orders of either kind per tx (120000 + 4 x 25000 = 220000)
        List<Chunk> txs = GAS.split(Kind.SPOT, creates(5), cancels(6), 220_000);
        assertEquals(3, txs.size());
        assertEquals(6, txs.get(0).cancels().size()); // 120000 + 90000; a create would make it 235000
        assertTrue(txs.get(0).creates().isEmpty());
        assertEquals(List.of(4, 1), List.of(txs.get(1).creates().size(), txs.get(2).creates().size()));
        assertTrue(txs.get(1).cancels().isEmpty() && txs.get(2).cancels().isEmpty());
    }

    @Test
    void anEmptyPlanIsNoTxNeverAnEmptyOne() {
        assertTrue(GAS.split(Kind.SPOT, List.of(), List.of(), 200_000).isEmpty());
        assertEquals(1, GAS.split(Kind.SPOT, List.of(), cancels(1), 200_000).size());
    }

    @Test
    void aMaxThatFitsNoSingleOrderIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GAS.split(Kind.SPOT, creates(1), List.of(), 144_999));
        assertEquals(1, GAS.split(Kind.SPOT, creates(1), List.of(), 145_000).size());
        assertThrows(IllegalArgumentException.class, () -> new InjectiveGasTable(0, 0, 1, 1));
    }

    @Test
    void thePlanSplitsIntoOneMessagePerTx() {
        InjectiveOrderBatch batch = new InjectiveOrderBatch(InjectiveOrderBatchTest.SENDER, InjectiveOrderBatchTest.SUB,
                InjectiveMarketSpecTest.SPOT);
        InjectiveOrderBatch.Plan one = batch.plan(creates(2), cancels(1), GAS, 300_000);
        assertEquals(1, one.txs().size());
        InjectiveOrderBatch.Plan two = batch.plan(creates(2), cancels(1), GAS, 160_000);
        assertEquals(2, two.txs().size());
        assertEquals(1, two.txs().get(0).message().get("spot_orders_to_cancel").size());
        assertEquals(1, two.txs().get(0).message().get("spot_orders_to_create").size());
        assertFalse(two.txs().get(1).message().has("spot_orders_to_cancel"));
        assertEquals(1, two.txs().get(1).message().get("spot_orders_to_create").size());
    }
}
