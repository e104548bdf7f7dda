package io.mmplatform.quoting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.PositionUpdate;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.VenueBook;
import io.mmplatform.quoting.adapters.FileBotStore;
import io.mmplatform.quoting.adapters.IntentPublisher;
import io.mmplatform.quoting.domain.BotDefinition;
import io.mmplatform.quoting.domain.BotFactory;
import io.mmplatform.quoting.domain.BotRegistry;
import io.mmplatform.quoting.domain.InvalidDefinitionException;
import io.mmplatform.quoting.domain.QuotingEngine;
import io.mmplatform.quoting.domain.Strategies;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wiring: Kafka in (md.reference through adapters.ReferenceConsumer, md.quality, md.venue-book, portfolio.positions, exec.fills, risk.kill), the engine and the
 * bot registry, quote.intents out.
 */
@ApplicationScoped
public class QuotingService {
    private static final Logger LOG = Logger.getLogger(QuotingService.class);

    @Inject
    QuotingConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    Strategies strategies;
    @Inject
    IntentPublisher intents;

    // per-record meter lookups on the hot path build tag lists and hash them: cached by name instead
    private final Map<String, Counter> referenceCounters = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter[]>> intentCounters = new ConcurrentHashMap<>();
    private volatile QuotingEngine engine;
    private volatile BotRegistry bots;
    private volatile boolean started;
    private long lastSaveMs;

    void onStart(@Observes StartupEvent event) {
        bots();
        started = true;
    }

    void onStop(@Observes ShutdownEvent event) {
        if (bots != null) {
            bots.persist();
        }
    }

    QuotingEngine engine() {
        bots();
        return engine;
    }

