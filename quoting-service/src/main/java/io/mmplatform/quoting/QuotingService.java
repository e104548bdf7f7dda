package io.mmplatform.quoting;

import io.micrometer.core.instrument.MeterRegistry;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.PositionUpdate;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.common.messages.TimeInForce;
import io.mmplatform.quoting.domain.Bot;
import io.mmplatform.quoting.domain.LadderConfig;
import io.mmplatform.quoting.domain.QuotingEngine;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Wiring: Kafka in (md.reference, portfolio.positions, risk.kill), the engine, quote.intents out. */
@ApplicationScoped
public class QuotingService {
    private static final Logger LOG = Logger.getLogger(QuotingService.class);

    @Inject
    QuotingConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    @Channel("quote-intents")
    Emitter<String> intents;

    private volatile QuotingEngine engine;
    private volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        engine();
        started = true;
    }

    /** Builds the engine from the configuration; a bad value fails start-up naming its key. */
    synchronized QuotingEngine engine() {
        if (engine == null) {
            List<Bot> bots = bots(config);
            QuotingEngine.Settings settings;
            try {
                settings = new QuotingEngine.Settings(config.venue(), config.minMoveBps(),
                        config.heartbeat().toMillis(), config.maxReferenceAge().toMillis());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("invalid quoting.venue / quoting.min-move-bps / quoting.heartbeat / "
                        + "quoting.max-reference-age: " + e.getMessage(), e);
            }
            engine = new QuotingEngine(settings, bots, System.currentTimeMillis() * 1000L);
            LOG.infof("quoting-service: venue %s, %d bots, min move %s bps, heartbeat %s, max reference age %s",
                    config.venue(), bots.size(), config.minMoveBps().toPlainString(), config.heartbeat(),
                    config.maxReferenceAge());
            for (Bot bot : bots) {
                LadderConfig l = bot.ladder();
                LOG.infof("bot %s: wallet %s market %s spread %s bps, %d levels every %s bps, size %s, max position %s, "
                                + "skew %s bps, size skew %s, %s", bot.id(), bot.walletId(), bot.market(),
                        l.spreadBps().toPlainString(), l.levels(), l.levelSpacingBps().toPlainString(),
                        l.size().toPlainString(), l.maxPosition().toPlainString(), l.skewBps().toPlainString(),
                        l.sizeSkew().toPlainString(), l.tif());
            }
        }
        return engine;
    }

    static List<Bot> bots(QuotingConfig config) {
        List<Bot> bots = new ArrayList<>();
        for (Map.Entry<String, QuotingConfig.BotConfig> entry : config.bots().entrySet()) {
            String id = entry.getKey();
            QuotingConfig.BotConfig b = entry.getValue();
            String prefix = "quoting.bots.\"" + id + "\".";
            if (!b.enabled()) {
                continue;
            }
            Integer szDecimals = b.szDecimals().orElse(config.szDecimals().get(b.market()));
            if (szDecimals == null || szDecimals < 0 || szDecimals > 18) {
                throw new IllegalStateException("no valid size decimals for market " + b.market() + " of bot " + id
                        + ": set quoting.sz-decimals." + b.market() + " or " + prefix + "sz-decimals");
            }
            TimeInForce tif;
            try {
                tif = TimeInForce.valueOf(b.tif().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(prefix + "tif must be one of GTC, IOC, ALO, got '" + b.tif() + "'");
            }
            LadderConfig ladder;
            try {
                ladder = new LadderConfig(b.spreadBps(), b.levels(), b.levelSpacingBps(), b.size(), b.maxPosition(),
                        b.skewBps(), b.sizeSkew(), LadderConfig.lotOf(szDecimals), tif);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("invalid bot " + prefix + "*: " + e.getMessage(), e);
            }
            try {
                bots.add(new Bot(id, b.wallet(), b.market(), ladder));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("invalid bot " + prefix + "wallet/market: " + e.getMessage(), e);
            }
        }
        return bots;
    }

    @Incoming("md-reference")
    public void onReference(String value) {
        ReferencePrice reference = Codecs.REFERENCE_PRICE.decode(value);
        publish(engine().onReference(reference, System.currentTimeMillis()));
        registry.counter("quoting.references", "instrument", reference.instrument()).increment();
    }

    @Incoming("portfolio-positions")
    public void onPosition(String value) {
        if (value == null) {
            return; // a compaction tombstone: nothing to learn
        }
        PositionUpdate position = Codecs.POSITION.decode(value);
        publish(engine().onPosition(position, System.currentTimeMillis()));
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
        if (started) {
            publish(engine.onTick(System.currentTimeMillis()));
        }
    }

    private void publish(List<QuoteIntent> list) {
        for (QuoteIntent intent : list) {
            try {
                intents.send(KafkaRecord.of(intent.key(), Codecs.QUOTE_INTENT.encode(intent)));
            } catch (RuntimeException e) {
                // the producer is backed up or closing: the next intent (level-triggered) supersedes this one
                registry.counter("quoting.intents.failed", "market", intent.market()).increment();
                LOG.warnf("could not emit the intent of %s/%s seq %d: %s", intent.walletId(), intent.market(),
                        intent.seq(), e.getMessage());
                continue;
            }
            registry.counter("quoting.intents", "wallet", intent.walletId(), "market", intent.market(),
                    "kind", intent.orders().isEmpty() ? "empty" : "quotes").increment();
        }
    }
}
