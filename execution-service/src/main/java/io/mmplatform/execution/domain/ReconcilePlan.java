package io.mmplatform.execution.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to do to turn the live orders of one (wallet, market) into the desired set: cancel, create, keep, and (after
 * {@link #withModifies()}) modify: a replace of a level's resting order sent as one venue modify. {@code waiting}
 * holds the desired orders that cannot be placed before the venue's open orders are read again (an order of ours
 * whose outcome is unknown holds their level or price); the intent is worth applying again after that read.
 */
public record ReconcilePlan(List<LiveOrder> cancels, List<NewOrder> creates, List<LiveOrder> kept,
                           List<Modify> modifies, List<TargetOrder> waiting) {
    /** A live order of a level replaced in place by a new order of the same level (Hyperliquid batchModify). */
    public record Modify(LiveOrder old, NewOrder order) {
    }

    public ReconcilePlan {
        cancels = List.copyOf(cancels);
        creates = List.copyOf(creates);
        kept = List.copyOf(kept);
        modifies = List.copyOf(modifies);
        waiting = List.copyOf(waiting);
    }

    public ReconcilePlan(List<LiveOrder> cancels, List<NewOrder> creates, List<LiveOrder> kept,
                         List<TargetOrder> waiting) {
        this(cancels, creates, kept, List.of(), waiting);
    }

    public boolean isEmpty() {
        return cancels.isEmpty() && creates.isEmpty() && modifies.isEmpty();
    }

    /**
     * Turns each replace (a cancel of a resting order with a known venue id plus a create on the same side) into one
     * modify: a level's order becomes that level's new order first; the orders left over on a side pair up by
     * nearest price (the reconciler keeps a live order for another level when it is within tolerance there, which
     * leaves its own level's order to cancel and the other level's to create). Everything else stays a cancel or a
     * create.
     */
    public ReconcilePlan withModifies() {
        Map<String, LiveOrder> byLevel = new LinkedHashMap<>();
        List<LiveOrder> modifiable = new ArrayList<>();
        for (LiveOrder o : cancels) {
            if (o.levelId() != null && o.oid() != null && o.state() == OrderState.RESTING) {
                byLevel.putIfAbsent(o.levelId(), o);
                modifiable.add(o);
            }
        }
        List<Modify> mods = new ArrayList<>(modifies);
        List<NewOrder> unpaired = new ArrayList<>();
        for (NewOrder n : creates) {
            LiveOrder old = byLevel.remove(n.levelId());
            if (old != null && old.side() == n.side()) {
                mods.add(new Modify(old, n));
                modifiable.remove(old);
            } else {
                if (old != null) {
                    byLevel.put(n.levelId(), old);
                }
                unpaired.add(n);
            }
        }
        List<NewOrder> restCreates = new ArrayList<>();
        for (NewOrder n : unpaired) {
            LiveOrder nearest = null;
            for (LiveOrder o : modifiable) {
                if (o.side() == n.side() && (nearest == null || o.price().subtract(n.price()).abs()
                        .compareTo(nearest.price().subtract(n.price()).abs()) < 0)) {
                    nearest = o;
                }
            }
            if (nearest != null) {
                mods.add(new Modify(nearest, n));
                modifiable.remove(nearest);
            } else {
                restCreates.add(n);
            }
        }
        List<LiveOrder> restCancels = new ArrayList<>();
        for (LiveOrder o : cancels) {
            if (mods.stream().noneMatch(m -> m.old() == o)) {
                restCancels.add(o);
            }
        }
        return new ReconcilePlan(restCancels, restCreates, kept, mods, waiting);
    }
}
