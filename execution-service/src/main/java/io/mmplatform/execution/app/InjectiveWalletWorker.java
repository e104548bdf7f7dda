package io.mmplatform.execution.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmplatform.common.injective.Coin;
import io.mmplatform.common.injective.Fee;
import io.mmplatform.common.injective.InjectiveAddress;
import io.mmplatform.common.injective.InjectiveKeys;
import io.mmplatform.common.injective.InjectiveTxBuilder;
import io.mmplatform.common.injective.SignedTx;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillScope;
import io.mmplatform.common.messages.Liquidity;
import io.mmplatform.common.messages.OrderEvent;
import io.mmplatform.common.messages.OrderEventType;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.Side;
import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.execution.adapters.InjectiveLcdClient;
import io.mmplatform.execution.adapters.InjectiveLcdClient.Broadcast;
import io.mmplatform.execution.adapters.InjectiveLcdClient.ChainOrder;
import io.mmplatform.execution.adapters.InjectiveLcdClient.Trade;
import io.mmplatform.execution.adapters.InjectiveLcdClient.TxResult;
import io.mmplatform.execution.adapters.VenueException;
import io.mmplatform.execution.adapters.Wallet;
import io.mmplatform.execution.domain.CircuitBreaker;
import io.mmplatform.execution.domain.InjectiveSequenceManager;
import io.mmplatform.execution.domain.KillSwitchState;
import io.mmplatform.execution.domain.LiveOrder;
import io.mmplatform.execution.domain.LiveOrders;
import io.mmplatform.execution.domain.NewOrder;
import io.mmplatform.execution.domain.OrderReconciler;
import io.mmplatform.execution.domain.OrderState;
import io.mmplatform.execution.domain.PreTradeChecks;
import io.mmplatform.execution.domain.ReconcilePlan;
import io.mmplatform.execution.domain.SeenFills;
import io.mmplatform.execution.domain.injective.InjectiveCancel;
import io.mmplatform.execution.domain.injective.InjectiveCids;
import io.mmplatform.execution.domain.injective.InjectiveGasTable;
import io.mmplatform.execution.domain.injective.InjectiveMarketSpec;
import io.mmplatform.execution.domain.injective.InjectiveOrderBatch;
import io.mmplatform.execution.domain.injective.InjectivePendingTxs;
import io.mmplatform.execution.domain.injective.InjectivePendingTxs.SentTx;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One wallet on Injective, on one thread: reconcile intents into {@code MsgBatchUpdateOrders} transactions, sign them
 * (SIGN_MODE_DIRECT) with the wallet's account sequence, broadcast (sync), confirm them by hash, read fills and settle
 * against the chain's open orders.
 *
 * <p>One transaction is in flight at a time ({@link InjectiveSequenceManager}): a broadcast returns after CheckTx, so
 * the next may follow at once with the next sequence. {@code account sequence mismatch, expected X} (code 32) is
 * recovered on the spot: the same messages are signed again with X (the orders keep their cids, so nothing can be
 * placed twice), and pending txs signed with X or more are known never to have reached the mempool. Orders are named by
 * their cid (from our cloid) everywhere: creates, cancels, fills, the chain's order listing.
 */
final class InjectiveWalletWorker extends OwnedWalletWorker {
    static final String VENUE = "injective";
    private static final Logger LOG = Logger.getLogger(InjectiveWalletWorker.class);
    /** Signing again after a sequence mismatch: a race each time (10% injected) makes 8 in a row about 1e-8. */
    private static final int SEND_ATTEMPTS = 8;
    private static final int KILL_VERIFY_ATTEMPTS = 20;
    private static final int TRADES_LIMIT = 200;
    private static final long HEIGHT_MAX_AGE_MS = 5_000;

    /** The chain settings every transaction of the wallet uses. */
    record ChainSettings(String chainId, BigInteger gasPrice, String feeDenom, long maxGasPerTx, int timeoutBlocks,
                         InjectiveGasTable gas, Duration confirmEvery) {
    }

