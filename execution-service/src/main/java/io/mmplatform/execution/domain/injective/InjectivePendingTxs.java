package io.mmplatform.execution.domain.injective;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One wallet's transactions that left (accepted by CheckTx, or with an unknown outcome) and are not yet seen in a
 * block. Each names the orders it creates and cancels by cloid, so the settle loop leaves those alone until the tx
 * is concluded: found in a block (confirmed or failed as a whole), or known lost.
 *
 * <p>A tx is known lost when the chain passed its timeout height without it (the chain will never include it), or
 * when the chain answers a later tx with {@code account sequence mismatch, expected X}: the mempool's sequence is X,
 * so no tx of ours with a sequence of X or more is in it ({@link #droppedFrom}). Not thread-safe: the wallet's thread
 * owns it.
 */
public final class InjectivePendingTxs {
    /** A tx out of our hands: its hash, sequence, timeout height, and the cloids it creates and cancels. */
    public record SentTx(String hash, String market, long sequence, long timeoutHeight, List<String> creates,
                         List<String> cancels, boolean outcomeUnknown, long sentAtMs) {
        public SentTx {
            creates = List.copyOf(creates);
            cancels = List.copyOf(cancels);
        }
    }

    private final Map<String, SentTx> byHash = new LinkedHashMap<>();
    private final Set<String> involved = new HashSet<>();

    public void add(SentTx tx) {
        if (byHash.putIfAbsent(tx.hash(), tx) != null) {
            throw new IllegalStateException("tx " + tx.hash() + " is pending already");
        }
        involved.addAll(tx.creates());
        involved.addAll(tx.cancels());
    }

    /** Oldest first. */
    public List<SentTx> all() {
        return List.copyOf(byHash.values());
    }

    public boolean isEmpty() {
        return byHash.isEmpty();
    }

    public int size() {
        return byHash.size();
    }

    /** Does a pending tx create or cancel this order? */
    public boolean involves(String cloid) {
        return involved.contains(cloid);
    }

    /** The tx is concluded (seen in a block, or lost). */
    public SentTx remove(String hash) {
        SentTx tx = byHash.remove(hash);
        if (tx != null) {
            rebuildInvolved();
        }
        return tx;
    }

    /** Txs the chain can no longer include: their timeout height is below {@code height}. Removed and returned. */
    public List<SentTx> expiredAt(long height) {
        return removeIf(tx -> tx.timeoutHeight() > 0 && height > tx.timeoutHeight());
    }

    /**
     * The chain expects sequence {@code expected} next: pending txs signed with {@code expected} or more never
     * reached its mempool. Removed and returned.
     */
    public List<SentTx> droppedFrom(long expected) {
        return removeIf(tx -> tx.sequence() >= expected);
    }

    /**
     * The chain accepted a tx signed with {@code sequence}: an earlier tx with the same sequence (its broadcast went
     * unanswered) is not in the mempool and never will be. Removed and returned.
     */
    public List<SentTx> supersededBy(String acceptedHash, long sequence) {
        return removeIf(tx -> tx.sequence() == sequence && !tx.hash().equals(acceptedHash));
    }

    private List<SentTx> removeIf(java.util.function.Predicate<SentTx> test) {
        List<SentTx> out = new ArrayList<>();
        for (SentTx tx : byHash.values()) {
            if (test.test(tx)) {
                out.add(tx);
            }
        }
        if (!out.isEmpty()) {
            out.forEach(tx -> byHash.remove(tx.hash()));
            rebuildInvolved();
        }
        return out;
    }

    private void rebuildInvolved() {
        involved.clear();
        Collection<SentTx> txs = byHash.values();
        for (SentTx tx : txs) {
            involved.addAll(tx.creates());
            involved.addAll(tx.cancels());
        }
    }
}
