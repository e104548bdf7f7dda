package io.mmplatform.execution.domain;

import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmallPartsTest {
    @Test
    void clientOrderIdsAreDeterministicHyperliquidCloids() {
        String id = ClientOrderIds.cloid("w1", "BTC", 42, "b0");
        assertTrue(ClientOrderIds.isValid(id), id);
        assertEquals(34, id.length());
        assertEquals(id, ClientOrderIds.cloid("w1", "BTC", 42, "b0"));
        assertNotEquals(id, ClientOrderIds.cloid("w1", "BTC", 43, "b0"));
        assertNotEquals(id, ClientOrderIds.cloid("w2", "BTC", 42, "b0"));
        assertNotEquals(id, ClientOrderIds.cloid("w1", "ETH", 42, "b0"));
        assertNotEquals(id, ClientOrderIds.cloid("w1", "BTC", 42, "b1"));
        assertNotEquals(ClientOrderIds.cloid("w1", "BTC", 1, "1b0"), ClientOrderIds.cloid("w1", "BTC", 11, "b0"));
    }

    @Test
    void intentsWithALowerOrEqualSeqAreDropped() {
        IntentSequencer seq = new IntentSequencer();
        assertTrue(seq.accept("w1", "BTC", 5));
        assertFalse(seq.accept("w1", "BTC", 5));
        assertFalse(seq.accept("w1", "BTC", 4));
        assertTrue(seq.accept("w1", "ETH", 1), "each market has its own sequence");
        assertTrue(seq.accept("w2", "BTC", 1), "each wallet has its own sequence");
        assertTrue(seq.accept("w1", "BTC", 6));
    }

    @Test
    void seenFillsForgetTheOldestBeyondCapacity() {
        SeenFills seen = new SeenFills(2);
        assertTrue(seen.firstTime("hyperliquid:1:B"));
        assertFalse(seen.firstTime("hyperliquid:1:B"));
        assertTrue(seen.firstTime("hyperliquid:1:A"), "the other side of the same trade is another fill");
        assertTrue(seen.firstTime("hyperliquid:2:B"));
        assertEquals(2, seen.size());
        assertTrue(seen.firstTime("hyperliquid:1:B"));
    }

    @Test
    void liveOrdersFollowAnOrderThroughItsLife() {
        LiveOrders book = new LiveOrders();
        String cloid = ClientOrderIds.cloid("w1", "BTC", 1, "b0");
        LiveOrder o = book.addPending(new LiveOrder(cloid, "BTC", "b0", Side.BUY, new BigDecimal("100"),
                new BigDecimal("2"), TimeInForce.GTC, 1, 0));
        assertEquals(OrderState.PENDING_NEW, o.state());
        assertThrows(IllegalStateException.class, () -> book.addPending(o));
        book.acknowledge(cloid, 77);
        assertEquals(OrderState.RESTING, o.state());
        assertEquals(o, book.byOid(77).orElseThrow());
        book.applyFill(o, new BigDecimal("0.5"));
        assertEquals(0, new BigDecimal("1.5").compareTo(o.remaining()));
        assertTrue(book.contains(cloid));
        // a venue snapshot read before that fill shows 2 still: it must not undo the fill
        book.updateRemaining(o, new BigDecimal("2"));
        assertEquals(0, new BigDecimal("1.5").compareTo(o.remaining()));
        book.updateRemaining(o, new BigDecimal("1.2")); // a fill the venue knows of and we do not yet
        assertEquals(0, new BigDecimal("1.2").compareTo(o.remaining()));
        book.updateRemaining(o, new BigDecimal("1.5"));
        assertEquals(0, new BigDecimal("1.2").compareTo(o.remaining()));
        book.markPendingCancel(cloid);
        assertEquals(OrderState.PENDING_CANCEL, o.state());
        book.applyFill(o, new BigDecimal("1.2"));
        assertFalse(book.contains(cloid), "a completely filled order leaves the book");
        assertTrue(book.byOid(77).isEmpty());
    }

    @Test
    void toleranceIsSymmetric() {
        Tolerance t = new Tolerance(new BigDecimal("5"), new BigDecimal("0.2"));
        assertTrue(t.priceWithin(new BigDecimal("1000.5"), new BigDecimal("1000")));
        assertTrue(t.priceWithin(new BigDecimal("999.5"), new BigDecimal("1000")));
        assertFalse(t.priceWithin(new BigDecimal("1000.6"), new BigDecimal("1000")));
        assertTrue(t.sizeWithin(new BigDecimal("0.8"), BigDecimal.ONE));
        assertFalse(t.sizeWithin(new BigDecimal("1.21"), BigDecimal.ONE));
    }
}
