package io.mmplatform.execution.app;

import io.mmplatform.common.messages.KillScope;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.execution.adapters.HyperliquidClient;
import io.mmplatform.execution.adapters.Wallet;
import io.mmplatform.execution.adapters.WalletsFile;
import io.mmplatform.execution.domain.CheckLimits;
import io.mmplatform.execution.domain.IntentSequencer;
import io.mmplatform.execution.domain.KillSwitchState;
import io.mmplatform.execution.domain.MarketSpec;
import io.mmplatform.execution.domain.OrderReconciler;
import io.mmplatform.execution.domain.PreTradeChecks;
import io.mmplatform.execution.domain.Tolerance;
import io.mmplatform.execution.domain.VenueRules;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Owns the wallets and their workers: start-up (config check, wallets, kill state, venue metadata, clean slate on the
 * venue), routing of intents and kills to the wallet's single writer, and cancel-all at shutdown.
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
    private HyperliquidClient venue;
    private ScheduledExecutorService starter;
    private volatile VenueRules rules;
    private volatile boolean killStateLoaded;
    private volatile boolean ready;
    private volatile boolean stopping;
    private volatile String startProblem = "starting";

    void onStart(@Observes StartupEvent event) {
        ConfigCheck.Resolved resolved = ConfigCheck.validate(config);
        List<Wallet> wallets = WalletsFile.load(resolved.walletsFile(), "execution.wallets-file");
        venue = new HyperliquidClient(resolved.venueUrl(), config.hyperliquid().mainnet(), config.httpTimeout());
        OrderReconciler reconciler = new OrderReconciler(
                new Tolerance(config.tolerance().priceBps(), config.tolerance().sizeFraction()));
        PreTradeChecks checks = new PreTradeChecks(new CheckLimits(config.checks().priceBandBps(),
                config.checks().maxOrderNotional(), config.checks().maxOpenOrders()));
        for (Wallet w : wallets) {
            workers.put(w.id(), new WalletWorker(w, venue, reconciler, checks, kill, events, metrics, config.maxIntentAge()));
        }
        LOG.infof("execution-service mode=%s venue=%s hyperliquid.mainnet=%s wallets=%s (from %s) "
                        + "tolerance=%sbps/%s checks: band=%sbps maxNotional=%s maxOpen=%d fillPoll=%s settle=%s",
                config.mode().name().toLowerCase(), resolved.venueUrl(), config.hyperliquid().mainnet(), wallets,
                resolved.walletsFile().toAbsolutePath(), config.tolerance().priceBps(), config.tolerance().sizeFraction(),
                config.checks().priceBandBps(), config.checks().maxOrderNotional(), config.checks().maxOpenOrders(),
                config.fillPollInterval(), config.settleInterval());
        starter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "execution-start");
            t.setDaemon(true);
            return t;
        });
        starter.execute(this::startUp);
    }

    /** Retried every second until the kill state, the venue's metadata and every wallet are in place. */
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
            if (rules == null) {
                List<MarketSpec> markets = venue.meta();
                rules = new VenueRules(markets);
                LOG.infof("venue markets: %s", markets.stream()
                        .map(m -> m.name() + "(asset " + m.assetIndex() + ", szDecimals " + m.szDecimals() + ")").toList());
            }
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            for (WalletWorker w : workers.values()) {
                if (!w.accepting()) {
                    starts.add(w.start(rules, config.fillPollInterval(), config.settleInterval()));
                }
            }
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            ready = true;
            startProblem = null;
            LOG.info("execution-service ready");
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            String problem = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            if (!problem.equals(startProblem)) {
                LOG.warnf("not ready yet, retrying every second: %s", problem);
            }
            startProblem = problem;
            starter.schedule(this::startUp, 1, TimeUnit.SECONDS);
        }
    }

    /** From the quote.intents consumer. */
    public void onIntent(QuoteIntent intent) {
        WalletWorker worker = workers.get(intent.walletId());
        if (worker == null) {
            metrics.intent("unowned");
            return;
        }
        if (!sequencer.accept(intent.walletId(), intent.market(), intent.seq())) {
            metrics.intent("old_seq");
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
    }

    private boolean applyKill(KillSwitch record) {
        return kill.apply(KillScope.parse(record.scope()), record.state(), record.reason(), record.actor(), record.timeMs());
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        ready = false;
        if (starter != null) {
            starter.shutdownNow();
        }
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (WalletWorker w : workers.values()) {
            Thread t = new Thread(() -> {
                boolean ok = w.shutdown(config.shutdownTimeout());
                if (ok) {
                    LOG.infof("wallet %s: all orders cancelled at shutdown", w.wallet().id());
                }
            }, "shutdown-" + w.wallet().id());
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
        LOG.infof("execution-service stopped in %d ms", (System.nanoTime() - t0) / 1_000_000);
    }

    public boolean ready() {
        return ready;
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