    /** Builds the engine and the registry; a bad setting or bot definition fails start-up naming it. */
    synchronized BotRegistry bots() {
        if (bots == null) {
            QuotingEngine.Settings settings;
            BotFactory factory;
            try {
                settings = new QuotingEngine.Settings(config.venue(), config.heartbeat().toMillis(),
                        config.maxReferenceAge().toMillis());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("invalid quoting.venue / quoting.heartbeat / quoting.max-reference-age: "
                        + e.getMessage(), e);
            }
            try {
                factory = new BotFactory(strategies, config.szDecimals());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("invalid quoting.sz-decimals.*: " + e.getMessage(), e);
            }
            QuotingEngine built = new QuotingEngine(settings, factory, System.currentTimeMillis() * 1000L);
            List<BotDefinition> fileBots = new ArrayList<>();
            if (config.botsDir().isPresent()) {
                Path dir = Path.of(config.botsDir().get());
                try {
                    for (Path file : listJson(dir)) {
                        BotDefinition d = FileBotStore.readFile(file);
                        try {
                            built.validate(d);
                        } catch (InvalidDefinitionException e) {
                            throw new IllegalStateException("bot file " + file + ": field " + e.field() + ": "
                                    + e.getMessage(), e);
                        }
                        fileBots.add(d);
                    }
                } catch (InvalidDefinitionException e) {
                    throw new IllegalStateException("quoting.bots-dir: field " + e.field() + ": " + e.getMessage(), e);
                } catch (IllegalStateException e) {
                    throw e.getMessage().startsWith("bot file") ? e
                            : new IllegalStateException("quoting.bots-dir: " + e.getMessage(), e);
                }
            }
            FileBotStore store;
            try {
                store = new FileBotStore(Path.of(config.stateDir()));
            } catch (RuntimeException e) {
                throw new IllegalStateException("quoting.state-dir: " + e.getMessage(), e);
            }
            List<QuoteIntent> out = new ArrayList<>();
            BotRegistry registryOfBots;
            try {
                registryOfBots = new BotRegistry(built, store, fileBots, System.currentTimeMillis(), out);
            } catch (InvalidDefinitionException e) {
                throw new IllegalStateException("bot definitions (quoting.bots-dir " + config.botsDir().orElse("unset")
                        + ", quoting.state-dir " + config.stateDir() + "): field " + e.field() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("bot definitions (quoting.bots-dir " + config.botsDir().orElse("unset")
                        + ", quoting.state-dir " + config.stateDir() + "): " + e.getMessage(), e);
            }
            engine = built;
            bots = registryOfBots;
            LOG.infof("quoting-service: default venue %s, strategies %s, heartbeat %s, max reference age %s, "
                            + "bots dir %s, state dir %s", config.venue(), strategies.types(), config.heartbeat(),
                    config.maxReferenceAge(), config.botsDir().orElse("(none)"), config.stateDir());
            for (BotRegistry.Status s : registryOfBots.list()) {
                BotDefinition d = s.definition();
                LOG.infof("bot %s (%s): %s, wallet %s, venue %s, markets %s, params %s, overrides %s, %s", d.id(),
                        s.origin(), d.strategy(), d.wallet(), s.venue(), d.markets(), d.params(), d.overrides(),
                        !d.enabled() ? "disabled" : s.running() ? "running" : "stopped");
            }
            publish(out);
        }
        return bots;
    }

    private static List<Path> listJson(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalStateException("quoting.bots-dir " + dir + " is not a directory");
        }
        List<Path> files = new ArrayList<>();
        try (var stream = java.nio.file.Files.newDirectoryStream(dir, "*.json")) {
            stream.forEach(files::add);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("quoting.bots-dir " + dir + " cannot be listed: " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }

    /** From md.reference's poll thread ({@link io.mmplatform.quoting.adapters.ReferenceConsumer}). */
    public void onReference(ReferencePrice reference) {
        publish(engine().onReference(reference, System.currentTimeMillis()));
        referenceCounters.computeIfAbsent(reference.instrument(),
                i -> registry.counter("quoting.references", "instrument", i)).increment();
    }

    @Incoming("md-venue-book")
    @NonBlocking
    public void onVenueBook(String value) {
        VenueBook book = Codecs.VENUE_BOOK.decode(value);
        publish(engine().onVenueBook(book, System.currentTimeMillis()));
        registry.counter("quoting.venue.books", "market", book.market()).increment();
    }

    @Incoming("portfolio-positions")
    public void onPosition(String value) {
        if (value == null) {
            return; // a compaction tombstone: nothing to learn
        }
        PositionUpdate position = Codecs.POSITION.decode(value);
        publish(engine().onPosition(position, System.currentTimeMillis()));
    }

    @Incoming("exec-fills")
    public void onFill(String value) {
        Fill fill = Codecs.FILL.decode(value);
        publish(engine().onFill(fill, System.currentTimeMillis()));
        registry.counter("quoting.fills", "wallet", fill.walletId(), "market", fill.market()).increment();
    }

    /** md.quality: a DIVERGED / STALE instrument has no reference until OK (QuotingEngine#onQuality). */
    @Incoming("md-quality")
    public void onQuality(String value) {
        if (value == null) {
            return; // compaction tombstone
        }
        DataQuality quality = Codecs.DATA_QUALITY.decode(value);
        if (quality.ok()) {
            LOG.infof("data quality %s OK: %s", quality.instrument(), quality.reason());
        } else {
            LOG.warnf("data quality %s %s, pulling its quotes: %s", quality.instrument(), quality.state(), quality.reason());
        }
        registry.counter("quoting.quality.events", "state", quality.state().name()).increment();
        publish(engine().onQuality(quality, System.currentTimeMillis()));
    }

    @Incoming("risk-kill")
    public void onKill(String value) {
        if (value == null) {
            return;
        }
        KillSwitch kill = Codecs.KILL_SWITCH.decode(value);
        LOG.infof("kill switch %s %s by %s: %s", kill.scope(), kill.state(), kill.actor(), kill.reason());
        registry.counter("quoting.kill.events", "state", kill.state().name()).increment();
        publish(engine().onKill(kill, System.currentTimeMillis()));
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (!started) {
            return;
        }
        long now = System.currentTimeMillis();
        publish(engine.onTick(now));
        if (now - lastSaveMs >= config.saveEvery().toMillis()) {
            lastSaveMs = now;
            try {
                bots.persist();
            } catch (RuntimeException e) {
                LOG.warnf("could not save the bots' state: %s", e.getMessage());
            }
        }
    }

    /** quoting_intents_total{wallet,market,kind}: kind empty (quotes pulled) or quotes. */
    private Counter intentCounter(String wallet, String market, boolean empty) {
        Counter[] pair = intentCounters.computeIfAbsent(wallet, w -> new ConcurrentHashMap<>())
                .computeIfAbsent(market, m -> new Counter[]{
                        registry.counter("quoting.intents", "wallet", wallet, "market", m, "kind", "quotes"),
                        registry.counter("quoting.intents", "wallet", wallet, "market", m, "kind", "empty")});
        return pair[empty ? 1 : 0];
    }

    void publish(List<QuoteIntent> list) {
        for (QuoteIntent intent : list) {
            if (!intents.publish(intent)) {
                continue; // counted and reported by the publisher; the next intent (level-triggered) supersedes it
            }
            intentCounter(intent.walletId(), intent.market(), intent.orders().isEmpty()).increment();
        }
    }

}