    private final InjectiveAddress address;
    private final String subaccountId;
    private final InjectiveLcdClient chain;
    private final ChainSettings settings;
    private final OrderReconciler reconciler;
    private final PreTradeChecks checks;
    private final KillSwitchState kill;
    private final ExecutionEvents events;
    private final WalletWorker.Timing timing;
    private final CircuitBreaker breaker;
    private final LiveOrders live = new LiveOrders();
    private final SeenFills seen = new SeenFills(200_000);
    private final InjectiveSequenceManager sequence;
    private final InjectivePendingTxs sent = new InjectivePendingTxs();
    private final Map<String, QuoteIntent> awaitingSettle = new HashMap<>();
    /** The intent last applied per market, and how often it was applied again after fills. */
    private final Map<String, QuoteIntent> lastApplied = new HashMap<>();
    private final Map<String, Integer> refills = new HashMap<>();
    private volatile Map<String, InjectiveMarketSpec> markets;
    private Map<String, InjectiveOrderBatch> batches = Map.of();
    private long height;
    private long heightReadAtMs;
    /** Code-32 answers not yet followed by an accepted tx: each is recovered by the next acceptance. */
    private int unrecoveredMismatches;

    InjectiveWalletWorker(Wallet wallet, InjectiveLcdClient chain, ChainSettings settings, OrderReconciler reconciler,
                          PreTradeChecks checks, KillSwitchState kill, ExecutionEvents events, ExecutionMetrics metrics,
                          WalletWorker.Timing timing, CircuitBreaker breaker, int sequenceBreakerThreshold) {
        super(wallet, metrics, "injective-" + wallet.id(), "Injective");
        this.address = InjectiveAddress.fromKey(wallet.key());
        this.subaccountId = address.defaultSubaccountId();
        this.chain = chain;
        this.settings = settings;
        this.reconciler = reconciler;
        this.checks = checks;
        this.kill = kill;
        this.events = events;
        this.timing = timing;
        this.breaker = breaker;
        this.sequence = new InjectiveSequenceManager(System::currentTimeMillis, sequenceBreakerThreshold);
    }

    String address() {
        return address.bech32();
    }

    @Override
    protected boolean venueKnown() {
        return markets != null;
    }

    /** The chain's markets this wallet trades, by platform name: starts the loops. Called once. */
    void markets(Map<String, InjectiveMarketSpec> byName) {
        Map<String, InjectiveOrderBatch> b = new LinkedHashMap<>();
        byName.forEach((name, spec) -> b.put(name, new InjectiveOrderBatch(address, subaccountId, spec)));
        exec.execute(() -> batches = Map.copyOf(b));
        this.markets = Map.copyOf(byName);
        long confirm = settings.confirmEvery().toMillis();
        long poll = timing.fillPoll().toMillis();
        long settle = timing.settleEvery().toMillis();
        exec.scheduleWithFixedDelay(() -> whileActive("confirm", this::confirm), confirm, confirm, TimeUnit.MILLISECONDS);
        exec.scheduleWithFixedDelay(() -> whileActive("fill poll", () -> pollFills(false)), poll, poll,
                TimeUnit.MILLISECONDS);
        exec.scheduleWithFixedDelay(() -> whileActive("settle", this::settle), settle, settle, TimeUnit.MILLISECONDS);
        syncIfOwned();
    }

