package io.mmplatform.risk.adapters;

import io.micrometer.core.instrument.MeterRegistry;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.kafka.PollLoopConsumer;
import io.mmplatform.common.messages.QuoteIntent;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.risk.RiskService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * md.reference and quote.intents in, each on a poll thread of its own (ADR 0015): the two topics carry a record per
 * market per tick, and risk reads them beside the trading path on the same machines, so each record costs a decode
 * and the monitor's check, not a framework's per-message work as well. Every instance reads everything from the start
 * (a group of its own); records that do not decode go to &lt;topic&gt;.dlq.
 */
@Readiness
@ApplicationScoped
public class HighRateInputs implements HealthCheck {
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    RiskService service;
    @Inject
    MeterRegistry registry;

    private volatile PollLoopConsumer<ReferencePrice> references;
    private volatile PollLoopConsumer<QuoteIntent> intents;

    void onStart(@Observes StartupEvent event) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "risk-service-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        references = new PollLoopConsumer<>(settings, "risk-md-reference", Topics.MD_REFERENCE,
                Codecs.REFERENCE_PRICE, (reference, record) -> service.onReference(reference),
                PollLoopConsumer.Assignment.NONE).start(registry);
        intents = new PollLoopConsumer<>(settings, "risk-quote-intents", Topics.QUOTE_INTENTS, Codecs.QUOTE_INTENT,
                (intent, record) -> service.onIntent(intent), PollLoopConsumer.Assignment.NONE).start(registry);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (references != null) {
            references.close();
        }
        if (intents != null) {
            intents.close();
        }
    }

    /** Ready while both loops run and their last polls succeeded. */
    @Override
    public HealthCheckResponse call() {
        PollLoopConsumer<ReferencePrice> r = references;
        PollLoopConsumer<QuoteIntent> i = intents;
        if (r == null || i == null) {
            return HealthCheckResponse.named("kafka md.reference, quote.intents").down()
                    .withData("state", "not started").build();
        }
        PollLoopConsumer.Status rs = r.status();
        PollLoopConsumer.Status is = i.status();
        return HealthCheckResponse.named("kafka md.reference, quote.intents").status(rs.healthy() && is.healthy())
                .withData(Topics.MD_REFERENCE, rs.describe()).withData(Topics.QUOTE_INTENTS, is.describe()).build();
    }
}
