package io.mmplatform.execution.app;

import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillScope;
import io.mmplatform.common.messages.Liquidity;
import io.mmplatform.common.messages.OrderEvent;
import io.mmplatform.common.messages.OrderEventType;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.Side;
import io.mmplatform.execution.adapters.HyperliquidClient;
import io.mmplatform.execution.adapters.NonceFile;
import io.mmplatform.execution.adapters.HyperliquidClient.CancelStatus;
import io.mmplatform.execution.adapters.HyperliquidClient.OpenOrder;
import io.mmplatform.execution.adapters.HyperliquidClient.OrderStatus;
import io.mmplatform.execution.adapters.HyperliquidClient.SignedRequest;
import io.mmplatform.execution.adapters.HyperliquidClient.UserFill;
import io.mmplatform.execution.adapters.HyperliquidClient.WireCancel;
import io.mmplatform.execution.adapters.HyperliquidClient.WireModify;
import io.mmplatform.execution.adapters.HyperliquidClient.WireOrder;
import io.mmplatform.execution.adapters.VenueException;
import io.mmplatform.execution.adapters.Wallet;
import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.execution.domain.CircuitBreaker;
import io.mmplatform.execution.domain.ClientOrderIds;
import io.mmplatform.execution.domain.KillSwitchState;
import io.mmplatform.execution.domain.LiveOrder;
import io.mmplatform.execution.domain.LiveOrders;
import io.mmplatform.execution.domain.MarketSpec;
import io.mmplatform.execution.domain.NewOrder;
import io.mmplatform.execution.domain.NonceManager;
import io.mmplatform.execution.domain.OrderReconciler;
import io.mmplatform.execution.domain.OrderState;
import io.mmplatform.execution.domain.PreTradeChecks;
import io.mmplatform.execution.domain.RateLimiter;
import io.mmplatform.execution.domain.ReconcilePlan;
import io.mmplatform.execution.domain.SeenFills;
import io.mmplatform.execution.domain.TargetOrder;
import io.mmplatform.execution.domain.VenueRules;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything execution does for one wallet, on one thread: reconcile intents, sign and send, poll fills, settle
 * against the venue's open orders, obey kills. The single writer of the wallet's nonces and live orders.
 */
final class WalletWorker extends OwnedWalletWorker {
    static final String VENUE = "hyperliquid";
    private static final Logger LOG = Logger.getLogger(WalletWorker.class);
    private static final int KILL_VERIFY_ATTEMPTS = 20;
    /** The actor of the circuit breaker's risk.kill records. */
    static final String BREAKER_ACTOR = "execution";
    /** The persisted nonce mark runs this far ahead of the nonces used: at most one file write per 10 s. */
    private static final long NONCE_RESERVE_MS = 10_000;
    /** A lost answer is read back this long after: time for a request still in flight to land on the venue. */
    private static final long EARLY_SETTLE_DELAY_MS = 500;

    /** The worker's timing: fill poll, settle loop, intent age limit and the dead man's switch. */
    record Timing(Duration fillPoll, Duration settleEvery, Duration maxIntentAge, Duration deadManTimeout,
                  Duration deadManRefresh) {
    }

    private final HyperliquidClient venue;
    private final OrderReconciler reconciler;
    private final PreTradeChecks checks;
    private final KillSwitchState kill;
    private final ExecutionEvents events;
    private final Timing timing;
    private final RateLimiter limiter;
    private final CircuitBreaker breaker;
    /** A replace of a level's resting order goes as one batchModify (execution.use-batch-modify). */
    private final boolean useBatchModify;
    /**
     * At most this many requests of the intent path on the wire at once (execution.max-requests-in-flight). The venue
     * accepts a nonce larger than the smallest of the signer's 100 highest, so requests overtaking a few are fine.
     */
    private final int maxOnWire;
    private final LiveOrders live = new LiveOrders();
    private final SeenFills seen = new SeenFills(200_000);
    private final NonceFile nonceFile;
    private final NonceManager nonces;
    private final AtomicBoolean earlySettleScheduled = new AtomicBoolean();
    /** Intents with desired orders that wait for the venue's open orders to be read (settle): applied again after. */
    private final Map<String, QuoteIntent> awaitingSettle = new HashMap<>();
    /**
     * Requests of the intent path sent and not yet answered (wallet thread only), and how many per market: a market
     * with a request on the wire takes its next intent once the answer is applied, other markets go on meanwhile.
     */
    private final Set<CompletableFuture<?>> onWire = new HashSet<>();
    private final Map<String, Integer> marketsOnWire = new HashMap<>();
    /** What the current drain (or cancel answer) leaves to send at its end (wallet thread only). */
    private final List<Staged> staged = new ArrayList<>();
    private final List<StagedCancel> stagedCancels = new ArrayList<>();
    private volatile VenueRules rules;

