package io.mmplatform.execution.domain;

import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderReconcilerTest {
    private final OrderReconciler reconciler = new OrderReconciler(new Tolerance(new BigDecimal("2"), new BigDecimal("0.1")));
    private final LiveOrders book = new LiveOrders();

    private static TargetOrder target(String level, Side side, String px, String sz) {
        return new TargetOrder(level, side, new BigDecimal(px), new BigDecimal(sz), TimeInForce.GTC);
    }

    private LiveOrder resting(String level, Side side, String px, String sz, long seq) {
        String cloid = ClientOrderIds.cloid("w1", "BTC", seq, level);
        LiveOrder o = new LiveOrder(cloid, "BTC", level, side, new BigDecimal(px), new BigDecimal(sz), TimeInForce.GTC, seq, 0);
        book.addPending(o);
        book.acknowledge(cloid, 1000 + book.size());
        return o;
    }

    @Test
    void createsEverythingWhenNothingIsLive() {
        List<TargetOrder> desired = List.of(target("b0", Side.BUY, "99", "1"), target("a0", Side.SELL, "101", "1"));
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 7, desired, book.of("BTC"));
        assertEquals(2, plan.creates().size());
        assertTrue(plan.cancels().isEmpty());
        assertEquals(ClientOrderIds.cloid("w1", "BTC", 7, "b0"), plan.creates().get(0).cloid());
        assertEquals(Side.SELL, plan.creates().get(1).side());
        assertEquals(new BigDecimal("101"), plan.creates().get(1).price());
    }

    @Test
    void cancelsEverythingWhenNothingIsWanted() {
        LiveOrder bid = resting("b0", Side.BUY, "99", "1", 1);
        LiveOrder ask = resting("a0", Side.SELL, "101", "1", 1);
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2, List.of(), book.of("BTC"));
        assertEquals(List.of(bid, ask), plan.cancels());
        assertTrue(plan.creates().isEmpty());
        assertTrue(plan.kept().isEmpty());
    }

    @Test
    void keepsOrdersWithinTolerance() {
        // 100000 vs 100010 is 1 bp, size 1 vs 1.05 is 5 %: both inside (2 bps, 10 %)
        LiveOrder bid = resting("b0", Side.BUY, "100000", "1", 1);
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2,
                List.of(target("b0", Side.BUY, "100010", "1.05")), book.of("BTC"));
        assertTrue(plan.isEmpty(), plan.toString());
        assertEquals(List.of(bid), plan.kept());
    }

    @Test
    void replacesWhenPriceMovesBeyondTolerance() {
        LiveOrder bid = resting("b0", Side.BUY, "100000", "1", 1);
        // 3 bps away
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2,
                List.of(target("b0", Side.BUY, "100030", "1")), book.of("BTC"));
        assertEquals(List.of(bid), plan.cancels());
        assertEquals(1, plan.creates().size());
        assertEquals(new BigDecimal("100030"), plan.creates().get(0).price());
        assertNotEquals(bid.cloid(), plan.creates().get(0).cloid());
    }

    @Test
    void exactlyAtTheToleranceIsKept() {
        resting("b0", Side.BUY, "100000", "1", 1);
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2,
                List.of(target("b0", Side.BUY, "100020", "1.1")), book.of("BTC"));
        assertTrue(plan.isEmpty(), plan.toString());
    }

    @Test
    void replacesWhenSizeDiffersBeyondTolerance() {
        LiveOrder ask = resting("a0", Side.SELL, "101", "1", 1);
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2,
                List.of(target("a0", Side.SELL, "101", "1.2")), book.of("BTC"));
        assertEquals(List.of(ask), plan.cancels());
        assertEquals(new BigDecimal("1.2"), plan.creates().get(0).size());
    }

    @Test
    void partiallyFilledOrderIsComparedByItsRemainingSize() {
        LiveOrder ask = resting("a0", Side.SELL, "101", "1", 1);
        book.applyFill(ask, new BigDecimal("0.5"));
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2,
                List.of(target("a0", Side.SELL, "101", "1")), book.of("BTC"));
        assertEquals(List.of(ask), plan.cancels());
        assertEquals(1, plan.creates().size());
    }

    @Test
    void neverMatchesTheOtherSide() {
        LiveOrder bid = resting("b0", Side.BUY, "100", "1", 1);
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2,
                List.of(target("b0", Side.SELL, "100", "1")), book.of("BTC"));
        assertEquals(List.of(bid), plan.cancels());
        assertEquals(Side.SELL, plan.creates().get(0).side());
    }

    @Test
    void aLadderShiftedByOneLevelKeepsTheOverlappingOrders() {
        // live: b0 @ 100, b1 @ 99; desired: b0 @ 101, b1 @ 100 -> the live b0 @ 100 serves the new b1
        LiveOrder b0 = resting("b0", Side.BUY, "100", "1", 1);
        LiveOrder b1 = resting("b1", Side.BUY, "99", "1", 1);
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2,
                List.of(target("b0", Side.BUY, "101", "1"), target("b1", Side.BUY, "100", "1")), book.of("BTC"));
        assertEquals(List.of(b0), plan.kept());
        assertEquals(List.of(b1), plan.cancels());
        assertEquals(1, plan.creates().size());
        assertEquals(new BigDecimal("101"), plan.creates().get(0).price());
        assertEquals("b0", plan.creates().get(0).levelId());
    }

    @Test
    void ordersBeingCancelledAreLeftAlone() {
        LiveOrder bid = resting("b0", Side.BUY, "100", "1", 1);
        book.markPendingCancel(bid.cloid());
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2,
                List.of(target("b0", Side.BUY, "101", "1")), book.of("BTC"));
        assertTrue(plan.cancels().isEmpty());
        assertTrue(plan.kept().isEmpty());
        assertEquals(1, plan.creates().size(), "the order being cancelled cannot serve the desired one");
        assertTrue(plan.waiting().isEmpty());
    }

    @Test
    void aNewOrderAtThePriceOfOneWhoseCancelIsUnconfirmedWaitsForTheVenueRead() {
        // the cancel was refused (429) or its answer lost: the old order may still rest at 100
        LiveOrder bid = resting("b0", Side.BUY, "100", "1", 1);
        book.markPendingCancel(bid.cloid());
        TargetOrder samePrice = target("b0", Side.BUY, "100", "1.5");
        TargetOrder other = target("b1", Side.BUY, "99", "1");
        TargetOrder otherSide = target("a0", Side.SELL, "100", "1");
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2, List.of(samePrice, other, otherSide), book.of("BTC"));
        assertEquals(List.of(samePrice), plan.waiting());
        assertEquals(List.of("b1", "a0"), plan.creates().stream().map(NewOrder::levelId).toList());
        assertTrue(plan.cancels().isEmpty(), "it is being cancelled already");

        // on a venue that runs our requests in order and cancels before creates (Injective), the cancel already sent
        // comes first: the new order at its price goes now
        OrderReconciler ordered = new OrderReconciler(new Tolerance(new BigDecimal("2"), new BigDecimal("0.1")), 0, true);
        ReconcilePlan inOrder = ordered.reconcile("w1", "BTC", 2, List.of(samePrice, other, otherSide), book.of("BTC"));
        assertTrue(inOrder.waiting().isEmpty());
        assertEquals(List.of("b0", "b1", "a0"), inOrder.creates().stream().map(NewOrder::levelId).toList());
        assertTrue(inOrder.cancels().isEmpty());

        // once the venue confirmed it gone, the level is placed
        book.remove(bid.cloid());
        ReconcilePlan after = reconciler.reconcile("w1", "BTC", 3, List.of(samePrice), book.of("BTC"));
        assertEquals(1, after.creates().size());
        assertTrue(after.waiting().isEmpty());
    }

    @Test
    void pendingNewOrdersCountAsLive() {
        String cloid = ClientOrderIds.cloid("w1", "BTC", 1, "b0");
        LiveOrder pending = book.addPending(new LiveOrder(cloid, "BTC", "b0", Side.BUY, new BigDecimal("100"),
                BigDecimal.ONE, TimeInForce.GTC, 1, 0));
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2,
                List.of(target("b0", Side.BUY, "100", "1")), book.of("BTC"));
        assertTrue(plan.isEmpty());
        assertSame(pending, plan.kept().get(0));
    }

    @Test
    void anUnconfirmedOrderHoldsItsLevelUntilTheVenueIsReadButNotAnotherLevelOrSide() {
        String cloid = ClientOrderIds.cloid("w1", "SOL", 1, "b0");
        LiveOrder lost = book.addPending(new LiveOrder(cloid, "SOL", "b0", Side.BUY, new BigDecimal("149.83"),
                new BigDecimal("1.11"), TimeInForce.ALO, 1, 0));
        // the same price with a size beyond tolerance: without the hold this would be a second order at 149.83
        ReconcilePlan plan = reconciler.reconcile("w1", "SOL", 2,
                List.of(target("b0", Side.BUY, "149.83", "1.5"), target("a0", Side.SELL, "150.2", "1")),
                book.of("SOL"), 1_000_000);
        assertEquals(List.of(lost), plan.kept());
        assertTrue(plan.cancels().isEmpty(), plan.toString());
        assertEquals(1, plan.creates().size());
        assertEquals("a0", plan.creates().get(0).levelId());
        assertEquals(List.of("b0"), plan.waiting().stream().map(TargetOrder::levelId).toList(),
                "the held level is applied again after the venue read");

        // once the settle loop has found it on the venue it is an ordinary resting order again, replaced as usual
        book.acknowledge(cloid, 77);
        ReconcilePlan after = reconciler.reconcile("w1", "SOL", 3, List.of(target("b0", Side.BUY, "149.83", "1.5")),
                book.of("SOL"), 1_000_000);
        assertEquals(List.of(lost), after.cancels());
        assertEquals(1, after.creates().size());

        // a level that is no longer wanted, or wanted on the other side, does not keep it
        LiveOrders other = new LiveOrders();
        LiveOrder lostAsk = other.addPending(new LiveOrder(ClientOrderIds.cloid("w1", "SOL", 1, "a1"), "SOL", "a1",
                Side.SELL, new BigDecimal("151"), BigDecimal.ONE, TimeInForce.ALO, 1, 0));
        ReconcilePlan moved = reconciler.reconcile("w1", "SOL", 2, List.of(target("a1", Side.BUY, "149", "1")),
                other.of("SOL"), 1_000_000);
        assertEquals(List.of(lostAsk), moved.cancels());
        assertEquals(1, moved.creates().size());
        assertTrue(moved.waiting().isEmpty());
    }

    @Test
    void theSameIntentTwiceNeverReusesAClientOrderId() {
        List<TargetOrder> desired = List.of(target("b0", Side.BUY, "100", "1"), target("b0", Side.BUY, "90", "1"));
        ReconcilePlan first = reconciler.reconcile("w1", "BTC", 5, desired, book.of("BTC"));
        assertEquals(1, first.creates().size(), "a duplicate level in one intent is created once");
        NewOrder created = first.creates().get(0);
        LiveOrder live = book.addPending(LiveOrder.pending("BTC", 5, 0, created));
        book.markPendingCancel(live.cloid());
        ReconcilePlan again = reconciler.reconcile("w1", "BTC", 5, desired, book.of("BTC"));
        List<String> ids = new ArrayList<>();
        again.creates().forEach(c -> ids.add(c.cloid()));
        assertTrue(!ids.contains(created.cloid()), ids.toString());
    }

    @Test
    void onlyTheGivenMarketIsReconciled() {
        String cloid = ClientOrderIds.cloid("w1", "ETH", 1, "b0");
        book.addPending(new LiveOrder(cloid, "ETH", "b0", Side.BUY, new BigDecimal("3000"), BigDecimal.ONE, TimeInForce.GTC, 1, 0));
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2, List.of(), book.of("BTC"));
        assertTrue(plan.isEmpty());
    }

    @Test
    void aLevelsOrderYoungerThanTheMinimumReplaceIntervalIsKeptAndReplacedOnceOlder() {
        OrderReconciler slow = new OrderReconciler(new Tolerance(new BigDecimal("2"), new BigDecimal("0.1")), 500);
        LiveOrder bid = resting("b0", Side.BUY, "99", "1", 1);
        LiveOrder ask = resting("a0", Side.SELL, "101", "1", 1);
        LiveOrder gone = resting("a1", Side.SELL, "102", "1", 1);
        bid.placedAtMs(10_000);
        ask.placedAtMs(10_000);
        gone.placedAtMs(10_000);
        // both levels moved 1 %: out of tolerance; a1 is no longer wanted
        List<TargetOrder> moved = List.of(target("b0", Side.BUY, "98", "1"), target("a0", Side.SELL, "103", "1"));

        ReconcilePlan young = slow.reconcile("w1", "BTC", 2, moved, book.of("BTC"), 10_499);
        assertEquals(List.of(gone), young.cancels(), "an unwanted level goes at once, whatever its age");
        assertTrue(young.creates().isEmpty(), "the young orders are not replaced yet");
        assertEquals(List.of(bid, ask), young.kept());

        ReconcilePlan old = slow.reconcile("w1", "BTC", 3, moved, book.of("BTC"), 10_500);
        assertEquals(3, old.cancels().size());
        assertEquals(2, old.creates().size());

        ReconcilePlan without = reconciler.reconcile("w1", "BTC", 3, moved, book.of("BTC"), 10_499);
        assertEquals(3, without.cancels().size(), "no interval configured: replaced at once");
    }

    @Test
    void theMinimumReplaceIntervalNeverKeepsAnOrderOnTheWrongSide() {
        OrderReconciler slow = new OrderReconciler(new Tolerance(new BigDecimal("2"), new BigDecimal("0.1")), 500);
        LiveOrder bid = resting("x0", Side.BUY, "99", "1", 1);
        bid.placedAtMs(10_000);
        ReconcilePlan plan = slow.reconcile("w1", "BTC", 2, List.of(target("x0", Side.SELL, "101", "1")),
                book.of("BTC"), 10_001);
        assertEquals(List.of(bid), plan.cancels());
        assertEquals(1, plan.creates().size());
    }

    // ------------------------------------------------------------------ batchModify (ReconcilePlan.withModifies)

    @Test
    void aMovedLevelBecomesAModifyAVanishedOneACancelAndANewOneACreate() {
        LiveOrder bid = resting("b0", Side.BUY, "100000", "1", 1);
        LiveOrder gone = resting("b1", Side.BUY, "99900", "1", 1);
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2, List.of(
                target("b0", Side.BUY, "99950", "1"), target("a0", Side.SELL, "100100", "1")), book.of("BTC"))
                .withModifies();
        assertEquals(1, plan.modifies().size(), plan.toString());
        assertSame(bid, plan.modifies().get(0).old());
        assertEquals(ClientOrderIds.cloid("w1", "BTC", 2, "b0"), plan.modifies().get(0).order().cloid());
        assertEquals(new BigDecimal("99950"), plan.modifies().get(0).order().price());
        assertEquals(List.of(gone), plan.cancels());
        assertEquals(1, plan.creates().size());
        assertEquals(ClientOrderIds.cloid("w1", "BTC", 2, "a0"), plan.creates().get(0).cloid());
        assertTrue(plan.kept().isEmpty());
    }

    @Test
    void aLevelKeptForAnotherLevelLeavesItsOwnOrderToBeModifiedIntoTheOrderStillMissing() {
        // the price fell by one level spacing: the old b1 is exactly the new b0 and stays; the old b0 becomes the
        // new b1 in one modify instead of a cancel whose answer the new b1 would wait for
        LiveOrder b0 = resting("b0", Side.BUY, "100000", "1", 1);
        LiveOrder b1 = resting("b1", Side.BUY, "99900", "1", 1);
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2, List.of(
                target("b0", Side.BUY, "99900", "1"), target("b1", Side.BUY, "99800", "1")), book.of("BTC"))
                .withModifies();
        assertEquals(List.of(b1), plan.kept(), plan.toString());
        assertEquals(1, plan.modifies().size(), plan.toString());
        assertSame(b0, plan.modifies().get(0).old());
        assertEquals(ClientOrderIds.cloid("w1", "BTC", 2, "b1"), plan.modifies().get(0).order().cloid());
        assertEquals(new BigDecimal("99800"), plan.modifies().get(0).order().price());
        assertTrue(plan.cancels().isEmpty(), plan.toString());
        assertTrue(plan.creates().isEmpty(), plan.toString());
    }

    @Test
    void withoutAKnownVenueIdOrWhilePendingAReplaceStaysACancelPlusACreate() {
        String cloid = ClientOrderIds.cloid("w1", "BTC", 1, "b0");
        LiveOrder pendingBid = new LiveOrder(cloid, "BTC", "b0", Side.BUY, new BigDecimal("100000"), BigDecimal.ONE,
                TimeInForce.GTC, 1, 0);
        book.addPending(pendingBid); // sent, no answer yet: no venue id
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2, List.of(target("b0", Side.BUY, "99950", "1")),
                book.of("BTC")).withModifies();
        assertTrue(plan.modifies().isEmpty(), plan.toString());
        assertTrue(plan.creates().isEmpty(), "an unconfirmed order holds its level: " + plan);
        assertEquals(List.of(pendingBid), plan.kept());

        // an order whose venue id is known but that is not resting (filled on arrival) is not modified either
        LiveOrders other = new LiveOrders();
        LiveOrder filledOnArrival = new LiveOrder(cloid, "BTC", "b0", Side.BUY, new BigDecimal("100000"),
                BigDecimal.ONE, TimeInForce.GTC, 1, 0);
        other.addPending(filledOnArrival);
        other.attachOid(cloid, 4242);
        ReconcilePlan plan2 = reconciler.reconcile("w1", "BTC", 2, List.of(target("b0", Side.BUY, "99950", "1")),
                other.of("BTC")).withModifies();
        assertTrue(plan2.modifies().isEmpty(), plan2.toString());
        assertEquals(1, plan2.cancels().size());
        assertEquals(1, plan2.creates().size());
    }

    @Test
    void keptOrdersAndPureCancelsAndCreatesAreUnchangedByWithModifies() {
        LiveOrder kept = resting("b0", Side.BUY, "100000", "1", 1);
        LiveOrder ask = resting("a0", Side.SELL, "100100", "1", 1);
        ReconcilePlan plan = reconciler.reconcile("w1", "BTC", 2, List.of(
                target("b0", Side.BUY, "100000", "1"), target("b1", Side.BUY, "99900", "1")), book.of("BTC"))
                .withModifies();
        assertTrue(plan.modifies().isEmpty());
        assertEquals(List.of(kept), plan.kept());
        assertEquals(List.of(ask), plan.cancels());
        assertEquals(List.of(ClientOrderIds.cloid("w1", "BTC", 2, "b1")),
                plan.creates().stream().map(NewOrder::cloid).toList());
    }
}