    /**
     * Re-sync of a newly owned wallet: the account (number, sequence), then every market's open orders: ours (by cid)
     * adopted, others cancelled; fills taken up. Retried every second until it succeeds or the ownership changes.
     */
    @Override
    protected void sync(long e) {
        if (epoch.get() != e || !owned || active) {
            return;
        }
        try {
            refreshAccount();
            live.clear();
            awaitingSettle.clear();
            int adopted = 0;
            for (Map.Entry<String, InjectiveMarketSpec> m : markets.entrySet()) {
                List<InjectiveCancel> foreign = new ArrayList<>();
                for (ChainOrder o : chain.orders(m.getValue(), subaccountId)) {
                    if (InjectiveCids.isOurs(o.cid())) {
                        LiveOrder order = new LiveOrder(InjectiveCids.toCloid(o.cid()), m.getKey(), null,
                                o.buy() ? Side.BUY : Side.SELL, o.price(), o.quantity(), TimeInForce.GTC, 0, 0);
                        if (live.adopt(order, o.fillable())) {
                            adopted++;
                            continue;
                        }
                    }
                    foreign.add(InjectiveCancel.byHash(null, o.orderHash()));
                }
                if (!foreign.isEmpty()) {
                    LOG.infof("wallet %s: cancelling %d order(s) on %s without a cid of ours", wallet.id(),
                            foreign.size(), m.getKey());
                    sendCancels(m.getKey(), List.of(), foreign, "not ours");
                }
            }
            List<LiveOrder> killed = live.select(o -> kill.blocks(wallet.id(), o.market()));
            if (!killed.isEmpty()) {
                cancel(killed, "kill engaged");
            }
            pollFills(true);
            if (epoch.get() == e && owned) {
                active = true;
                LOG.infof("wallet %s: owned and re-synced on Injective (%s, account %d, sequence ready), %d order(s) "
                        + "adopted", wallet.id(), address.bech32(), sequence.accountNumber(), adopted);
            }
        } catch (RuntimeException ex) {
            if (exec.isShutdown()) {
                return;
            }
            LOG.warnf("wallet %s: Injective re-sync failed, retrying in 1s: %s", wallet.id(), ex.getMessage());
            exec.schedule(() -> sync(e), 1, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ intents

    @Override
    protected void process(QuoteIntent intent) {
        process(intent, 0);
    }

    /**
     * Fills took orders of these markets: their latest intents are applied again at once, so that a level a taker
     * swept is placed again in the next block rather than when the strategy's quotes next change.
     */
    private void refill(Set<String> marketsFilled) {
        for (String market : marketsFilled) {
            QuoteIntent intent = lastApplied.get(market);
            if (intent == null || pending.containsKey(market) || awaitingSettle.containsKey(market)) {
                continue; // a newer intent is on its way, or the market waits for a read anyway
            }
            int n = refills.merge(market, 1, Integer::sum);
            guarded("refill " + market + "#" + intent.seq(), () -> process(intent, n));
        }
    }

    /**
     * @param refill 0 for an intent as it arrived; n > 0 for its n-th application after fills, whose new orders get
     *               client order ids of their own (an order the taker filled must not lend its id to its successor)
     */
    private void process(QuoteIntent intent, int refill) {
        String refusal = refusal(intent);
        if (refusal != null) {
            metrics.intent(refusal);
            return;
        }
        if (refill == 0) {
            lastApplied.put(intent.market(), intent);
            refills.remove(intent.market());
        }
        InjectiveMarketSpec spec = markets.get(intent.market());
        String cloidScope = refill == 0 ? wallet.id() : wallet.id() + "~refill" + refill;
        ReconcilePlan plan = reconciler.reconcile(cloidScope, intent.market(), intent.seq(),
                spec.targets(intent.orders()), live.of(intent.market()), System.currentTimeMillis());
        if (plan.waiting().isEmpty()) {
            awaitingSettle.remove(intent.market());
        } else {
            awaitingSettle.put(intent.market(), intent);
            metrics.intent("waits_for_venue_read");
        }
        PreTradeChecks.Outcome checked = checks.check(plan.creates(), intent.reference(), plan.kept().size());
        for (PreTradeChecks.Rejected r : checked.rejected()) {
            metrics.reject(r.rejection().code(), 1);
            events.order(event(intent.market(), OrderEventType.REJECT, r.order().cloid(), r.order().side(),
                    r.order().price(), r.order().size(), r.rejection().toString(), intent.originNanos()));
        }
        List<NewOrder> creates = kill.blocks(wallet.id(), intent.market()) ? List.of() : checked.accepted();
        // by cid, even for an order whose create tx is not in a block yet: the chain runs our txs in sequence order
        List<InjectiveCancel> cancels = plan.cancels().stream().map(o -> InjectiveCancel.of(o, null)).toList();
        if (!creates.isEmpty() || !cancels.isEmpty()) {
            submit(intent.market(), intent, creates, cancels);
        }
        metrics.intent(refill == 0 ? "applied" : "refilled");
    }

    /** Why an intent is not applied now (a metrics tag), or null. */
    private String refusal(QuoteIntent intent) {
        if (!active) {
            return owned ? "not_ready" : "unowned";
        }
        if (!breaker.closed() && !breaker.probeDue(System.nanoTime())) {
            return "breaker_open"; // once the back-off has passed, this intent's tx is the probe
        }
        if (kill.blocking(wallet.id(), intent.market()).isPresent()) {
            return "killed";
        }
        if (intent.createdAtMs() > 0 && System.currentTimeMillis() - intent.createdAtMs() > timing.maxIntentAge().toMillis()) {
            return "stale";
        }
        if (!markets.containsKey(intent.market())) {
            LOG.warnf("wallet %s: intent for Injective market %s which execution does not trade; known %s",
                    wallet.id(), intent.market(), markets.keySet());
            return "unknown_market";
        }
        return null;
    }

    /** Creates and cancels of one market, in as few transactions as the gas limit allows. */
    private void submit(String market, QuoteIntent intent, List<NewOrder> creates, List<InjectiveCancel> cancels) {
        InjectiveOrderBatch.Plan plan = batches.get(market).plan(creates, cancels, settings.gas(), settings.maxGasPerTx());
        for (InjectiveOrderBatch.Dropped d : plan.dropped()) {
            metrics.reject("venue_grid", 1);
            events.order(event(market, OrderEventType.REJECT, d.order().cloid(), d.order().side(), d.order().price(),
                    d.order().size(), d.reason(), intent.originNanos()));
        }
        for (InjectiveOrderBatch.Tx tx : plan.txs()) {
            for (NewOrder n : tx.creates()) {
                LiveOrder o = LiveOrder.pending(market, intent.seq(), intent.originNanos(), n);
                o.placedAtMs(System.currentTimeMillis());
                live.addPending(o);
                events.order(event(o, OrderEventType.NEW, null));
            }
            for (InjectiveCancel c : tx.cancels()) {
                if (c.cloid() != null) {
                    live.markPendingCancel(c.cloid());
                }
            }
            metrics.tickToOrder(intent.originNanos());
            metrics.ordersSent(tx.creates().size());
            metrics.cancelsSent(tx.cancels().size());
            if (!send(market, tx)) {
                return; // the rest would meet the same problem; the next intent tries again
            }
        }
    }

    private void sendCancels(String market, List<LiveOrder> orders, List<InjectiveCancel> extra, String why) {
        List<InjectiveCancel> cancels = new ArrayList<>(extra);
        for (LiveOrder o : orders) {
            live.markPendingCancel(o.cloid());
            cancels.add(InjectiveCancel.of(o, null));
        }
        if (cancels.isEmpty()) {
            return;
        }
        metrics.cancelsSent(cancels.size());
        for (InjectiveOrderBatch.Tx tx : batches.get(market).plan(List.of(), cancels, settings.gas(),
                settings.maxGasPerTx()).txs()) {
            if (!send(market, tx)) {
                LOG.warnf("wallet %s: cancels on %s (%s) not sent; the settle loop retries", wallet.id(), market, why);
                return;
            }
        }
    }

    private void cancel(List<LiveOrder> orders, String why) {
        Map<String, List<LiveOrder>> byMarket = new LinkedHashMap<>();
        orders.forEach(o -> byMarket.computeIfAbsent(o.market(), m -> new ArrayList<>()).add(o));
        byMarket.forEach((market, list) -> sendCancels(market, list, List.of(), why));
    }

    // ------------------------------------------------------------------ transactions

    /**
     * Signs and broadcasts one tx, recovering sequence mismatches on the spot. Returns whether the tx left (accepted
     * by CheckTx, or outcome unknown); on a refusal its creates are rejected and its cancels left for the settle loop.
     */
    private boolean send(String market, InjectiveOrderBatch.Tx tx) {
        if (!owned) {
            return false;
        }
        List<String> creates = tx.creates().stream().map(NewOrder::cloid).toList();
        List<String> cancels = tx.cancels().stream().map(InjectiveCancel::cloid).filter(c -> c != null).toList();
        String refusal = null;
        for (int attempt = 0; attempt < SEND_ATTEMPTS && refusal == null; attempt++) {
            long seq;
            long timeoutHeight;
            try {
                if (sequence.refreshDue()) {
                    refreshAccount();
                }
                timeoutHeight = height() + settings.timeoutBlocks();
                seq = sequence.next();
            } catch (VenueException e) {
                sequence.refreshFailed(e.getMessage());
                failure("account read: " + e.getMessage());
                refusal = "account not readable: " + e.getMessage();
                break;
            }
            SignedTx signed = InjectiveTxBuilder.sign(wallet.key(), InjectiveKeys.PublicKeyForm.COMPRESSED,
                    settings.chainId(), sequence.accountNumber(), seq,
                    new Fee(List.of(new Coin(settings.feeDenom(), settings.gasPrice().multiply(BigInteger.valueOf(tx.gas()))
                            .toString())), tx.gas()), "", timeoutHeight, List.<JsonNode>of(tx.message()));
            long t0 = System.nanoTime();
            Broadcast answer;
            try {
                answer = chain.broadcast(signed);
            } catch (VenueException e) {
                if (e.refused()) {
                    sequence.rejected(seq, -1, e.getMessage());
                    metrics.injectiveTx(wallet.id(), "rejected");
                    failure(e.getMessage());
                    refusal = e.getMessage();
                    break;
                }
                // in the mempool or not: the confirm loop finds it by hash, or its timeout height passes
                sequence.outcomeUnknown(seq, e.getMessage());
                sent.add(new SentTx(signed.hash(), market, seq, timeoutHeight, creates, cancels, true,
                        System.currentTimeMillis()));
                metrics.injectiveTx(wallet.id(), "unknown");
                LOG.warnf("wallet %s: broadcast of tx %s (sequence %d) unanswered: %s; confirming by hash", wallet.id(),
                        signed.hash(), seq, e.getMessage());
                return true;
            } finally {
                metrics.venueRoundTrip(System.nanoTime() - t0);
            }
            if (answer.accepted()) {
                sequence.accepted(seq);
                for (SentTx superseded : sent.supersededBy(signed.hash(), seq)) {
                    lost(superseded, "tx " + superseded.hash() + " (unanswered broadcast) is superseded: sequence "
                            + seq + " went to tx " + signed.hash());
                }
                sent.add(new SentTx(signed.hash(), market, seq, timeoutHeight, creates, cancels, false,
                        System.currentTimeMillis()));
                // in the mempool: whatever we send next runs after it, so its orders count as resting for the
                // reconciler (a replace cancels them by cid in a later tx); ACK or REJECT comes with the block
                creates.forEach(live::confirm);
                metrics.injectiveTx(wallet.id(), "accepted");
                if (unrecoveredMismatches > 0) {
                    metrics.injectiveSequenceRecovered(wallet.id(), unrecoveredMismatches);
                    LOG.infof("wallet %s: sequence recovered, tx %s accepted with sequence %d", wallet.id(),
                            signed.hash(), seq);
                    unrecoveredMismatches = 0;
                }
                success();
                return true;
            }
            sequence.rejected(seq, answer.code(), answer.rawLog());
            if (answer.code() == InjectiveSequenceManager.WRONG_SEQUENCE_CODE) {
                unrecoveredMismatches++;
                metrics.injectiveSequenceMismatch(wallet.id());
                OptionalLong expected = InjectiveSequenceManager.expectedSequence(answer.rawLog(), seq);
                LOG.infof("wallet %s: %s; signing again", wallet.id(), answer.rawLog());
                if (expected.isPresent()) {
                    for (SentTx dropped : sent.droppedFrom(expected.getAsLong())) {
                        lost(dropped, "tx " + dropped.hash() + " (sequence " + dropped.sequence()
                                + ") never reached the mempool: the chain expects " + expected.getAsLong());
                    }
                }
                continue;
            }
            metrics.injectiveTx(wallet.id(), "rejected");
            failure("code " + answer.code() + ": " + answer.rawLog());
            refusal = "tx refused, code " + answer.code() + ": " + answer.rawLog();
        }
        if (refusal == null) {
            refusal = "account sequence mismatch " + SEND_ATTEMPTS + " times in a row";
            failure(refusal);
        }
        LOG.warnf("wallet %s: %s", wallet.id(), refusal);
        for (String cloid : creates) {
            rejectCreate(cloid, refusal);
        }
        return false;
    }

    /** Reads the pending txs by hash: confirms or rejects their orders; declares lost those past their timeout. */
    private void confirm() {
        if (sent.isEmpty()) {
            return;
        }
        boolean missing = false;
        int before = sent.size();
        for (SentTx tx : sent.all()) {
            var found = chain.tx(tx.hash());
            if (found.isEmpty()) {
                missing = true;
                continue;
            }
            sent.remove(tx.hash());
            concluded(tx, found.get());
        }
        if (missing) {
            heightReadAtMs = 0; // read the height now: a tx past its timeout height is lost
            long h = height();
            for (SentTx tx : sent.expiredAt(h)) {
                lost(tx, "tx " + tx.hash() + " not in a block by its timeout height " + tx.timeoutHeight());
            }
        }
        if (sent.size() < before) {
            reapplyWaiting(); // levels that waited for these txs may move now
        }
    }

    /** Intents that waited for an outcome (a pending tx, a chain read) are applied again, unless a newer one waits. */
    private void reapplyWaiting() {
        if (awaitingSettle.isEmpty()) {
            return;
        }
        awaitingSettle.forEach(pending::putIfAbsent);
        awaitingSettle.clear();
        scheduleDrain();
    }

    private void concluded(SentTx tx, TxResult result) {
        if (!result.succeeded()) {
            metrics.injectiveTx(wallet.id(), "failed");
            LOG.warnf("wallet %s: tx %s failed in block %d: code %d %s", wallet.id(), tx.hash(), result.height(),
                    result.code(), result.rawLog());
            for (String cloid : tx.creates()) {
                rejectCreate(cloid, "tx failed: " + result.rawLog());
            }
            return; // its cancels stay pending-cancel: the settle loop sends them again if the orders still rest
        }
        metrics.injectiveTx(wallet.id(), "confirmed");
        Set<String> created = new HashSet<>(result.createdCids());
        for (String cloid : tx.creates()) {
            String cid = InjectiveCids.fromCloid(cloid);
            String failure = result.failedCids().get(cid);
            if (failure != null || !created.contains(cid)) {
                rejectCreate(cloid, failure != null ? failure : "not among the created orders of tx " + tx.hash());
                continue;
            }
            live.byCloid(cloid).ifPresent(o -> {
                live.confirm(cloid);
                events.order(event(o, OrderEventType.ACK, null));
            });
        }
        for (String cloid : tx.cancels()) {
            live.remove(cloid).ifPresent(o -> events.order(event(o, OrderEventType.CANCELED, "cancelled")));
        }
    }

    private void lost(SentTx tx, String why) {
        metrics.injectiveTx(wallet.id(), "lost");
        LOG.warnf("wallet %s: %s", wallet.id(), why);
        for (String cloid : tx.creates()) {
            rejectCreate(cloid, why);
        }
    }

    private void rejectCreate(String cloid, String reason) {
        live.remove(cloid).ifPresent(o -> {
            metrics.reject("venue", 1);
            events.order(event(o, OrderEventType.REJECT, reason));
        });
    }

    private void refreshAccount() {
        InjectiveLcdClient.Account account = chain.account(address.bech32());
        sequence.refreshed(account.accountNumber(), account.sequence());
    }

    private long height() {
        long now = System.currentTimeMillis();
        if (now - heightReadAtMs > HEIGHT_MAX_AGE_MS) {
            height = chain.latestHeight();
            heightReadAtMs = now;
        }
        return height;
    }

    // ------------------------------------------------------------------ fills and settling

    /**
     * Publishes every trade of ours not seen yet (oldest first), and takes fills off live orders unless re-syncing
     * (the adopted orders' remaining size already reflects them).
     */
    private void pollFills(boolean resync) {
        for (Fill retry : seen.takeRetries()) {
            publish(retry);
        }
        Set<String> filled = new HashSet<>();
        for (Map.Entry<String, InjectiveMarketSpec> m : markets.entrySet()) {
            List<Trade> trades = chain.trades(m.getValue(), subaccountId, TRADES_LIMIT);
            for (int i = trades.size() - 1; i >= 0; i--) {
                Trade t = trades.get(i);
                String fillId = VENUE + ":" + t.tradeId() + ":" + (t.buy() ? "B" : "S");
                if (!seen.firstTime(fillId)) {
                    continue;
                }
                String cloid = InjectiveCids.isOurs(t.cid()) ? InjectiveCids.toCloid(t.cid()) : null;
                var order = live.byCloid(cloid);
                Fill fill;
                try {
                    fill = new Fill(fillId, wallet.id(), address.bech32(), VENUE, m.getKey(), t.buy() ? Side.BUY : Side.SELL,
                            t.price(), t.quantity(), t.fee(), "USDT", t.maker() ? Liquidity.MAKER : Liquidity.TAKER, null,
                            cloid, t.executedAtMs(), order.map(LiveOrder::originNanos).orElse(0L));
                } catch (IllegalArgumentException e) {
                    LOG.errorf("wallet %s: Injective trade %s cannot be published: %s", wallet.id(), fillId, e.getMessage());
                    continue;
                }
                publish(fill);
                metrics.fill();
                if (!resync) {
                    order.ifPresent(o -> {
                        filled.add(o.market());
                        live.applyFill(o, t.quantity());
                        events.order(event(o.market(), o.remaining().signum() == 0 ? OrderEventType.FILLED
                                        : OrderEventType.FILL, o.cloid(), o.side(), t.price(), t.quantity(), null,
                                o.originNanos()));
                    });
                }
            }
        }
        if (!filled.isEmpty() && active) {
            refill(filled);
        }
    }

    private void publish(Fill fill) {
        events.fill(fill).whenComplete((ok, failure) -> {
            if (failure != null) {
                seen.publishFailed(fill);
            }
        });
    }

    /**
     * Reads every market's open orders of the subaccount: orders of concluded txs missing from the chain are gone
     * (filled or cancelled), pending cancels still resting are sent again, orders of ours we do not track and foreign
     * orders are cancelled. Orders of txs still pending are left alone.
     */
    private void settle() {
        if (sequence.refreshDue()) {
            refreshAccount(); // proactive: catches another signer using the account between our txs
        }
        for (Map.Entry<String, InjectiveMarketSpec> m : markets.entrySet()) {
            String market = m.getKey();
            List<ChainOrder> open = chain.orders(m.getValue(), subaccountId);
            pollFills(false);
            Map<String, ChainOrder> byCloid = new HashMap<>();
            List<InjectiveCancel> orphans = new ArrayList<>();
            for (ChainOrder o : open) {
                String cloid = InjectiveCids.isOurs(o.cid()) ? InjectiveCids.toCloid(o.cid()) : null;
                if (cloid != null && (live.contains(cloid) || sent.involves(cloid))) {
                    byCloid.put(cloid, o);
                } else {
                    orphans.add(InjectiveCancel.byHash(cloid, o.orderHash()));
                }
            }
            List<LiveOrder> recancel = new ArrayList<>();
            for (LiveOrder o : live.of(market)) {
                if (sent.involves(o.cloid())) {
                    continue;
                }
                ChainOrder onChain = byCloid.get(o.cloid());
                if (onChain == null) {
                    live.remove(o.cloid());
                    events.order(o.state() == OrderState.PENDING_NEW
                            ? event(o, OrderEventType.REJECT, "not on the chain after its tx concluded")
                            : event(o, OrderEventType.CANCELED, "no longer on the chain"));
                    continue;
                }
                if (o.state() == OrderState.PENDING_NEW) {
                    live.confirm(o.cloid());
                    events.order(event(o, OrderEventType.ACK, null));
                }
                live.updateRemaining(o, onChain.fillable());
                if (o.state() == OrderState.PENDING_CANCEL || kill.blocks(wallet.id(), market)) {
                    recancel.add(o);
                }
            }
            if (!orphans.isEmpty()) {
                metrics.orphansCancelled(orphans.size());
                LOG.warnf("wallet %s: %d order(s) on %s that execution does not track; cancelling", wallet.id(),
                        orphans.size(), market);
            }
            if (!recancel.isEmpty() || !orphans.isEmpty()) {
                sendCancels(market, recancel, orphans, "settle");
            }
        }
        reapplyWaiting();
    }

    // ------------------------------------------------------------------ kill and shutdown

    CompletableFuture<Boolean> cancelScope(KillScope scope, String why, long receivedNanos) {
        return CompletableFuture.supplyAsync(() -> cancelScopeNow(scope, why, receivedNanos), exec);
    }

    /**
     * Cancels everything of the subaccount in every market in scope with one cancel-all message per market (orders
     * we do not know included), then reads the chain until its txs are concluded and no order in scope rests; the
     * cancel-all is sent again while orders remain. Returns whether the chain confirmed it.
     */
    private boolean cancelScopeNow(KillScope scope, String why, long receivedNanos) {
        if (markets == null || !owned) {
            return true;
        }
        pending.keySet().removeIf(market -> scope.covers(wallet.id(), market));
        List<String> inScope = markets.keySet().stream().filter(m -> scope.covers(wallet.id(), m)).toList();
        for (int attempt = 0; attempt < KILL_VERIFY_ATTEMPTS; attempt++) {
            try {
                if (attempt % 5 == 0) {
                    for (String market : inScope) {
                        cancelAll(market);
                    }
                }
                sleep(Math.max(200, settings.confirmEvery().toMillis()));
                confirm();
                boolean any = false;
                for (String market : inScope) {
                    any |= !chain.orders(markets.get(market), subaccountId).isEmpty();
                }
                if (!any && sent.isEmpty()) {
                    for (LiveOrder o : live.select(o -> scope.covers(wallet.id(), o.market()))) {
                        live.remove(o.cloid());
                        events.order(event(o, OrderEventType.CANCELED, why));
                    }
                    metrics.killCancelAll(System.nanoTime() - receivedNanos);
                    LOG.infof("wallet %s: no order in scope %s on Injective (%s)", wallet.id(), scope, why);
                    return true;
                }
            } catch (VenueException e) {
                LOG.warnf("wallet %s: cannot verify cancel-all for %s on Injective: %s", wallet.id(), scope,
                        e.getMessage());
            }
        }
        LOG.errorf("wallet %s: Injective still shows orders in scope %s after %d attempts", wallet.id(), scope,
                KILL_VERIFY_ATTEMPTS);
        return false;
    }

    /** One cancel-all tx for a market; the live orders it takes down are pending-cancel until it concludes. */
    private void cancelAll(String market) {
        List<LiveOrder> mine = live.of(market);
        mine.forEach(o -> live.markPendingCancel(o.cloid()));
        metrics.cancelsSent(Math.max(1, mine.size()));
        send(market, batches.get(market).cancelAll(mine.stream().map(LiveOrder::cloid).toList(), mine.size() + 20,
                settings.gas()));
    }

    boolean shutdown(Duration timeout) {
        pending.clear();
        boolean wasOwned = owned && markets != null;
        active = false;
        boolean confirmed = false;
        if (wasOwned) {
            try {
                confirmed = CompletableFuture.supplyAsync(() -> cancelScopeNow(KillScope.GLOBAL, "shutdown",
                        System.nanoTime()), exec).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.errorf("wallet %s: Injective cancel-all at shutdown did not complete within %s: %s", wallet.id(),
                        timeout, e);
            }
        }
        owned = false;
        exec.shutdownNow();
        return confirmed;
    }

    // ------------------------------------------------------------------ breaker and helpers

    private void success() {
        if (breaker.state() != CircuitBreaker.State.OPEN && breaker.success() == CircuitBreaker.Transition.CLOSED) {
            LOG.infof("wallet %s: Injective transactions go through again; circuit breaker closed", wallet.id());
            metrics.breaker("closed");
        }
    }

    /**
     * A refused tx or an unreadable account. After the configured number in a row the wallet's Injective breaker
     * opens: intents are refused until the back-off passes; the next tx is the probe.
     */
    private void failure(String error) {
        if (breaker.failure(error, System.nanoTime()) == CircuitBreaker.Transition.OPENED) {
            LOG.errorf("wallet %s: Injective circuit breaker open after %d consecutive errors; last: %s", wallet.id(),
                    breaker.consecutiveFailures(), error);
            metrics.breaker("opened");
            pending.clear();
        }
    }

    private OrderEvent event(LiveOrder o, OrderEventType type, String reason) {
        return event(o.market(), type, o.cloid(), o.side(), o.price(), o.remaining(), reason, o.originNanos());
    }

    private OrderEvent event(String market, OrderEventType type, String cloid, Side side, BigDecimal price,
                             BigDecimal size, String reason, long originNanos) {
        return new OrderEvent(wallet.id(), VENUE, market, type, cloid, null, side, price, size, reason,
                System.currentTimeMillis(), originNanos);
    }
}
