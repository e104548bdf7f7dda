package io.mmplatform.execution.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for one (wallet, market), how to get from the live orders to the desired ones: a live order that is
 * within tolerance of a desired order is kept (same level first, then the nearest price on the same side); every
 * other live order is cancelled and every unmatched desired order is created. An order whose placement is
 * unconfirmed (sent, answer lost, no venue id) holds its level, and an order that may still rest (unconfirmed, or
 * its cancel not confirmed) blocks a new order at its price, until the venue has been read: one level or price never
 * carries two orders of ours. What waits for that read is listed in {@link ReconcilePlan#waiting()}. A "replace" is a cancel plus a create
 * ({@link ReconcilePlan#withModifies()} turns those of a level's resting order into one modify).
 * Orders already being cancelled are neither kept nor cancelled again. With a minimum replace interval, a level's live
 * order younger than it is kept even when out of tolerance (it is replaced by a later intent); a level that is no
 * longer wanted is still cancelled at once.
 */
public final class OrderReconciler {
    private final Tolerance tolerance;
    private final long minReplaceIntervalMs;
    private final boolean cancelsRunFirst;

    public OrderReconciler(Tolerance tolerance) {
        this(tolerance, 0);
    }

    public OrderReconciler(Tolerance tolerance, long minReplaceIntervalMs) {
        this(tolerance, minReplaceIntervalMs, false);
    }

    /**
     * @param minReplaceIntervalMs a live order placed less than this long ago is not replaced on its own level (it is
     *                             kept until a later intent, once the interval has passed); 0 disables
     * @param cancelsRunFirst      the venue runs our requests in the order they were accepted and a request's cancels
     *                             before its creates (Injective: txs by account sequence, MsgBatchUpdateOrders cancels
     *                             first): an order being cancelled cannot meet a later order at its price, so it
     *                             does not block that price
     */
    public OrderReconciler(Tolerance tolerance, long minReplaceIntervalMs, boolean cancelsRunFirst) {
        if (minReplaceIntervalMs < 0) {
            throw new IllegalArgumentException("min replace interval must be >= 0, got " + minReplaceIntervalMs);
        }
        this.tolerance = tolerance;
        this.minReplaceIntervalMs = minReplaceIntervalMs;
        this.cancelsRunFirst = cancelsRunFirst;
    }

    /** As {@link #reconcile(String, String, long, List, Collection, long)} without the replace interval. */
    public ReconcilePlan reconcile(String walletId, String market, long intentSeq,
                                   List<TargetOrder> desired, Collection<LiveOrder> live) {
        return reconcile(walletId, market, intentSeq, desired, live, Long.MIN_VALUE);
    }

    /**
     * @param desired the desired orders, already on the venue's tick and lot
     * @param live    the wallet's live orders of this market (any state)
     * @param nowMs   the time, for the minimum replace interval ({@link Long#MIN_VALUE}: no interval applies)
     */
    public ReconcilePlan reconcile(String walletId, String market, long intentSeq,
                                   List<TargetOrder> desired, Collection<LiveOrder> live, long nowMs) {
        List<LiveOrder> candidates = new ArrayList<>();
        Set<String> liveIds = new HashSet<>();
        for (LiveOrder o : live) {
            liveIds.add(o.cloid());
            if (o.state() != OrderState.PENDING_CANCEL) {
                candidates.add(o);
            }
        }
        Map<LiveOrder, TargetOrder> matched = new IdentityHashMap<>();
        Set<Integer> satisfied = new HashSet<>();

        // pass 1: the same ladder level, within tolerance
        for (int i = 0; i < desired.size(); i++) {
            TargetOrder t = desired.get(i);
            for (LiveOrder o : candidates) {
                if (!matched.containsKey(o) && t.levelId().equals(o.levelId()) && within(o, t)) {
                    matched.put(o, t);
                    satisfied.add(i);
                    break;
                }
            }
        }
        // pass 2: any unmatched live order of the same side within tolerance, the nearest price first
        for (int i = 0; i < desired.size(); i++) {
            if (satisfied.contains(i)) {
                continue;
            }
            TargetOrder t = desired.get(i);
            LiveOrder best = null;
            BigDecimal bestDistance = null;
            for (LiveOrder o : candidates) {
                if (matched.containsKey(o) || !within(o, t)) {
                    continue;
                }
                BigDecimal distance = o.price().subtract(t.price()).abs();
                if (best == null || distance.compareTo(bestDistance) < 0) {
                    best = o;
                    bestDistance = distance;
                }
            }
            if (best != null) {
                matched.put(best, t);
                satisfied.add(i);
            }
        }

        // pass 3: a level keeps its live order (same level and side) for now when that order is unconfirmed or too
        // young to be replaced
        boolean intervalApplies = minReplaceIntervalMs > 0 && nowMs != Long.MIN_VALUE;
        List<TargetOrder> waiting = new ArrayList<>();
        for (int i = 0; i < desired.size(); i++) {
            if (satisfied.contains(i)) {
                continue;
            }
            TargetOrder t = desired.get(i);
            for (LiveOrder o : candidates) {
                if (matched.containsKey(o) || !t.levelId().equals(o.levelId()) || o.side() != t.side()) {
                    continue;
                }
                boolean young = intervalApplies && nowMs - o.placedAtMs() < minReplaceIntervalMs;
                if (young || unconfirmed(o)) {
                    matched.put(o, t);
                    satisfied.add(i);
                    if (!young) {
                        waiting.add(t);
                    }
                    break;
                }
            }
        }

        List<LiveOrder> kept = new ArrayList<>();
        List<LiveOrder> cancels = new ArrayList<>();
        for (LiveOrder o : candidates) {
            (matched.containsKey(o) ? kept : cancels).add(o);
        }
        // an order that may still rest on the venue (its cancel or its placement not confirmed) blocks a new order
        // at its price: one (side, price) never carries two orders of ours
        List<LiveOrder> uncertain = new ArrayList<>();
        for (LiveOrder o : live) {
            if (o.state() == OrderState.PENDING_CANCEL && !cancelsRunFirst || unconfirmed(o) && !matched.containsKey(o)) {
                uncertain.add(o);
            }
        }
        List<NewOrder> creates = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (int i = 0; i < desired.size(); i++) {
            if (satisfied.contains(i)) {
                continue;
            }
            TargetOrder t = desired.get(i);
            if (uncertain.stream().anyMatch(o -> o.side() == t.side() && o.price().compareTo(t.price()) == 0)) {
                waiting.add(t);
                continue;
            }
            String cloid = ClientOrderIds.cloid(walletId, market, intentSeq, t.levelId());
            // a duplicate level in one intent, or an intent seen twice, must not reuse a client order id
            if (liveIds.contains(cloid) || !planned.add(cloid)) {
                continue;
            }
            creates.add(NewOrder.of(cloid, t));
        }
        return new ReconcilePlan(cancels, creates, kept, waiting);
    }

    /**
     * Sent, but the venue's answer was lost: it may rest on the venue. Replacing it before the settle loop has read
     * the venue could leave two of our orders on one level, so the level waits for the outcome.
     */
    private static boolean unconfirmed(LiveOrder o) {
        return o.state() == OrderState.PENDING_NEW && o.oid() == null;
    }

    private boolean within(LiveOrder o, TargetOrder t) {
        return o.side() == t.side()
                && tolerance.priceWithin(o.price(), t.price())
                && tolerance.sizeWithin(o.remaining(), t.size());
    }

}
