package io.mmplatform.execution.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which wallets this instance may send for: those whose partition of the intents topic it currently owns (a wallet's
 * partition is the topic's key partition of its id, see {@link Partitioner}). Assignments and revocations arrive
 * incrementally (cooperative rebalancing) or as a whole (eager); both are deltas here. Thread-safe.
 */
public final class WalletOwnership {
    /** The partition of a wallet id among {@code partitions} partitions (Kafka's default partitioner on the key). */
    @FunctionalInterface
    public interface Partitioner {
        int partition(String walletId, int partitions);
    }

    private final Set<String> wallets;
    private final Partitioner partitioner;
    private final Set<Integer> owned = new TreeSet<>();
    private int partitionCount;

    public WalletOwnership(Collection<String> walletIds, Partitioner partitioner) {
        this.wallets = new LinkedHashSet<>(walletIds);
        this.partitioner = partitioner;
    }

    /**
     * Partitions newly assigned to this instance.
     *
     * @param partitionCount how many partitions the topic has now
     * @return the wallets this instance owns now and did not own before
     */
    public synchronized List<String> assign(Collection<Integer> partitions, int partitionCount) {
        if (partitionCount <= 0) {
            throw new IllegalArgumentException("partition count must be positive, got " + partitionCount);
        }
        for (int p : partitions) {
            if (p < 0 || p >= partitionCount) {
                throw new IllegalArgumentException("partition " + p + " outside 0.." + (partitionCount - 1));
            }
        }
        Set<String> before = ownedWallets();
        this.partitionCount = partitionCount;
        owned.addAll(partitions);
        List<String> gained = new ArrayList<>();
        for (String w : ownedWallets()) {
            if (!before.contains(w)) {
                gained.add(w);
            }
        }
        return gained;
    }

    /** Partitions taken away (revoked or lost); returns the wallets this instance no longer owns. */
    public synchronized List<String> revoke(Collection<Integer> partitions) {
        Set<String> before = ownedWallets();
        owned.removeAll(partitions);
        Set<String> after = ownedWallets();
        List<String> lost = new ArrayList<>();
        for (String w : before) {
            if (!after.contains(w)) {
                lost.add(w);
            }
        }
        return lost;
    }

    public synchronized boolean owns(String walletId) {
        return wallets.contains(walletId) && partitionCount > 0
                && owned.contains(partitioner.partition(walletId, partitionCount));
    }

    public synchronized Set<String> ownedWallets() {
        Set<String> out = new LinkedHashSet<>();
        if (partitionCount > 0) {
            for (String w : wallets) {
                if (owned.contains(partitioner.partition(w, partitionCount))) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    public synchronized Set<Integer> ownedPartitions() {
        return new HashSet<>(owned);
    }
}
