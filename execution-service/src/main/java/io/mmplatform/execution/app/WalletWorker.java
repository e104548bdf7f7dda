package io.mmplatform.execution.app;

import io.mmplatform.common.hyperliquid.NonceGenerator;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillScope;
import io.mmplatform.common.messages.Liquidity;
import io.mmplatform.common.messages.OrderEvent;
import io.mmplatform.common.messages.OrderEventType;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.Side;
import io.mmplatform.execution.adapters.HyperliquidClient;
import io.mmplatform.execution.adapters.HyperliquidClient.CancelStatus;
import io.mmplatform.execution.adapters.HyperliquidClient.OpenOrder;
import io.mmplatform.execution.adapters.HyperliquidClient.OrderStatus;
import io.mmplatform.execution.adapters.HyperliquidClient.SignedRequest;
import io.mmplatform.execution.adapters.HyperliquidClient.UserFill;
import io.mmplatform.execution.adapters.HyperliquidClient.WireCancel;
import io.mmplatform.execution.adapters.HyperliquidClient.WireOrder;
import io.mmplatform.execution.adapters.VenueException;
import io.mmplatform.execution.adapters.Wallet;
import io.mmplatform.execution.domain.KillSwitchState;
import io.mmplatform.execution.domain.LiveOrder;
import io.mmplatform.execution.domain.LiveOrders;
import io.mmplatform.execution.domain.MarketSpec;
import io.mmplatform.execution.domain.NewOrder;
import io.mmplatform.execution.domain.OrderReconciler;
import io.mmplatform.execution.domain.OrderState;
import io.mmplatform.execution.domain.PreTradeChecks;
import io.mmplatform.execution.domain.ReconcilePlan;
import io.mmplatform.execution.domain.SeenFills;
import io.mmplatform.execution.domain.TargetOrder;
import io.mmplatform.execution.domain.VenueRules;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything execution does for one wallet, on one thread: reconcile intents, sign and send, poll fills, settle
 * against the venue's open orders, obey kills. The single writer of the wallet's nonces and live orders.
 */
final class WalletWorker {
    static final String VENUE = "hyperliquid";
    private static final Logger LOG = Logger.getLogger(WalletWorker.class);
    private static final int KILL_VERIFY_ATTEMPTS = 20;

    private final Wallet wallet;
    private final HyperliquidClient venue;
    private final OrderReconciler reconciler;
    private final PreTradeChecks checks;
    private final KillSwitchState kill;
    private final ExecutionEvents events;
    private final ExecutionMetrics metrics;
    private final Duration maxIntentAge;
    private final ScheduledExecutorService exec;
    private final LiveOrders live = new LiveOrders();
    private final SeenFills seen = new SeenFills(200_000);
    private final NonceGenerator nonces = new NonceGenerator();
    private final Map<String, QuoteIntent> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile VenueRules rules;
    private volatile boolean accepting;
    private String lastPollError;

