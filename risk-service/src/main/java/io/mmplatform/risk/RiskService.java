package io.mmplatform.risk;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mmplatform.common.Decimals;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.DataQuality;
import io.mmplatform.common.messages.KillState;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.PositionUpdate;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.risk.domain.RiskLimits;
import io.mmplatform.risk.domain.RiskMonitor;
import io.mmplatform.risk.domain.RiskSettings;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Wiring: md.quality, portfolio.positions and risk.kill in; md.reference and quote.intents in through
 * {@link io.mmplatform.risk.adapters.HighRateInputs}; risk.kill out.
 */
@ApplicationScoped
public class RiskService {
    private static final Logger LOG = Logger.getLogger(RiskService.class);

    @Inject
    RiskConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    @Channel("risk-kill-out")
    Emitter<String> killOut;

    private volatile RiskMonitor monitor;
    /** Per-record counters, looked up once: the two high-rate inputs count every record. */
    private final Map<String, Counter> referencesCounted = new ConcurrentHashMap<>();
    private volatile Counter intentsChecked;

    void onStart(@Observes StartupEvent event) {
        monitor();
    }

    synchronized RiskMonitor monitor() {
        if (monitor == null) {
            RiskSettings settings;
            try {
                settings = new RiskSettings(config.maxDeviationBps(), config.maxPassiveDeviationBps(), config.maxPosition(), config.defaultMaxPosition(),
                        config.referenceStaleAfter().toMillis());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("invalid risk configuration: risk." + e.getMessage(), e);
            }
            monitor = new RiskMonitor(new RiskLimits(settings), System.currentTimeMillis());
            LOG.infof("risk-service: max deviation %s bps, max position %s%s, reference stale after %s",
                    Decimals.plain(settings.maxDeviationBps()),
                    settings.maxPosition().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                            .map(e -> e.getKey() + "=" + Decimals.plain(e.getValue())).collect(Collectors.joining(", ", "{", "}")),
                    settings.defaultMaxPosition().map(l -> ", other markets " + Decimals.plain(l)).orElse(", other markets unlimited"),
                    config.referenceStaleAfter());
        }
        return monitor;
    }

    /** md.reference, from its poll thread ({@link io.mmplatform.risk.adapters.HighRateInputs}). */
    public void onReference(ReferencePrice reference) {
        monitor().onReference(reference);
        referencesCounted.computeIfAbsent(reference.instrument(),
                i -> registry.counter("risk.references", "instrument", i)).increment();
    }

    /** quote.intents, from its poll thread ({@link io.mmplatform.risk.adapters.HighRateInputs}). */
    public void onIntent(QuoteIntent intent) {
        publishBreaches(monitor().onIntent(intent, System.currentTimeMillis()));
        intentsChecked().increment();
    }

    private Counter intentsChecked() {
        Counter c = intentsChecked;
        if (c == null) {
            c = registry.counter("risk.intents.checked");
            intentsChecked = c;
        }
        return c;
    }

    @Incoming("portfolio-positions")
    public void onPosition(String value) {
        if (value == null) {
            return; // compaction tombstone
        }
        PositionUpdate position = Codecs.POSITION.decode(value);
        registry.counter("risk.positions.checked").increment();
        publishBreaches(monitor().onPosition(position, System.currentTimeMillis()));
    }

    /** md.quality: DIVERGED / STALE engage market:&lt;instrument&gt;, OK releases what this engaged (RiskMonitor). */
    @Incoming("md-quality")
    public void onQuality(String value) {
        if (value == null) {
            return; // compaction tombstone
        }
        DataQuality event = Codecs.DATA_QUALITY.decode(value);
        registry.counter("risk.quality.events", "state", event.state().name()).increment();
        publishBreaches(monitor().onQuality(event, System.currentTimeMillis()));
    }

    @Incoming("risk-kill")
    public void onKill(String value) {
        if (value == null) {
            return;
        }
        KillSwitch kill = Codecs.KILL_SWITCH.decode(value);
        monitor().onKill(kill);
        LOG.infof("kill state: %s %s by %s (%s)", kill.scope(), kill.state(), kill.actor(), kill.reason());
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        if (monitor != null) {
            publishBreaches(monitor.onTick(System.currentTimeMillis()));
        }
    }

    private void publishBreaches(List<KillSwitch> kills) {
        for (KillSwitch kill : kills) {
            if (kill.state() == KillState.RELEASED) {
                LOG.infof("releasing kill %s: %s", kill.scope(), kill.reason());
            } else {
                LOG.warnf("limit breached, engaging kill %s: %s", kill.scope(), kill.reason());
                String limit = kill.reason() == null ? "unknown" : kill.reason().split(":", 2)[0];
                registry.counter("risk.breaches", "limit", limit).increment();
            }
            try {
                publish(kill).exceptionally(e -> {
                    LOG.errorf("could not publish kill %s: %s", kill.scope(), e.getMessage());
                    monitor.publishFailed(kill);
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.errorf("could not publish kill %s: %s", kill.scope(), e.getMessage());
                monitor.publishFailed(kill);
            }
        }
    }

    /** The kill state of every scope seen on risk.kill (plus what this instance just engaged). */
    public List<KillSwitch> currentKills() {
        return monitor().kills();
    }

    /** Publishes a kill-switch record on risk.kill (key = scope); completes when the broker acknowledged it. */
    public CompletionStage<Void> publish(KillSwitch kill) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Message<String> message = Message.of(Codecs.KILL_SWITCH.encode(kill))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(kill.key()).build())
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    done.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                });
        killOut.send(message);
        registry.counter("risk.kills.published", "state", kill.state().name(),
                "actor", kill.actor().startsWith("operator") ? "operator" : kill.actor()).increment();
        return done;
    }
}
