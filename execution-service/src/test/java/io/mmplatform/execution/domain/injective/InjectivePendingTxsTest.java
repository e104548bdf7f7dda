package io.mmplatform.execution.domain.injective;

import io.mmplatform.execution.domain.injective.InjectivePendingTxs.SentTx;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectivePendingTxsTest {
    private static SentTx tx(String hash, long sequence, long timeoutHeight, List<String> creates, List<String> cancels,
                             boolean unknown) {
        return new SentTx(hash, "INJ/USDT", sequence, timeoutHeight, creates, cancels, unknown, 0);
    }

    @Test
    void ordersOfAPendingTxAreInvolvedUntilItIsConcluded() {
        InjectivePendingTxs txs = new InjectivePendingTxs();
        txs.add(tx("A", 5, 100, List.of("0xa1", "0xa2"), List.of("0xc1"), false));
        txs.add(tx("B", 6, 100, List.of("0xb1"), List.of("0xa1"), false));
        assertTrue(txs.involves("0xa2"));
        assertTrue(txs.involves("0xc1"));
        txs.remove("A");
        assertFalse(txs.involves("0xa2"));
        assertTrue(txs.involves("0xa1"), "B still cancels 0xa1");
        assertEquals(List.of("B"), txs.all().stream().map(SentTx::hash).toList());
        assertThrows(IllegalStateException.class, () -> txs.add(tx("B", 7, 100, List.of(), List.of(), false)));
    }

    @Test
    void aTxPastItsTimeoutHeightIsLostAndOnlyThen() {
        InjectivePendingTxs txs = new InjectivePendingTxs();
        txs.add(tx("A", 5, 100, List.of("0xa1"), List.of(), false));
        txs.add(tx("B", 6, 104, List.of("0xb1"), List.of(), false));
        assertTrue(txs.expiredAt(100).isEmpty(), "at its timeout height a tx may still be included");
        assertEquals(List.of("A"), txs.expiredAt(101).stream().map(SentTx::hash).toList());
        assertFalse(txs.involves("0xa1"));
        assertEquals(1, txs.size());
    }

    @Test
    void aMismatchDropsEveryTxFromTheExpectedSequenceOn() {
        InjectivePendingTxs txs = new InjectivePendingTxs();
        txs.add(tx("A", 5, 100, List.of("0xa1"), List.of(), false));
        txs.add(tx("B", 6, 100, List.of("0xb1"), List.of(), false));
        txs.add(tx("C", 7, 100, List.of("0xc1"), List.of(), false));
        // the chain expects 6: the mempool holds 5, never got 6 and 7
        assertEquals(List.of("B", "C"), txs.droppedFrom(6).stream().map(SentTx::hash).toList());
        assertEquals(List.of("A"), txs.all().stream().map(SentTx::hash).toList());
    }

    @Test
    void anAcceptedTxSupersedesAnUnansweredOneWithItsSequence() {
        InjectivePendingTxs txs = new InjectivePendingTxs();
        txs.add(tx("A", 5, 100, List.of("0xa1"), List.of(), true));
        txs.add(tx("B", 5, 100, List.of("0xb1"), List.of(), false));
        assertEquals(List.of("A"), txs.supersededBy("B", 5).stream().map(SentTx::hash).toList());
        assertEquals(List.of("B"), txs.all().stream().map(SentTx::hash).toList());
        assertTrue(txs.supersededBy("B", 5).isEmpty());
    }
}