    WalletWorker(Wallet wallet, HyperliquidClient venue, OrderReconciler reconciler, PreTradeChecks checks,
                 KillSwitchState kill, ExecutionEvents events, ExecutionMetrics metrics, Duration maxIntentAge) {
        this.wallet = wallet;
        this.venue = venue;
        this.reconciler = reconciler;
        this.checks = checks;
        this.kill = kill;
        this.events = events;
        this.metrics = metrics;
        this.maxIntentAge = maxIntentAge;
        this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wallet-" + wallet.id());
            t.setDaemon(true);
            return t;
        });
    }

    Wallet wallet() {
        return wallet;
    }

    boolean accepting() {
        return accepting;
    }

    /**
     * Takes over the wallet on the venue: cancels whatever rests there (we know none of it), publishes the fills the
     * venue reports, then accepts intents and starts the fill poll and the settle loop.
     */
    CompletableFuture<Void> start(VenueRules venueRules, Duration fillPoll, Duration settleEvery) {
        return CompletableFuture.runAsync(() -> {
            this.rules = venueRules;
            List<OpenOrder> open = venue.openOrders(wallet.address());
            if (!open.isEmpty()) {
                LOG.infof("wallet %s: cancelling %d order(s) left on the venue from before this start", wallet, open.size());
                cancelUnknown(open);
            }
            pollFills();
            accepting = true;
            exec.scheduleWithFixedDelay(() -> guarded("fill poll", this::pollFills),
                    fillPoll.toMillis(), fillPoll.toMillis(), TimeUnit.MILLISECONDS);
            exec.scheduleWithFixedDelay(() -> guarded("settle", this::settle),
                    settleEvery.toMillis(), settleEvery.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("wallet %s: ready, %d fill(s) already on the venue", wallet, seen.size());
        }, exec);
    }

    // ------------------------------------------------------------------ intents

    /** Latest wins: a newer intent for the same market replaces one still waiting. Called from the consumer. */
    void offer(QuoteIntent intent) {
        if (!accepting) {
            metrics.intent("not_ready");
            return;
        }
        pending.merge(intent.market(), intent, (old, fresh) -> fresh.seq() > old.seq() ? fresh : old);
        if (drainScheduled.compareAndSet(false, true)) {
            exec.execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        for (String market : List.copyOf(pending.keySet())) {
            QuoteIntent intent = pending.remove(market);
            if (intent != null) {
                guarded("intent " + market + "#" + intent.seq(), () -> process(intent));
            }
        }
    }

    private void process(QuoteIntent intent) {
        if (!accepting) {
            metrics.intent("not_ready");
            return;
        }
        Optional<KillSwitchState.Engaged> blocking = kill.blocking(wallet.id(), intent.market());
        if (blocking.isPresent()) {
            metrics.intent("killed");
            LOG.debugf("wallet %s: intent %s#%d refused, kill %s engaged", wallet.id(), intent.market(), intent.seq(),
                    blocking.get().scope());
            return;
        }
        if (intent.createdAtMs() > 0 && System.currentTimeMillis() - intent.createdAtMs() > maxIntentAge.toMillis()) {
            metrics.intent("stale");
            return;
        }
        Optional<MarketSpec> spec = rules.market(intent.market());
        if (spec.isEmpty()) {
            metrics.intent("unknown_market");
            LOG.warnf("wallet %s: intent for market %s which the venue does not list; known %s", wallet.id(),
                    intent.market(), rules.markets().stream().map(MarketSpec::name).toList());
            return;
        }
        List<TargetOrder> targets = rules.round(intent);
        ReconcilePlan plan = reconciler.reconcile(wallet.id(), intent.market(), intent.seq(), targets, live.of(intent.market()));
        PreTradeChecks.Outcome checked = checks.check(plan.creates(), intent.reference(), plan.kept().size());
        for (PreTradeChecks.Rejected r : checked.rejected()) {
            metrics.reject(r.rejection().code(), 1);
            events.order(event(intent.market(), OrderEventType.REJECT, r.order().cloid(), null, r.order().side(),
                    r.order().price(), r.order().size(), r.rejection().toString(), intent.originNanos()));
        }
        if (!plan.cancels().isEmpty()) {
            cancel(plan.cancels(), "replaced by intent " + intent.seq());
        }
        if (!checked.accepted().isEmpty()) {
            if (kill.blocks(wallet.id(), intent.market())) {
                metrics.intent("killed");
                return;
            }
            place(intent, spec.get(), checked.accepted());
        }
        metrics.intent("applied");
    }

    private void place(QuoteIntent intent, MarketSpec spec, List<NewOrder> orders) {
        List<LiveOrder> sent = new ArrayList<>(orders.size());
        List<WireOrder> wire = new ArrayList<>(orders.size());
        for (NewOrder n : orders) {
            sent.add(live.addPending(LiveOrder.pending(intent.market(), intent.seq(), intent.originNanos(), n)));
            wire.add(new WireOrder(spec.assetIndex(), n.side(), n.price(), n.size(), n.tif(), n.cloid()));
        }
        SignedRequest request = venue.sign(wallet.key(), HyperliquidClient.orderAction(wire), nonces.next(), wire.size());
        for (LiveOrder o : sent) {
            events.order(event(o, OrderEventType.NEW, null, null));
        }
        metrics.tickToOrder(intent.originNanos());
        metrics.ordersSent(wire.size());
        long t0 = System.nanoTime();
        List<OrderStatus> statuses;
        try {
            statuses = venue.sendOrders(request);
        } catch (VenueException e) {
            if (e.refused()) {
                metrics.reject("venue", sent.size());
                for (LiveOrder o : sent) {
                    live.remove(o.cloid());
                    events.order(event(o, OrderEventType.REJECT, null, e.getMessage()));
                }
                LOG.warnf("wallet %s: order request refused: %s", wallet.id(), e.getMessage());
            } else {
                LOG.warnf("wallet %s: order request outcome unknown (%s); the settle loop will find out", wallet.id(),
                        e.getMessage());
            }
            return;
        } finally {
            metrics.venueRoundTrip(System.nanoTime() - t0);
        }
        for (int i = 0; i < sent.size(); i++) {
            LiveOrder o = sent.get(i);
            OrderStatus s = statuses.get(i);
            switch (s.kind()) {
                case RESTING -> {
                    live.acknowledge(o.cloid(), s.oid());
                    events.order(event(o, OrderEventType.ACK, s.oid(), null));
                }
                // the fill poll reports the fills (and FILLED); settle removes an IOC remainder
                case FILLED -> live.attachOid(o.cloid(), s.oid());
                case ERROR -> {
                    live.remove(o.cloid());
                    metrics.reject("venue", 1);
                    events.order(event(o, OrderEventType.REJECT, null, s.error()));
                }
            }
        }
    }

    // ------------------------------------------------------------------ cancels

    /** Cancels live orders; those without a venue id yet are left to the settle loop. */
    private void cancel(List<LiveOrder> orders, String reason) {
        List<LiveOrder> target = new ArrayList<>();
        List<WireCancel> wire = new ArrayList<>();
        for (LiveOrder o : orders) {
            Optional<MarketSpec> spec = rules.market(o.market());
            if (o.oid() == null || spec.isEmpty()) {
                continue;
            }
            live.markPendingCancel(o.cloid());
            target.add(o);
            wire.add(new WireCancel(spec.get().assetIndex(), o.oid()));
        }
        if (wire.isEmpty()) {
            return;
        }
        List<CancelStatus> statuses = sendCancels(wire);
        if (statuses == null) {
            return; // outcome unknown: the orders stay pending-cancel and settle retries
        }
        for (int i = 0; i < target.size(); i++) {
            LiveOrder o = target.get(i);
            CancelStatus s = statuses.get(i);
            if (s.success()) {
                live.remove(o.cloid());
                events.order(event(o, OrderEventType.CANCELED, o.oid(), reason));
            } else {
                // usually filled or already gone: the fill poll and settle decide; no new cancel until then
                events.order(event(o, OrderEventType.CANCEL_REJECT, o.oid(), s.error()));
            }
        }
    }

    /** Cancels orders on the venue that we do not track. */
    private void cancelUnknown(List<OpenOrder> orders) {
        List<WireCancel> wire = new ArrayList<>();
        for (OpenOrder o : orders) {
            rules.market(o.coin()).ifPresent(spec -> wire.add(new WireCancel(spec.assetIndex(), o.oid())));
        }
        if (wire.isEmpty()) {
            return;
        }
        List<CancelStatus> statuses = sendCancels(wire);
        if (statuses != null) {
            metrics.orphansCancelled((int) statuses.stream().filter(CancelStatus::success).count());
        }
    }

    private List<CancelStatus> sendCancels(List<WireCancel> wire) {
        SignedRequest request = venue.sign(wallet.key(), HyperliquidClient.cancelAction(wire), nonces.next(), wire.size());
        metrics.cancelsSent(wire.size());
        long t0 = System.nanoTime();
        try {
            return venue.sendCancels(request);
        } catch (VenueException e) {
            LOG.warnf("wallet %s: cancel request failed (%s)", wallet.id(), e.getMessage());
            return null;
        } finally {
            metrics.venueRoundTrip(System.nanoTime() - t0);
        }
    }

    // ------------------------------------------------------------------ kill and shutdown

    /** Schedules the cancel of everything in scope on this wallet's thread. */
    CompletableFuture<Boolean> cancelScope(KillScope scope, String why, long receivedNanos) {
        return CompletableFuture.supplyAsync(() -> cancelScopeNow(scope, why, receivedNanos), exec);
    }

    /**
     * Cancels every live order in scope, then reads openOrders until the venue holds none in scope (cancelling
     * anything it still shows). Returns whether the venue confirmed it.
     */
    private boolean cancelScopeNow(KillScope scope, String why, long receivedNanos) {
        if (rules == null) {
            return true;
        }
        pending.keySet().removeIf(market -> scope.covers(wallet.id(), market));
        cancel(live.select(o -> scope.covers(wallet.id(), o.market())), why);
        for (int attempt = 0; attempt < KILL_VERIFY_ATTEMPTS; attempt++) {
            List<OpenOrder> left;
            try {
                left = venue.openOrders(wallet.address()).stream()
                        .filter(o -> scope.covers(wallet.id(), o.coin())).toList();
            } catch (VenueException e) {
                LOG.warnf("wallet %s: cannot verify cancel-all for %s: %s", wallet.id(), scope, e.getMessage());
                sleep(100);
                continue;
            }
            if (left.isEmpty()) {
                for (LiveOrder o : live.select(o -> scope.covers(wallet.id(), o.market()))) {
                    // the venue holds none of them: they were filled or cancelled
                    live.remove(o.cloid());
                    events.order(event(o, OrderEventType.CANCELED, o.oid(), why));
                }
                metrics.killCancelAll(System.nanoTime() - receivedNanos);
                LOG.infof("wallet %s: no order in scope %s on the venue (%s)", wallet.id(), scope, why);
                return true;
            }
            List<LiveOrder> known = new ArrayList<>();
            List<OpenOrder> unknown = new ArrayList<>();
            for (OpenOrder o : left) {
                Optional<LiveOrder> mine = live.byOid(o.oid()).or(() -> live.byCloid(o.cloid()));
                if (mine.isPresent()) {
                    live.attachOid(mine.get().cloid(), o.oid());
                    known.add(mine.get());
                } else {
                    unknown.add(o);
                }
            }
            cancel(known, why);
            cancelUnknown(unknown);
            sleep(50);
        }
        LOG.errorf("wallet %s: the venue still shows orders in scope %s after %d attempts", wallet.id(), scope,
                KILL_VERIFY_ATTEMPTS);
        return false;
    }

    /** Stops taking intents and cancels every order; waits at most timeout for the venue to confirm. */
    boolean shutdown(Duration timeout) {
        accepting = false;
        pending.clear();
        boolean confirmed = false;
        try {
            confirmed = cancelScope(KillScope.GLOBAL, "shutdown", System.nanoTime())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.errorf("wallet %s: cancel-all at shutdown did not complete within %s: %s", wallet.id(), timeout, e);
        }
        exec.shutdownNow();
        return confirmed;
    }

    // ------------------------------------------------------------------ fills and settling

    /**
     * Publishes the fills whose publish failed before, then every fill the venue reports that was not seen yet. A
     * fill's order effects are applied once; its record is published again on the next poll until the broker takes it.
     */
    private void pollFills() {
        for (Fill retry : seen.takeRetries()) {
            LOG.infof("wallet %s: publishing fill %s again", wallet.id(), retry.fillId());
            publish(retry);
        }
        List<UserFill> fills = venue.userFills(wallet.address());
        for (int i = fills.size() - 1; i >= 0; i--) { // the venue lists newest first
            UserFill f = fills.get(i);
            String fillId = VENUE + ":" + f.tid() + ":" + (f.side() == Side.BUY ? "B" : "A");
            if (!seen.firstTime(fillId)) {
                continue;
            }
            Optional<LiveOrder> order = live.byOid(f.oid()).or(() -> live.byCloid(f.cloid()));
            Fill fill;
            try {
                fill = new Fill(fillId, wallet.id(), wallet.address(), VENUE, f.coin(), f.side(), f.px(), f.sz(),
                        f.fee(), f.feeToken(), f.crossed() ? Liquidity.TAKER : Liquidity.MAKER, f.oid(),
                        order.map(LiveOrder::cloid).orElse(f.cloid()), f.time(),
                        order.map(LiveOrder::originNanos).orElse(0L));
            } catch (IllegalArgumentException e) {
                LOG.errorf("wallet %s: venue fill %s cannot be published: %s", wallet.id(), fillId, e.getMessage());
                continue;
            }
            publish(fill);
            metrics.fill();
            order.ifPresent(o -> {
                live.applyFill(o, f.sz());
                boolean done = o.remaining().signum() == 0;
                events.order(event(o.market(), done ? OrderEventType.FILLED : OrderEventType.FILL, o.cloid(), f.oid(),
                        o.side(), f.px(), f.sz(), null, o.originNanos()));
            });
        }
    }

    /** Sends a fill; if the broker does not take it, the next poll publishes it again. */
    private void publish(Fill fill) {
        events.fill(fill).whenComplete((ok, failure) -> {
            if (failure != null) {
                seen.publishFailed(fill);
            }
        });
    }

    /** Re-reads the venue's open orders: settles unknown states, re-sends lost cancels, cancels orphans. */
    private void settle() {
        List<OpenOrder> open = venue.openOrders(wallet.address());
        pollFills(); // a fill before the snapshot is seen here, so an absent order below is not a fill we missed
        Map<Long, OpenOrder> byOid = new HashMap<>();
        Map<String, OpenOrder> byCloid = new HashMap<>();
        for (OpenOrder o : open) {
            byOid.put(o.oid(), o);
            if (o.cloid() != null) {
                byCloid.put(o.cloid(), o);
            }
        }
        List<LiveOrder> recancel = new ArrayList<>();
        Set<Long> known = new HashSet<>();
        for (LiveOrder o : live.all()) {
            OpenOrder onVenue = o.oid() != null ? byOid.get(o.oid()) : byCloid.get(o.cloid());
            if (onVenue == null) {
                live.remove(o.cloid());
                if (o.oid() == null) {
                    metrics.reject("unconfirmed", 1);
                    events.order(event(o, OrderEventType.REJECT, null, "not on the venue after an unanswered request"));
                } else {
                    events.order(event(o, OrderEventType.CANCELED, o.oid(), "no longer on the venue"));
                }
                continue;
            }
            known.add(onVenue.oid());
            if (o.oid() == null) {
                live.acknowledge(o.cloid(), onVenue.oid());
                events.order(event(o, OrderEventType.ACK, onVenue.oid(), null));
            }
            live.updateRemaining(o, onVenue.sz());
            if (o.state() == OrderState.PENDING_CANCEL || kill.blocks(wallet.id(), o.market())) {
                recancel.add(o);
            }
        }
        if (!recancel.isEmpty()) {
            cancel(recancel, "cancel retried");
        }
        List<OpenOrder> orphans = open.stream().filter(o -> !known.contains(o.oid())).toList();
        if (!orphans.isEmpty()) {
            LOG.warnf("wallet %s: %d order(s) on the venue that execution does not track; cancelling", wallet.id(),
                    orphans.size());
            cancelUnknown(orphans);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void guarded(String what, Runnable task) {
        try {
            task.run();
            if (lastPollError != null && !what.startsWith("intent")) {
                LOG.infof("wallet %s: venue reachable again", wallet.id());
                lastPollError = null;
            }
        } catch (VenueException e) {
            if (exec.isShutdown()) {
                return; // interrupted by shutdown: nothing to report
            }
            if (!e.getMessage().equals(lastPollError)) {
                LOG.warnf("wallet %s: %s failed: %s", wallet.id(), what, e.getMessage());
                lastPollError = e.getMessage();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "wallet %s: %s failed", wallet.id(), what);
        }
    }

    private OrderEvent event(LiveOrder o, OrderEventType type, Long oid, String reason) {
        return event(o.market(), type, o.cloid(), oid != null ? oid : o.oid(), o.side(), o.price(), o.remaining(),
                reason, o.originNanos());
    }

    private OrderEvent event(String market, OrderEventType type, String cloid, Long oid, Side side, BigDecimal price,
                             BigDecimal size, String reason, long originNanos) {
        return new OrderEvent(wallet.id(), VENUE, market, type, cloid, oid, side, price, size, reason,
                System.currentTimeMillis(), originNanos);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
