package io.mmplatform.simulator.adapters;

import io.mmplatform.simulator.config.SimulatorConfig;
import io.mmplatform.simulator.config.InjectiveDialectSettings;
import io.mmplatform.simulator.config.SimulatorSettings;
import io.mmplatform.simulator.domain.FaultDecider;
import io.mmplatform.simulator.domain.InjectiveChain;
import io.mmplatform.simulator.domain.MarketSpec;
import io.mmplatform.simulator.domain.PriceTick;
import io.mmplatform.simulator.domain.RateLimits;
import io.mmplatform.simulator.domain.ResidentBook;
import io.mmplatform.simulator.domain.ResidentSettings;
import io.mmplatform.simulator.domain.Simulation;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Owns the simulation and its clock: a single thread advances it to the wall clock every clock period and hands the
 * published reference ticks to listeners (the Hermes stream).
 */
@ApplicationScoped
public class SimulatorRuntime {
    private static final Logger LOG = Logger.getLogger(SimulatorRuntime.class);

    private final SimulatorSettings settings;
    private final Simulation simulation;
    /** Resident ladders by engine market: the Hyperliquid markets' and the Injective books'. */
    private final Map<String, ResidentSettings> residents;
    private final FaultDecider faults;
    private final RateLimits rateLimits;
    /** The Injective chain in front of the engine, or null when the dialect is off. */
    private final InjectiveChain injective;
    private final List<Consumer<List<PriceTick>>> tickListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> stepListeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService clock;
    private volatile long lastAdvanceMs;

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0")
    String httpHost;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8900")
    int httpPort;

    @Inject
    public SimulatorRuntime(SimulatorConfig config) {
        this.settings = SimulatorSettings.from(config);
        long start = System.currentTimeMillis();
        // ids above start x 1000: unique across restarts of the simulator (a consumer deduplicating by tid is safe)
        InjectiveDialectSettings inj = InjectiveDialectSettings.from(config.injective(), settings.markets());
        Map<String, ResidentSettings> residents = new LinkedHashMap<>(settings.residents());
        if (inj != null) {
            residents.putAll(inj.residents());
        }
        this.residents = Collections.unmodifiableMap(residents);
        this.simulation = new Simulation(settings.markets(), settings.engineWithIdBase(start * 1000),
                settings.reference(), settings.taker(), settings.seed(), start, residents,
                inj == null ? List.of() : inj.linked());
        if (inj == null) {
            this.injective = null;
        } else {
            this.injective = new InjectiveChain(simulation, inj.chain(), settings.seed(), start);
            injective.faults(inj.sequenceRaceRate(), inj.droppedBroadcastRate());
        }
        this.faults = new FaultDecider(settings.seed(), start, settings.faults());
        this.rateLimits = new RateLimits(settings.rateLimits());
    }

    void onStart(@Observes StartupEvent event) {
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-clock");
            t.setDaemon(true);
            return t;
        });
        clock.scheduleAtFixedRate(this::advance, 0, settings.clockPeriodMs(), TimeUnit.MILLISECONDS);
        LOG.infof("venue-simulator started: mode=paper seed=%d signing=%s markets=[%s] paperBalance=%s USDC "
                        + "fees maker=%s taker=%s, reference tick=%dms, takers %s/s/market band=%sbps notional=%s..%s "
                        + "minOrderValue=%s",
                settings.seed(), settings.mainnet() ? "mainnet(a)" : "testnet(b)",
                settings.markets().stream().map(SimulatorRuntime::describe).collect(Collectors.joining(", ")),
                settings.engine().paperBalance().toPlainString(), settings.engine().makerFee().toPlainString(),
                settings.engine().takerFee().toPlainString(), settings.reference().tickIntervalMs(),
                settings.taker().ratePerSecond().toPlainString(), settings.taker().bandBps().toPlainString(),
                settings.taker().minNotional().toPlainString(), settings.taker().maxNotional().toPlainString(),
                settings.engine().minOrderValue().toPlainString());
        LOG.infof("venue-simulator faults: %s; rate limits: %s", settings.faults(), settings.rateLimits());
        for (String coin : residents.keySet()) {
            ResidentBook book = simulation.residentBook(coin);
            LOG.infof("venue-simulator resident book %s: %s, %d orders centred at %s (reference %s), account %s",
                    coin, residents.get(coin), book.orders().size(), book.centre().toPlainString(),
                    simulation.latestTick(coin).price().toPlainString(), ResidentBook.ADDRESS);
        }
        if (injective != null) {
            LOG.infof("venue-simulator injective: chain %s, block time %dms, markets [%s]",
                    injective.settings().chainId(), injective.settings().blockTimeMs(), injective.markets().stream()
                            .map(m -> m.ticker() + "=" + m.marketId()).collect(Collectors.joining(", ")));
        } else {
            LOG.info("venue-simulator injective: off (simulator.injective.enabled=false or no reference market)");
        }
        logUrls(httpHost, httpPort);
    }

    /** Logs the URLs again with the port the HTTP server actually bound (differs from the config in tests). */
    void onHttpStart(@ObservesAsync HttpServerStart start) {
        if (start.options().getPort() > 0 && start.options().getPort() != httpPort) {
            logUrls(start.options().getHost(), start.options().getPort());
        }
    }

    private void logUrls(String bindHost, int port) {
        String host = bindHost == null || "0.0.0.0".equals(bindHost) ? "localhost" : bindHost;
        String base = "http://" + host + ":" + port;
        LOG.infof("venue-simulator URLs: hyperliquid %s (POST /info, POST /exchange), pyth hermes %s "
                        + "(GET /v2/updates/price/latest, GET /v2/updates/price/stream), status %s/sim/status",
                base, base, base);
    }

    private static String describe(MarketSpec m) {
        return m.name() + "(szDecimals=" + m.szDecimals() + ", start=" + m.startPrice().toPlainString()
                + ", feed=" + m.feedId().substring(0, 8) + "..)";
    }

    void onStop(@Observes ShutdownEvent event) {
        if (clock != null) {
            clock.shutdownNow();
        }
    }

    private void advance() {
        try {
            long now = System.currentTimeMillis();
            List<PriceTick> ticks = simulation.advance(now);
            if (injective != null) {
                injective.produceBlocks(now);
            }
            lastAdvanceMs = now;
            if (!ticks.isEmpty()) {
                for (Consumer<List<PriceTick>> listener : tickListeners) {
                    listener.accept(ticks);
                }
            }
            for (Runnable listener : stepListeners) {
                listener.run();
            }
        } catch (RuntimeException e) {
            LOG.error("simulation step failed", e);
        }
    }

    public void onTicks(Consumer<List<PriceTick>> listener) {
        tickListeners.add(listener);
    }

    /** Runs after every clock step, on the clock thread. */
    public void onStep(Runnable listener) {
        stepListeners.add(listener);
    }

    public Simulation simulation() {
        return simulation;
    }

    public FaultDecider faults() {
        return faults;
    }

    /** The Injective chain, or null when the dialect is off. */
    public InjectiveChain injective() {
        return injective;
    }

    public RateLimits rateLimits() {
        return rateLimits;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** Wall-clock millis of the last successful clock step, 0 before the first. */
    public long lastAdvanceMs() {
        return lastAdvanceMs;
    }
}