    WalletWorker(Wallet wallet, HyperliquidClient venue, OrderReconciler reconciler, PreTradeChecks checks,
                 KillSwitchState kill, ExecutionEvents events, ExecutionMetrics metrics, Timing timing,
                 RateLimiter limiter, NonceFile nonceFile, CircuitBreaker breaker, boolean useBatchModify,
                 int maxOnWire) {
        super(wallet, metrics, "wallet-" + wallet.id(), "the venue");
        this.useBatchModify = useBatchModify;
        this.maxOnWire = maxOnWire;
        this.venue = venue;
        this.reconciler = reconciler;
        this.checks = checks;
        this.kill = kill;
        this.events = events;
        this.timing = timing;
        this.limiter = limiter;
        this.breaker = breaker;
        this.nonceFile = nonceFile;
        this.nonces = new NonceManager(nonceFile.load(), System::currentTimeMillis, nonceFile::store, NONCE_RESERVE_MS,
                java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "nonce-" + wallet.id());
                    t.setDaemon(true);
                    return t;
                }));
    }

    @Override
    protected boolean venueKnown() {
        return rules != null;
    }

    @Override
    protected void onVenueException(VenueException e) {
        if (e.rateLimited()) {
            limiter.throttled(System.nanoTime());
        }
    }

    /**
     * The venue's metadata is known: starts the loops (each does nothing while the wallet is not active) and
     * re-syncs the wallet if it is owned already. Called once.
     */
    void venueRules(VenueRules venueRules) {
        this.rules = venueRules;
        long poll = timing.fillPoll().toMillis();
        long settle = timing.settleEvery().toMillis();
        exec.scheduleWithFixedDelay(() -> whileActive("fill poll", () -> pollFills(FillPoll.ROUTINE)), poll, poll,
                TimeUnit.MILLISECONDS);
        exec.scheduleWithFixedDelay(() -> whileActive("settle", this::settle), settle, settle, TimeUnit.MILLISECONDS);
        long refresh = timing.deadManRefresh().toMillis();
        exec.scheduleWithFixedDelay(() -> whileActive("dead man's switch", this::armDeadMan), refresh, refresh,
                TimeUnit.MILLISECONDS);
        syncIfOwned();
    }

    /**
     * Re-syncs a newly owned wallet from the venue before anything is sent for it: orders that carry one of our
     * client order ids are adopted (the next intent keeps or cancels them like any live order), others are cancelled;
     * the venue's fill history is taken up (fill ids already seen are skipped; consumers dedupe by fill id); the dead
     * man's switch is armed. Retried every second until it succeeds or the ownership changes.
     */
    @Override
    protected void sync(long e) {
        if (epoch.get() != e || !owned || active) {
            return;
        }
        try {
            nonces.advancePast(nonceFile.load()); // a previous owner sharing the state directory
            awaitAnswers(); // the read below then sees what this instance sent before
            onWire.clear(); // their answers belong to an older epoch and are ignored
            marketsOnWire.clear();
            chargeRead("openOrders", 0);
            List<OpenOrder> open = venue.openOrders(wallet.address());
            live.clear();
            awaitingSettle.clear();
            List<OpenOrder> foreign = new ArrayList<>();
            int adopted = 0;
            for (OpenOrder o : open) {
                Optional<MarketSpec> spec = rules.market(o.coin());
                if (spec.isPresent() && ClientOrderIds.isValid(o.cloid())) {
                    LiveOrder order = new LiveOrder(o.cloid(), o.coin(), null, o.side(), o.limitPx(), o.origSz(),
                            TimeInForce.GTC, 0, 0);
                    order.placedAtMs(o.timestamp());
                    if (live.adopt(order, o.oid(), o.sz())) {
                        adopted++;
                        continue;
                    }
                }
                foreign.add(o);
            }
            if (!foreign.isEmpty()) {
                LOG.infof("wallet %s: cancelling %d order(s) on the venue without a client order id of ours", wallet,
                        foreign.size());
                cancelUnknown(foreign);
            }
            List<LiveOrder> killed = live.select(o -> kill.blocks(wallet.id(), o.market()));
            if (!killed.isEmpty()) {
                cancel(killed, "kill engaged");
            }
            pollFills(FillPoll.RESYNC);
            armDeadMan();
            if (epoch.get() == e && owned) {
                active = true;
                LOG.infof("wallet %s: owned and re-synced, %d order(s) adopted, %d fill(s) seen", wallet, adopted,
                        seen.size());
            }
        } catch (RuntimeException ex) {
            if (exec.isShutdown()) {
                return;
            }
            LOG.warnf("wallet %s: re-sync from the venue failed, retrying in 1s: %s", wallet.id(), ex.getMessage());
            exec.schedule(() -> sync(e), 1, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ dead man's switch

    /**
     * Arms (or pushes back) the venue's scheduled cancel of all the wallet's orders to now + timeout. Runs on the
     * wallet's thread: if that thread stops (crash, hang), the switch is no longer pushed back and the venue cancels.
     */
    private void armDeadMan() {
        if (!owned) {
            return;
        }
        long time = System.currentTimeMillis() + timing.deadManTimeout().toMillis();
        // an open breaker whose back-off has passed half-opens: this refresh is its probe (while it is open and
        // not due, the refresh goes on but its outcome counts for nothing)
        breaker.probeDue(System.nanoTime());
        acquireCancel(1);
        try {
            venue.sendScheduleCancel(venue.sign(wallet.key(), HyperliquidClient.scheduleCancelAction(time), nonces.next(), 0));
        } catch (VenueException e) {
            venueFailure(e);
            throw e;
        }
        venueSuccess();
        metrics.deadManArmed();
    }

    /** Removes the scheduled cancel (graceful shutdown, after the venue confirmed no order is left). */
    private void disarmDeadMan() {
        try {
            acquireCancel(1);
            venue.sendScheduleCancel(venue.sign(wallet.key(), HyperliquidClient.scheduleCancelAction(null),
                    nonces.next(), 0));
        } catch (VenueException e) {
            LOG.warnf("wallet %s: could not remove the scheduled cancel: %s", wallet.id(), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ intents

    @Override
    protected void process(QuoteIntent intent) {
        if (!active) {
            metrics.intent(owned ? "not_ready" : "unowned");
            return;
        }
        if (!breaker.closed()) {
            metrics.intent("breaker_open");
            return;
        }
        Optional<KillSwitchState.Engaged> blocking = kill.blocking(wallet.id(), intent.market());
        if (blocking.isPresent()) {
            metrics.intent("killed");
            LOG.debugf("wallet %s: intent %s#%d refused, kill %s engaged", wallet.id(), intent.market(), intent.seq(),
                    blocking.get().scope());
            return;
        }
        if (intent.createdAtMs() > 0
                && System.currentTimeMillis() - intent.createdAtMs() > timing.maxIntentAge().toMillis()) {
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
        ReconcilePlan plan = reconciler.reconcile(wallet.id(), intent.market(), intent.seq(), targets,
                live.of(intent.market()), System.currentTimeMillis());
        if (plan.waiting().isEmpty()) {
            awaitingSettle.remove(intent.market());
        } else {
            awaitingSettle.put(intent.market(), intent);
            metrics.intent("waits_for_venue_read");
            settleSoon();
        }
        if (useBatchModify) {
            plan = plan.withModifies();
        }
        List<NewOrder> newOrders = new ArrayList<>(plan.creates());
        plan.modifies().forEach(m -> newOrders.add(m.order()));
        PreTradeChecks.Outcome checked = checks.check(newOrders, intent.reference(), plan.kept().size());
        for (PreTradeChecks.Rejected r : checked.rejected()) {
            metrics.reject(r.rejection().code(), 1);
            events.order(event(intent.market(), OrderEventType.REJECT, r.order().cloid(), null, r.order().side(),
                    r.order().price(), r.order().size(), r.rejection().toString(), intent.originNanos()));
        }
        Set<String> accepted = new HashSet<>();
        checked.accepted().forEach(n -> accepted.add(n.cloid()));
        List<LiveOrder> cancels = new ArrayList<>(plan.cancels());
        List<ReconcilePlan.Modify> modifies = new ArrayList<>();
        Set<String> modified = new HashSet<>();
        for (ReconcilePlan.Modify m : plan.modifies()) {
            if (accepted.contains(m.order().cloid())) {
                modifies.add(m);
                modified.add(m.order().cloid());
            } else {
                cancels.add(m.old()); // its replacement was refused by the checks: the old order goes anyway
            }
        }
        List<NewOrder> creates = checked.accepted().stream().filter(n -> !modified.contains(n.cloid())).toList();
        Staged staged = new Staged(intent, spec.get(), modifies, creates);
        if (cancels.isEmpty()) {
            stage(staged);
        } else {
            // cancels first (they free margin); the market's orders go when the venue answered them
            stagedCancels.add(new StagedCancel(intent.market(), cancels, "replaced by intent " + intent.seq(), staged));
        }
    }

    /** An intent's modifies and new orders, waiting for the end of the drain to go with other markets' in one request. */
    private record Staged(QuoteIntent intent, MarketSpec spec, List<ReconcilePlan.Modify> modifies,
                          List<NewOrder> creates) {
    }

    /** An intent's cancels, waiting for the end of the drain; its orders are staged once the venue answered them. */
    private record StagedCancel(String market, List<LiveOrder> orders, String reason, Staged then) {
    }

    private void stage(Staged staged) {
        if (staged.modifies().isEmpty() && staged.creates().isEmpty()) {
            metrics.intent("applied");
        } else if (kill.blocks(wallet.id(), staged.intent().market())) {
            metrics.intent("killed");
        } else {
            this.staged.add(staged);
        }
    }

    /**
     * Sends what the drain staged: all markets' cancels in one cancel request, all modifies in one batchModify and all
     * new orders in one order request (the venue takes several assets per action), so a busy wallet signs and sends
     * a few requests per round instead of a few per market.
     */
    @Override
    protected void afterDrain() {
        if (!stagedCancels.isEmpty()) {
            sendStagedCancels();
        }
        sendStaged();
    }

    /** Sends the staged modifies and new orders: one batchModify and one order request, side by side. */
    private void sendStaged() {
        if (staged.isEmpty()) {
            return;
        }
        List<Staged> batch = List.copyOf(staged);
        staged.clear();
        if (!owned) {
            return; // revoked meanwhile
        }
        List<Staged> withModifies = batch.stream().filter(b -> !b.modifies().isEmpty()).toList();
        List<Staged> withCreates = batch.stream().filter(b -> !b.creates().isEmpty()).toList();
        if (!withModifies.isEmpty()) {
            if (!mayOrder(batch, withModifies.stream().mapToInt(b -> b.modifies().size()).sum())) {
                return; // every intent of the batch waits
            }
            modify(withModifies);
        }
        if (!withCreates.isEmpty()) {
            if (!mayOrder(withCreates, withCreates.stream().mapToInt(b -> b.creates().size()).sum())) {
                return; // the modifies went; the intents with new orders wait
            }
            place(withCreates);
        }
        batch.forEach(b -> metrics.intent("applied"));
    }

    /** A market's next intent waits while one of its requests is on the wire; all wait when the wire is full. */
    @Override
    protected boolean mayStart(String market) {
        return !marketsOnWire.containsKey(market) && onWire.size() < maxOnWire;
    }

    /**
     * Puts a request of the intent path on the wire without waiting for it. The answer is applied on the wallet's
     * thread ({@code answered}, or {@code failed} with the venue's error), then {@code next} runs (may be null); until
     * then the request's markets take no new intent. An answer of an older ownership epoch is ignored: the re-sync read the venue.
     */
    private <T> void onWire(List<String> markets, CompletableFuture<T> answer, Consumer<T> answered,
                            Consumer<VenueException> failed, Runnable next) {
        long e = epoch.get();
        long t0 = System.nanoTime();
        onWire.add(answer);
        markets.forEach(m -> marketsOnWire.merge(m, 1, Integer::sum));
        answer.whenComplete((value, failure) -> metrics.venueRoundTrip(System.nanoTime() - t0));
        answer.whenCompleteAsync((value, failure) -> {
            if (!onWire.remove(answer) || epoch.get() != e) {
                return;
            }
            markets.forEach(m -> marketsOnWire.computeIfPresent(m, (k, n) -> n == 1 ? null : n - 1));
            guarded("answer for " + markets, () -> {
                if (failure == null) {
                    venueSuccess();
                    answered.accept(value);
                } else {
                    VenueException ve = venueException(failure);
                    venueFailure(ve);
                    failed.accept(ve);
                }
            });
            if (next != null) {
                guarded("intents " + markets, next);
            }
            if (!pending.isEmpty()) {
                scheduleDrain();
            }
        }, exec);
    }

    private static VenueException venueException(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof VenueException ve ? ve
                : new VenueException("request failed: " + cause, false, cause); // outcome unknown
    }

    /**
     * Waits until the venue answered every request on the wire (at most the HTTP timeout each), so that a read of
     * the venue after it sees their effects; their answers are applied later, in turn.
     */
    private void awaitAnswers() {
        if (onWire.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(onWire.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // answered with an error: answered all the same
        } catch (TimeoutException e) {
            LOG.warnf("wallet %s: %d request(s) still unanswered after 30s", wallet.id(), onWire.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks the rate limiter for an order-like request of n entries (order, batchModify). If it must wait, only the
     * latest intent per market is kept waiting (a newer one replaces it) and retried later: returns false.
     */
    private boolean mayOrder(List<Staged> batch, int n) {
        long wait = limiter.acquire(wallet.id(), RateLimiter.Kind.ORDER, RateLimiter.exchangeWeight(n), n,
                System.nanoTime());
        if (wait > 0) {
            for (Staged b : batch) {
                metrics.intent("throttled");
                if (pending.putIfAbsent(b.intent().market(), b.intent()) != null) {
                    metrics.intent("superseded");
                }
            }
            exec.schedule(this::scheduleDrain, Math.max(wait, 1_000_000L), TimeUnit.NANOSECONDS);
            return false;
        }
        metrics.requestWeight(RateLimiter.exchangeWeight(n));
        return true;
    }

    /**
     * Replaces resting orders of their levels by new ones in one signed batchModify. The old orders are
     * pending-cancel and the new ones pending until the venue answers; a lost answer is settled from openOrders (the
     * old one gone: CANCELED; the new one found by its cloid: ACK, else REJECT).
     */
    private void modify(List<Staged> batch) {
        List<LiveOrder> olds = new ArrayList<>();
        List<LiveOrder> sent = new ArrayList<>();
        List<WireModify> wire = new ArrayList<>();
        for (Staged b : batch) {
            QuoteIntent intent = b.intent();
            for (ReconcilePlan.Modify m : b.modifies()) {
                LiveOrder old = m.old();
                NewOrder n = m.order();
                live.markPendingCancel(old.cloid());
                olds.add(old);
                LiveOrder pendingOrder = LiveOrder.pending(intent.market(), intent.seq(), intent.originNanos(), n);
                pendingOrder.placedAtMs(System.currentTimeMillis());
                sent.add(live.addPending(pendingOrder));
                wire.add(new WireModify(old.oid(),
                        new WireOrder(b.spec().assetIndex(), n.side(), n.price(), n.size(), n.tif(), n.cloid())));
            }
        }
        SignedRequest request = venue.sign(wallet.key(), HyperliquidClient.batchModifyAction(wire), nonces.next(),
                wire.size());
        sentEvents(batch, sent);
        onWire(markets(batch), venue.sendModifiesAsync(request), statuses -> modified(olds, sent, statuses),
                e -> orderRequestFailed("batchModify", e, sent,
                        // nothing applied: the old orders still rest
                        () -> olds.forEach(old -> live.cancelRefused(old.cloid()))), null);
    }

    /** NEW for every order of a request about to leave, and each intent's tick-to-order time. */
    private void sentEvents(List<Staged> batch, List<LiveOrder> sent) {
        for (LiveOrder o : sent) {
            events.order(event(o, OrderEventType.NEW, null, null));
        }
        batch.forEach(b -> metrics.tickToOrder(b.intent().originNanos()));
        metrics.ordersSent(sent.size());
    }

    private static List<String> markets(List<Staged> batch) {
        return batch.stream().map(b -> b.intent().market()).toList();
    }

    /**
     * Applies a batchModify's statuses. An order the fill poll or a kill already concluded (while the request was on
     * the wire) is not reported again.
     */
    private void modified(List<LiveOrder> olds, List<LiveOrder> sent, List<OrderStatus> statuses) {
        for (int i = 0; i < sent.size(); i++) {
            LiveOrder old = olds.get(i);
            LiveOrder o = sent.get(i);
            OrderStatus s = statuses.get(i);
            switch (s.kind()) {
                case RESTING -> {
                    replaced(old);
                    live.acknowledge(o.cloid(), s.oid())
                            .ifPresent(a -> events.order(event(a, OrderEventType.ACK, s.oid(), null)));
                }
                case FILLED -> {
                    replaced(old);
                    live.attachOid(o.cloid(), s.oid()); // the fill poll reports the fills
                }
                case ERROR -> {
                    // the old order is not open any more (filled or cancelled) and nothing new rests: the new one is
                    // rejected; the old one stays pending-cancel for the fill poll and the settle loop to conclude
                    metrics.reject("venue", 1);
                    rejected(o, s.error());
                    if (live.contains(old.cloid())) {
                        events.order(event(old, OrderEventType.CANCEL_REJECT, old.oid(), s.error()));
                    }
                }
            }
        }
    }

    private void replaced(LiveOrder old) {
        live.remove(old.cloid()).ifPresent(o -> events.order(event(o, OrderEventType.CANCELED, o.oid(), "modified")));
    }

    /** The venue refused a sent order: it is forgotten and reported, unless something concluded it already. */
    private void rejected(LiveOrder order, String reason) {
        live.remove(order.cloid()).ifPresent(o -> events.order(event(o, OrderEventType.REJECT, null, reason)));
    }

    private void place(List<Staged> batch) {
        List<LiveOrder> sent = new ArrayList<>();
        List<WireOrder> wire = new ArrayList<>();
        for (Staged b : batch) {
            QuoteIntent intent = b.intent();
            for (NewOrder n : b.creates()) {
                LiveOrder pendingOrder = LiveOrder.pending(intent.market(), intent.seq(), intent.originNanos(), n);
                pendingOrder.placedAtMs(System.currentTimeMillis());
                sent.add(live.addPending(pendingOrder));
                wire.add(new WireOrder(b.spec().assetIndex(), n.side(), n.price(), n.size(), n.tif(), n.cloid()));
            }
        }
        SignedRequest request = venue.sign(wallet.key(), HyperliquidClient.orderAction(wire), nonces.next(), wire.size());
        sentEvents(batch, sent);
        onWire(markets(batch), venue.sendOrdersAsync(request), statuses -> placed(sent, statuses),
                e -> orderRequestFailed("order", e, sent, () -> { }), null);
    }

    /**
     * An order-like request failed: refused by the venue (nothing applied: {@code undo}, and its orders are
     * rejected), or its outcome is unknown (the settle loop finds out, sooner than usual).
     */
    private void orderRequestFailed(String what, VenueException e, List<LiveOrder> sent, Runnable undo) {
        if (e.refused()) {
            metrics.reject(e.rateLimited() ? "rate_limited" : "venue", sent.size());
            undo.run();
            for (LiveOrder o : sent) {
                rejected(o, e.getMessage());
            }
            LOG.warnf("wallet %s: %s request refused: %s", wallet.id(), what, e.getMessage());
        } else {
            LOG.warnf("wallet %s: %s request outcome unknown (%s); the settle loop will find out", wallet.id(), what,
                    e.getMessage());
            settleSoon();
        }
    }

    /** Applies an order request's statuses (see {@link #modified} for orders concluded meanwhile). */
    private void placed(List<LiveOrder> sent, List<OrderStatus> statuses) {
        for (int i = 0; i < sent.size(); i++) {
            LiveOrder o = sent.get(i);
            OrderStatus s = statuses.get(i);
            switch (s.kind()) {
                case RESTING -> live.acknowledge(o.cloid(), s.oid())
                        .ifPresent(a -> events.order(event(a, OrderEventType.ACK, s.oid(), null)));
                // the fill poll reports the fills (and FILLED); settle removes an IOC remainder
                case FILLED -> live.attachOid(o.cloid(), s.oid());
                case ERROR -> {
                    metrics.reject("venue", 1);
                    rejected(o, s.error());
                }
            }
        }
    }

    // ------------------------------------------------------------------ cancels

    /** Orders to cancel by venue id, and the wire entries in the same order. */
    private record CancelBatch(List<LiveOrder> orders, List<WireCancel> wire) {
    }

    /**
     * Marks live orders pending-cancel and returns those that can be cancelled now. Those without a venue id yet
     * (their request's answer was lost) stay marked: the settle loop cancels them if it finds them on the venue.
     */
    private CancelBatch cancelBatch(List<LiveOrder> orders) {
        List<LiveOrder> target = new ArrayList<>();
        List<WireCancel> wire = new ArrayList<>();
        for (LiveOrder o : orders) {
            Optional<MarketSpec> spec = rules.market(o.market());
            if (o.oid() == null) {
                live.markPendingCancel(o.cloid());
                continue;
            }
            if (spec.isEmpty()) {
                continue;
            }
            live.markPendingCancel(o.cloid());
            target.add(o);
            wire.add(new WireCancel(spec.get().assetIndex(), o.oid()));
        }
        return new CancelBatch(target, wire);
    }

    /** Cancels live orders and waits for the venue's answer (kills, settle, the breaker; see {@link #cancelBatch}). */
    private void cancel(List<LiveOrder> orders, String reason) {
        CancelBatch batch = cancelBatch(orders);
        if (batch.wire().isEmpty()) {
            return;
        }
        List<CancelStatus> statuses = sendCancels(batch.wire());
        if (statuses != null) {
            cancelled(batch.orders(), statuses, Collections.nCopies(batch.orders().size(), reason));
        } // else outcome unknown: the orders stay pending-cancel and settle retries
    }

    /**
     * Sends the staged cancels of all markets in one request without waiting; once the venue answered, each market's
     * modifies and new orders are staged and sent.
     */
    private void sendStagedCancels() {
        List<StagedCancel> batch = List.copyOf(stagedCancels);
        stagedCancels.clear();
        List<LiveOrder> orders = new ArrayList<>();
        List<WireCancel> wire = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (StagedCancel c : batch) {
            CancelBatch b = cancelBatch(c.orders());
            orders.addAll(b.orders());
            wire.addAll(b.wire());
            b.orders().forEach(o -> reasons.add(c.reason()));
        }
        Runnable then = () -> {
            batch.forEach(c -> stage(c.then()));
            sendStaged();
        };
        SignedRequest request = wire.isEmpty() ? null : signCancels(wire);
        if (request == null) {
            then.run();
            return;
        }
        onWire(batch.stream().map(StagedCancel::market).toList(), venue.sendCancelsAsync(request),
                statuses -> cancelled(orders, statuses, reasons), this::cancelFailed, then);
    }

    private void cancelled(List<LiveOrder> orders, List<CancelStatus> statuses, List<String> reasons) {
        for (int i = 0; i < orders.size(); i++) {
            LiveOrder o = orders.get(i);
            CancelStatus s = statuses.get(i);
            String reason = reasons.get(i);
            if (s.success()) {
                live.remove(o.cloid()).ifPresent(c -> events.order(event(c, OrderEventType.CANCELED, c.oid(), reason)));
            } else if (live.contains(o.cloid())) {
                // usually filled or already gone: the fill poll and settle decide; no new cancel until then
                events.order(event(o, OrderEventType.CANCEL_REJECT, o.oid(), s.error()));
            }
        }
    }

    private void cancelFailed(VenueException e) {
        LOG.warnf("wallet %s: cancel request failed (%s)", wallet.id(), e.getMessage());
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

    /** A signed cancel request, charged to the rate limiter; null if the wallet is not ours any more. */
    private SignedRequest signCancels(List<WireCancel> wire) {
        if (!owned) {
            return null; // not ours any more: the new owner adopts or cancels
        }
        acquireCancel(wire.size());
        metrics.cancelsSent(wire.size());
        return venue.sign(wallet.key(), HyperliquidClient.cancelAction(wire), nonces.next(), wire.size());
    }

    /** Sends a cancel request and waits: the statuses, or null when it failed (logged). */
    private List<CancelStatus> sendCancels(List<WireCancel> wire) {
        SignedRequest request = signCancels(wire);
        if (request == null) {
            return null;
        }
        long t0 = System.nanoTime();
        try {
            List<CancelStatus> statuses = venue.sendCancels(request);
            venueSuccess();
            return statuses;
        } catch (VenueException e) {
            venueFailure(e);
            cancelFailed(e);
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
        if (rules == null || !owned) {
            return true; // not ours: the owner cancels
        }
        if (pending.keySet().removeIf(market -> scope.covers(wallet.id(), market))) {
            metrics.intent("killed"); // waiting intents in scope are dropped
        }
        awaitAnswers(); // what is on the wire lands first, so the reads below see it
        cancel(live.select(o -> scope.covers(wallet.id(), o.market())), why);
        for (int attempt = 0; attempt < KILL_VERIFY_ATTEMPTS; attempt++) {
            List<OpenOrder> left;
            try {
                chargeRead("openOrders", 0);
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

    /**
     * Stops taking intents and, if the wallet is ours, cancels every order and then removes the dead man's switch
     * (only once the venue confirmed no order is left: otherwise the switch stays armed and cancels the rest).
     * Waits at most timeout. Returns whether the wallet was ours and the venue confirmed the cancel-all.
     */
    boolean shutdown(Duration timeout) {
        pending.clear();
        boolean wasOwned = owned && rules != null;
        active = false;
        boolean confirmed = false;
        if (wasOwned) {
            try {
                confirmed = CompletableFuture.supplyAsync(() -> {
                    boolean ok = cancelScopeNow(KillScope.GLOBAL, "shutdown", System.nanoTime());
                    if (ok) {
                        disarmDeadMan();
                    }
                    return ok;
                }, exec).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.errorf("wallet %s: cancel-all at shutdown did not complete within %s: %s", wallet.id(), timeout, e);
            }
        }
        owned = false;
        exec.shutdownNow();
        return confirmed;
    }

    // ------------------------------------------------------------------ fills and settling

    /** What a fill poll may skip and what it does with the fills it finds. */
    private enum FillPoll {
        /** The periodic poll: skipped for a turn when the rate limiter says wait. */
        ROUTINE,
        /** Must read now (the settle loop). */
        FORCED,
        /**
         * The re-sync of a newly owned wallet, right after the open orders were read: the fills are published but not
         * taken off the adopted orders, whose remaining size the venue reported after those fills. (Taking them off
         * again would shrink a partly filled order to nothing and lose track of it while it still rests.) A fill
         * between the two reads leaves a remaining size too large, which the settle loop corrects from the venue.
         */
        RESYNC
    }

    /**
     * Publishes the fills whose publish failed before, then every fill the venue reports that was not seen yet. A
     * fill's order effects are applied once; its record is published again on the next poll until the broker takes it.
     */
    private void pollFills(FillPoll mode) {
        for (Fill retry : seen.takeRetries()) {
            LOG.infof("wallet %s: publishing fill %s again", wallet.id(), retry.fillId());
            publish(retry);
        }
        if (mode != FillPoll.ROUTINE) {
            chargeRead("userFills", 0);
        } else if (!mayRead("userFills")) {
            return;
        }
        List<UserFill> fills = venue.userFills(wallet.address());
        chargeExtra("userFills", fills.size());
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
            if (mode == FillPoll.RESYNC) {
                continue;
            }
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

    /**
     * After a request whose answer was lost, reads the venue sooner than the settle loop would: its levels wait for
     * the outcome (see {@link OrderReconciler}). At most one early read is scheduled at a time.
     */
    private void settleSoon() {
        if (earlySettleScheduled.compareAndSet(false, true)) {
            exec.schedule(() -> {
                earlySettleScheduled.set(false);
                whileActive("settle after a lost answer", this::settle);
            }, EARLY_SETTLE_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Re-reads the venue's open orders: settles unknown states, re-sends lost cancels, cancels orphans. */
    private void settle() {
        if (!mayRead("openOrders")) {
            return;
        }
        List<OpenOrder> open = venue.openOrders(wallet.address());
        pollFills(FillPoll.FORCED); // a fill before the snapshot is seen here, so an absent order below is not a fill we missed
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
            if (marketsOnWire.containsKey(o.market())) {
                // a request for this market is on the wire: its answer settles the order; not an orphan either
                if (onVenue != null) {
                    known.add(onVenue.oid());
                }
                continue;
            }
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
        List<OpenOrder> orphans = open.stream()
                .filter(o -> !known.contains(o.oid()) && !marketsOnWire.containsKey(o.coin())).toList();
        if (!orphans.isEmpty()) {
            LOG.warnf("wallet %s: %d order(s) on the venue that execution does not track; cancelling", wallet.id(),
                    orphans.size());
            cancelUnknown(orphans);
        }
        // the venue has been read: intents that waited for it are applied again (unless a newer one is waiting)
        if (!awaitingSettle.isEmpty()) {
            awaitingSettle.forEach(pending::putIfAbsent);
            awaitingSettle.clear();
            scheduleDrain();
        }
    }

    // ------------------------------------------------------------------ helpers

    // ------------------------------------------------------------------ circuit breaker

    /**
     * A signed request went through: resets the 429 back-off and the failure count; a successful probe closes the
     * breaker and releases its kill.
     */
    private void venueSuccess() {
        limiter.succeeded();
        if (breaker.state() == CircuitBreaker.State.OPEN) {
            return; // only the due probe (half-open) may close it, so the back-off holds
        }
        if (breaker.success() == CircuitBreaker.Transition.CLOSED) {
            LOG.infof("wallet %s: venue requests succeed again; circuit breaker closed", wallet.id());
            metrics.breaker("closed");
            KillScope scope = KillScope.parse("wallet:" + wallet.id());
            boolean someoneElse = kill.engaged().stream()
                    .anyMatch(e -> e.scope().equals(scope) && !BREAKER_ACTOR.equals(e.actor()));
            if (someoneElse) {
                LOG.infof("wallet %s: %s stays engaged: it was engaged by someone else too", wallet.id(), scope);
            } else {
                events.kill(new KillSwitch(scope.toString(), KillState.RELEASED, "circuit breaker closed: venue healthy",
                        BREAKER_ACTOR, System.currentTimeMillis()));
            }
        }
    }

    /**
     * A signed request failed (a 429 only slows the rate limiter down). After the configured number in a row the
     * breaker opens: no more orders for the wallet, cancel what can be cancelled, engage wallet:<id> on risk.kill.
     */
    private void venueFailure(VenueException e) {
        if (e.rateLimited()) {
            limiter.throttled(System.nanoTime());
            return;
        }
        String error = e.getMessage().length() > 200 ? e.getMessage().substring(0, 200) + "..." : e.getMessage();
        if (breaker.failure(error, System.nanoTime()) != CircuitBreaker.Transition.OPENED) {
            return;
        }
        String reason = "circuit breaker: " + breaker.consecutiveFailures() + " consecutive venue errors; last: " + error;
        LOG.errorf("wallet %s: %s; stopping orders, cancelling, engaging wallet:%s on risk.kill", wallet.id(), reason,
                wallet.id());
        metrics.breaker("opened");
        events.kill(new KillSwitch("wallet:" + wallet.id(), KillState.ENGAGED, reason, BREAKER_ACTOR,
                System.currentTimeMillis()));
        if (!pending.isEmpty()) {
            pending.clear();
            metrics.intent("breaker_open");
        }
        exec.execute(() -> guarded("circuit breaker cancel", () -> cancel(live.all().stream()
                .filter(o -> o.state() != OrderState.PENDING_CANCEL).toList(), "circuit breaker open")));
    }

    /** A polling read: false (skip this turn) when the rate limiter says wait. */
    private boolean mayRead(String type) {
        int weight = RateLimiter.infoWeight(type);
        if (limiter.acquire(wallet.id(), RateLimiter.Kind.READ, weight, 0, System.nanoTime()) > 0) {
            metrics.throttled("read");
            return false;
        }
        metrics.requestWeight(weight);
        return true;
    }

    /** A read that cannot wait (re-sync, kill verification): charged, never refused. */
    private void chargeRead(String type, int items) {
        int weight = RateLimiter.infoWeight(type) + RateLimiter.infoExtraWeight(type, items);
        limiter.charge(weight, System.nanoTime());
        metrics.requestWeight(weight);
    }

    private void chargeExtra(String type, int items) {
        int extra = RateLimiter.infoExtraWeight(type, items);
        limiter.charge(extra, System.nanoTime());
        metrics.requestWeight(extra);
    }

    /** Cancels (and the dead man's switch) always go first: charged, never refused. */
    private void acquireCancel(int batch) {
        int weight = RateLimiter.exchangeWeight(batch);
        limiter.acquire(wallet.id(), RateLimiter.Kind.CANCEL, weight, batch, System.nanoTime());
        metrics.requestWeight(weight);
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

}
