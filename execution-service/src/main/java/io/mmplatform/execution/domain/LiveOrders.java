package io.mmplatform.execution.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The live-order book of one wallet, keyed by client order id (and by venue order id once known).
 * Not thread-safe by design: one wallet, one writer.
 */
public final class LiveOrders {
    private final Map<String, LiveOrder> byCloid = new LinkedHashMap<>();
    private final Map<Long, LiveOrder> byOid = new HashMap<>();

    /** Records an order that is about to be sent. */
    public LiveOrder addPending(LiveOrder order) {
        if (byCloid.containsKey(order.cloid())) {
            throw new IllegalStateException("client order id already live: " + order.cloid());
        }
        byCloid.put(order.cloid(), order);
        return order;
    }

    /** Forgets every order (a new owner of the wallet rebuilds the book from the venue). */
    public void clear() {
        byCloid.clear();
        byOid.clear();
    }

    /**
     * Takes over an order found resting on the venue (placed by an earlier owner of the wallet): it becomes a resting
     * order with its venue id and remaining size. Returns false if its client order id is already live.
     */
    public boolean adopt(LiveOrder order, long oid, BigDecimal remaining) {
        if (byCloid.containsKey(order.cloid())) {
            return false;
        }
        byCloid.put(order.cloid(), order);
        order.oid(oid);
        order.state(OrderState.RESTING);
        if (remaining.signum() > 0) {
            order.remaining(remaining);
        }
        byOid.put(oid, order);
        return true;
    }

    public boolean contains(String cloid) {
        return byCloid.containsKey(cloid);
    }

    public Optional<LiveOrder> byCloid(String cloid) {
        return Optional.ofNullable(cloid == null ? null : byCloid.get(cloid));
    }

    public Optional<LiveOrder> byOid(long oid) {
        return Optional.ofNullable(byOid.get(oid));
    }

    /** The venue acknowledged the order: it rests with this venue order id. */
    public Optional<LiveOrder> acknowledge(String cloid, long oid) {
        LiveOrder o = byCloid.get(cloid);
        if (o == null) {
            return Optional.empty();
        }
        o.oid(oid);
        byOid.put(oid, o);
        if (o.state() == OrderState.PENDING_NEW) {
            o.state(OrderState.RESTING);
        }
        return Optional.of(o);
    }

    /**
     * The venue confirmed the order rests, without a numeric venue id (Injective names orders by hash and by our
     * cid): PENDING_NEW becomes RESTING.
     */
    public Optional<LiveOrder> confirm(String cloid) {
        LiveOrder o = byCloid.get(cloid);
        if (o != null && o.state() == OrderState.PENDING_NEW) {
            o.state(OrderState.RESTING);
        }
        return Optional.ofNullable(o);
    }

    /** Takes over a resting order found on a venue that has no numeric order ids (see {@link #confirm}). */
    public boolean adopt(LiveOrder order, BigDecimal remaining) {
        if (byCloid.containsKey(order.cloid())) {
            return false;
        }
        byCloid.put(order.cloid(), order);
        order.state(OrderState.RESTING);
        if (remaining.signum() > 0) {
            order.remaining(remaining);
        }
        return true;
    }

    /** Attaches the venue id without changing the state (e.g. an order filled on arrival). */
    public void attachOid(String cloid, long oid) {
        LiveOrder o = byCloid.get(cloid);
        if (o != null) {
            o.oid(oid);
            byOid.put(oid, o);
        }
    }

    public Optional<LiveOrder> markPendingCancel(String cloid) {
        LiveOrder o = byCloid.get(cloid);
        if (o != null) {
            o.state(OrderState.PENDING_CANCEL);
        }
        return Optional.ofNullable(o);
    }

    /** A cancel (or modify) that the venue refused as a whole: the order rests again. */
    public void cancelRefused(String cloid) {
        LiveOrder o = byCloid.get(cloid);
        if (o != null && o.oid() != null && o.state() == OrderState.PENDING_CANCEL) {
            o.state(OrderState.RESTING);
        }
    }

    /** Forgets an order (cancelled, rejected, or completely filled). */
    public Optional<LiveOrder> remove(String cloid) {
        LiveOrder o = byCloid.remove(cloid);
        if (o != null && o.oid() != null) {
            byOid.remove(o.oid());
        }
        return Optional.ofNullable(o);
    }

    /**
     * Applies a fill of the given size: the remaining size shrinks; a completely filled order is removed.
     *
     * @return the order after the fill, or empty if unknown
     */
    public Optional<LiveOrder> applyFill(LiveOrder order, BigDecimal filled) {
        if (byCloid.get(order.cloid()) != order) {
            return Optional.empty();
        }
        BigDecimal left = order.remaining().subtract(filled);
        order.remaining(left.signum() < 0 ? BigDecimal.ZERO : left);
        if (order.remaining().signum() == 0) {
            remove(order.cloid());
        }
        return Optional.of(order);
    }

    /**
     * Lowers the remaining size to the venue's view (openOrders sz). Never raises it: a snapshot read before a fill
     * that was applied since still shows the size from before that fill.
     */
    public void updateRemaining(LiveOrder order, BigDecimal remaining) {
        if (byCloid.get(order.cloid()) == order && remaining.signum() > 0
                && remaining.compareTo(order.remaining()) < 0) {
            order.remaining(remaining);
        }
    }

    public List<LiveOrder> of(String market) {
        return select(o -> o.market().equals(market));
    }

    public List<LiveOrder> select(Predicate<LiveOrder> filter) {
        List<LiveOrder> out = new ArrayList<>();
        for (LiveOrder o : byCloid.values()) {
            if (filter.test(o)) {
                out.add(o);
            }
        }
        return out;
    }

    public Collection<LiveOrder> all() {
        return List.copyOf(byCloid.values());
    }

    public int size() {
        return byCloid.size();
    }

    public boolean isEmpty() {
        return byCloid.isEmpty();
    }
}
