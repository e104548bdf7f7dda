package io.mmplatform.execution.app;

import io.mmplatform.common.messages.KillScope;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.Topics;
import io.mmplatform.common.Instruments;
import io.mmplatform.execution.adapters.HyperliquidClient;
import io.mmplatform.execution.adapters.InjectiveLcdClient;
import io.mmplatform.execution.adapters.KafkaPartitions;
import io.mmplatform.execution.adapters.NonceFile;
import io.mmplatform.execution.adapters.Wallet;
import io.mmplatform.execution.adapters.WalletsFile;
import io.mmplatform.execution.domain.CheckLimits;
import io.mmplatform.execution.domain.CircuitBreaker;
import io.mmplatform.execution.domain.IntentSequencer;
import io.mmplatform.execution.domain.KillSwitchState;
import io.mmplatform.execution.domain.MarketSpec;
import io.mmplatform.execution.domain.OrderReconciler;
import io.mmplatform.execution.domain.PreTradeChecks;
import io.mmplatform.execution.domain.RateLimiter;
import io.mmplatform.execution.domain.Tolerance;
import io.mmplatform.execution.domain.VenueRules;
import io.mmplatform.execution.domain.WalletOwnership;
import io.mmplatform.execution.domain.injective.InjectiveGasTable;
import io.mmplatform.execution.domain.injective.InjectiveMarketSpec;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Owns the wallets and their workers: start-up (config check, wallets, kill state, venue metadata), which wallets this
 * replica owns (partitions of quote.intents, from the rebalance listener), routing of intents and kills to the
 * wallet's single writer, and cancel-all at shutdown.
 */
@ApplicationScoped
public class ExecutionService {
    private static final Logger LOG = Logger.getLogger(ExecutionService.class);

    @Inject
    ExecutionConfig config;
    @Inject
    ExecutionMetrics metrics;
    @Inject
    EventPublisher events;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final KillSwitchState kill = new KillSwitchState();
    private final IntentSequencer sequencer = new IntentSequencer();
    private final Map<String, WalletWorker> workers = new LinkedHashMap<>();
    /** The wallets' Injective workers (execution.injective.enabled), by wallet id: same keys, same ownership. */
    private final Map<String, InjectiveWalletWorker> injectiveWorkers = new LinkedHashMap<>();
    private HyperliquidClient venue;
    private InjectiveLcdClient injective;
    private volatile boolean injectiveMarketsLoaded;
    private ScheduledExecutorService starter;
    private WalletOwnership ownership;
    /** Partitions assigned before the wallets were loaded (the consumer may join the group first). */
    private final List<Integer> earlyPartitions = new ArrayList<>();
    private int earlyPartitionCount;
    private String instanceId;
    private volatile VenueRules rules;
    private volatile boolean killStateLoaded;
    private volatile boolean stopping;
    private volatile String startProblem = "starting";

    void onStart(@Observes StartupEvent event) {
        ConfigCheck.Resolved resolved = ConfigCheck.validate(config);
        instanceId = resolved.instanceId();
        List<Wallet> wallets = WalletsFile.load(resolved.walletsFile(), "execution.wallets-file");
        venue = new HyperliquidClient(resolved.venueUrl(), config.hyperliquid().mainnet(), config.httpTimeout());
        OrderReconciler reconciler = new OrderReconciler(
                new Tolerance(config.tolerance().priceBps(), config.tolerance().sizeFraction()),
                config.tolerance().minReplaceInterval().toMillis());
        PreTradeChecks checks = new PreTradeChecks(new CheckLimits(config.checks().priceBandBps(),
                config.checks().passiveBandBps(), config.checks().maxOrderNotional(), config.checks().maxOpenOrders()));
        WalletWorker.Timing timing = new WalletWorker.Timing(config.fillPollInterval(), config.settleInterval(),
                config.maxIntentAge(), config.deadMan().timeout(), config.deadMan().refresh());
        RateLimiter limiter = new RateLimiter(resolved.rateLimits(), System.nanoTime());
        synchronized (this) {
            for (Wallet w : wallets) {
                workers.put(w.id(), new WalletWorker(w, venue, reconciler, checks, kill, events, metrics, timing,
                        limiter, new NonceFile(resolved.stateDir(), w.id()),
                        new CircuitBreaker(config.circuitBreaker().failures(), config.circuitBreaker().backoff().toNanos(),
                                config.circuitBreaker().maxBackoff().toNanos()), config.useBatchModify(),
                        config.maxRequestsInFlight()));
            }
            if (resolved.injectiveLcd() != null) {
                ExecutionConfig.Injective inj = config.injective();
                injective = new InjectiveLcdClient(resolved.injectiveLcd(), config.httpTimeout());
                OrderReconciler injectiveReconciler = new OrderReconciler(
                        new Tolerance(config.tolerance().priceBps(), config.tolerance().sizeFraction()),
                        config.tolerance().minReplaceInterval().toMillis(), true);
                InjectiveWalletWorker.ChainSettings chain = new InjectiveWalletWorker.ChainSettings(inj.chainId(),
                        inj.gasPrice(), inj.feeDenom(), inj.maxGasPerTx(), inj.timeoutBlocks(), InjectiveGasTable.DEFAULTS,
                        inj.confirmInterval());
                for (Wallet w : wallets) {
                    injectiveWorkers.put(w.id(), new InjectiveWalletWorker(w, injective, chain, injectiveReconciler, checks, kill,
                            events, metrics, timing, new CircuitBreaker(config.circuitBreaker().failures(),
                            config.circuitBreaker().backoff().toNanos(), config.circuitBreaker().maxBackoff().toNanos()),
                            inj.sequenceBreakerErrors()));
                }
            }
            ownership = new WalletOwnership(workers.keySet(), KafkaPartitions::forKey);
            metrics.instance(instanceId, () -> ownedWallets().size());
            if (earlyPartitionCount > 0) {
                assignNow(earlyPartitions, earlyPartitionCount);
            }
        }
        LOG.infof("execution-service instance=%s mode=%s venue=%s hyperliquid.mainnet=%s wallets=%s (from %s) "
                        + "tolerance=%sbps/%s checks: band=%sbps maxNotional=%s maxOpen=%d fillPoll=%s settle=%s "
                        + "deadMan=%s/%s rateLimit=%s stateDir=%s",
                instanceId, config.mode().name().toLowerCase(), resolved.venueUrl(), config.hyperliquid().mainnet(),
                wallets, resolved.walletsFile().toAbsolutePath(), config.tolerance().priceBps(),
                config.tolerance().sizeFraction(), config.checks().priceBandBps(), config.checks().maxOrderNotional(),
                config.checks().maxOpenOrders(), config.fillPollInterval(), config.settleInterval(),
                config.deadMan().timeout(), config.deadMan().refresh(), resolved.rateLimits(),
                resolved.stateDir().toAbsolutePath());
        if (injective != null) {
            LOG.infof("Injective venue on: lcd=%s chain-id=%s wallets %s", resolved.injectiveLcd(),
                    config.injective().chainId(), injectiveWorkers.values().stream()
                            .map(w -> w.wallet().id() + "=" + w.address()).toList());
        } else {
            LOG.info("Injective venue off (execution.injective.enabled=false)");
        }
        starter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "execution-start");
            t.setDaemon(true);
            return t;
        });
        starter.execute(this::startUp);
    }

    /**
     * Retried every second until the kill state and the venue's metadata are in place; then every wallet this
     * instance owns (now or later) is re-synced by its worker before anything is sent.
     */
    private void startUp() {
        if (stopping) {
            return;
        }
        try {
            if (!killStateLoaded) {
                int n = KillTopicReader.readToEnd(bootstrap, Duration.ofSeconds(10), this::applyKill);
                killStateLoaded = true;
                LOG.infof("kill state read (%d record(s)); engaged: %s", n, kill.engaged());
            }
            if (injective != null && !injectiveMarketsLoaded) {
                Map<String, InjectiveMarketSpec> traded = injectiveMarkets(injective.markets());
                LOG.infof("Injective markets: %s", traded.entrySet().stream().map(e -> e.getKey() + "(" + e.getValue()
                        .marketId() + ", tick " + e.getValue().minPriceTickSize().toPlainString() + "/"
                        + e.getValue().minQuantityTickSize().toPlainString() + ", min notional "
                        + e.getValue().minNotional().toPlainString() + ")").toList());
                for (InjectiveWalletWorker w : injectiveWorkers.values()) {
                    w.markets(traded);
                }
                injectiveMarketsLoaded = true;
            }
            List<MarketSpec> markets = venue.meta();
            VenueRules loaded = new VenueRules(markets);
            LOG.infof("venue markets: %s", markets.stream()
                    .map(m -> m.name() + "(asset " + m.assetIndex() + ", szDecimals " + m.szDecimals() + ")").toList());
            for (WalletWorker w : workers.values()) {
                w.venueRules(loaded);
            }
            rules = loaded;
            startProblem = null;
            LOG.infof("execution-service %s started; owned wallets: %s", instanceId, ownership.ownedWallets());
        } catch (Exception e) {
            String problem = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!problem.equals(startProblem)) {
                LOG.warnf("not ready yet, retrying every second: %s", problem);
            }
            startProblem = problem;
            starter.schedule(this::startUp, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * The chain's markets by platform name (INJ/USDT, INJ/USDT-PERP), those of execution.injective.markets if set.
     * A configured market the chain does not list fails the start-up attempt (retried), naming the key.
     */
    private Map<String, InjectiveMarketSpec> injectiveMarkets(List<InjectiveMarketSpec> listed) {
        Map<String, InjectiveMarketSpec> byName = new LinkedHashMap<>();
        for (InjectiveMarketSpec m : listed) {
            byName.putIfAbsent(Instruments.injectiveMarketName(m.ticker()), m);
        }
        if (config.injective().markets().isEmpty()) {
            return byName;
        }
        Map<String, InjectiveMarketSpec> traded = new LinkedHashMap<>();
        for (String name : config.injective().markets().get()) {
            InjectiveMarketSpec m = byName.get(name.strip());
            if (m == null) {
                throw new IllegalStateException("execution.injective.markets names " + name
                        + ", which the chain does not list; it lists " + byName.keySet());
            }
            traded.put(name.strip(), m);
        }
        return traded;
    }

    /** From the rebalance listener: partitions of quote.intents newly assigned to this instance. */
    public synchronized void onAssigned(Collection<Integer> partitions, int partitionCount) {
        if (ownership == null) {
            earlyPartitions.addAll(partitions);
            earlyPartitionCount = partitionCount;
            return;
        }
        assignNow(partitions, partitionCount);
    }

    private void assignNow(Collection<Integer> partitions, int partitionCount) {
        List<String> gained = ownership.assign(partitions, partitionCount);
        LOG.infof("instance %s: assigned partitions %s of %s; now owns wallets %s (new: %s)", instanceId, partitions,
                Topics.QUOTE_INTENTS, ownership.ownedWallets(), gained);
        for (String id : gained) {
            workers.get(id).own();
            if (injectiveWorkers.containsKey(id)) {
                injectiveWorkers.get(id).own();
            }
        }
    }

    /** From the rebalance listener: partitions revoked or lost; their wallets stop sending at once. */
    public synchronized void onRevoked(Collection<Integer> partitions) {
        if (ownership == null) {
            earlyPartitions.removeAll(partitions);
            return;
        }
        if (stopping) {
            return; // shutting down: the wallets' cancel-all runs (or ran) under our ownership
        }
        List<String> lost = ownership.revoke(partitions);
        LOG.infof("instance %s: revoked partitions %s of %s; stops sending for wallets %s; still owns %s", instanceId,
                partitions, Topics.QUOTE_INTENTS, lost, ownership.ownedWallets());
        for (String id : lost) {
            workers.get(id).disown();
            if (injectiveWorkers.containsKey(id)) {
                injectiveWorkers.get(id).disown();
            }
        }
    }

    /** From the quote.intents consumer. Intents for wallets this instance does not own are ignored. */
    public void onIntent(QuoteIntent intent) {
        WalletWorker worker = workers.get(intent.walletId());
        if (worker == null || !owns(intent.walletId())) {
            metrics.intent("unowned");
            return;
        }
        if (!sequencer.accept(intent.walletId(), intent.market(), intent.seq())) {
            metrics.intent("old_seq");
            return;
        }
        if (InjectiveWalletWorker.VENUE.equals(intent.venue())) {
            InjectiveWalletWorker injectiveWorker = injectiveWorkers.get(intent.walletId());
            if (injectiveWorker == null) {
                metrics.intent("venue_off");
                return;
            }
            injectiveWorker.offer(intent);
            return;
        }
        worker.offer(intent);
    }

    /** From the risk.kill consumer. */
    public void onKill(KillSwitch record) {
        long received = System.nanoTime();
        if (!applyKill(record)) {
            return;
        }
        KillScope scope = KillScope.parse(record.scope());
        if (record.state() == KillState.RELEASED) {
            LOG.infof("kill %s released by %s; intents in scope are accepted again", scope, record.actor());
            return;
        }
        LOG.warnf("kill %s engaged by %s (%s): cancelling every order in scope", scope, record.actor(), record.reason());
        for (WalletWorker w : workers.values()) {
            if (scope.kind() != KillScope.Kind.WALLET || scope.value().equals(w.wallet().id())) {
                w.cancelScope(scope, "kill " + scope + ": " + record.reason(), received);
            }
        }
        for (InjectiveWalletWorker w : injectiveWorkers.values()) {
            if (scope.kind() != KillScope.Kind.WALLET || scope.value().equals(w.wallet().id())) {
                w.cancelScope(scope, "kill " + scope + ": " + record.reason(), received);
            }
        }
    }

    private boolean applyKill(KillSwitch record) {
        return kill.apply(KillScope.parse(record.scope()), record.state(), record.reason(), record.actor(), record.timeMs());
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (starter != null) {
            starter.shutdownNow();
        }
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (WalletWorker w : workers.values()) {
            Thread t = new Thread(() -> {
                if (w.shutdown(config.shutdownTimeout())) {
                    LOG.infof("wallet %s: all orders cancelled at shutdown, dead man's switch removed", w.wallet().id());
                }
            }, "shutdown-" + w.wallet().id());
            t.start();
            threads.add(t);
        }
        for (InjectiveWalletWorker w : injectiveWorkers.values()) {
            Thread t = new Thread(() -> {
                if (w.shutdown(config.shutdownTimeout())) {
                    LOG.infof("wallet %s: all Injective orders cancelled at shutdown", w.wallet().id());
                }
            }, "shutdown-injective-" + w.wallet().id());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join(config.shutdownTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.infof("execution-service %s stopped in %d ms", instanceId, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Ready once the kill state and the venue's metadata are loaded and every wallet this instance owns is re-synced
     * (an instance that owns no wallet is ready too).
     */
    public boolean ready() {
        if (stopping || !killStateLoaded || rules == null) {
            return false;
        }
        for (WalletWorker w : workers.values()) {
            if (w.owned() && !w.active()) {
                return false;
            }
        }
        for (InjectiveWalletWorker w : injectiveWorkers.values()) {
            if (w.owned() && !w.active()) {
                return false;
            }
        }
        return true;
    }

    public synchronized boolean owns(String walletId) {
        return ownership != null && ownership.owns(walletId);
    }

    public synchronized Set<String> ownedWallets() {
        return ownership == null ? Set.of() : ownership.ownedWallets();
    }

    /** Owned and re-synced: this instance trades the wallet. */
    public boolean active(String walletId) {
        WalletWorker w = workers.get(walletId);
        return w != null && w.active();
    }

    public String instanceId() {
        return instanceId;
    }

    public String startProblem() {
        return startProblem;
    }

    public int walletCount() {
        return workers.size();
    }

    public VenueRules rules() {
        return rules;
    }

    public KillSwitchState killState() {
        return kill;
    }
}
