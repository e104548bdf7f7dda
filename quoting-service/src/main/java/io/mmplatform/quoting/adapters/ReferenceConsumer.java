package io.mmplatform.quoting.adapters;

import io.micrometer.core.instrument.MeterRegistry;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.kafka.PollLoopConsumer;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.quoting.QuotingConfig;
import io.mmplatform.quoting.QuotingService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * md.reference in, on a poll thread of its own that runs the engine (ADR 0015): group quoting.md-reference.group-id,
 * starting at quoting.md-reference.auto-offset-reset; undecodable records go to md.reference.dlq.
 */
@Readiness
@ApplicationScoped
public class ReferenceConsumer implements HealthCheck {
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    QuotingConfig config;
    @Inject
    QuotingService service;
    @Inject
    MeterRegistry registry;

    private volatile PollLoopConsumer<ReferencePrice> loop;

    void onStart(@Observes StartupEvent event) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, config.mdReference().groupId());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, PollLoopConsumer.offsetReset(
                config.mdReference().autoOffsetReset(), "quoting.md-reference.auto-offset-reset"));
        loop = new PollLoopConsumer<>(settings, "quoting-md-reference", Topics.MD_REFERENCE, Codecs.REFERENCE_PRICE,
                (reference, record) -> service.onReference(reference), PollLoopConsumer.Assignment.NONE)
                .start(registry);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    /** Ready while the loop runs and its last poll succeeded. */
    @Override
    public HealthCheckResponse call() {
        PollLoopConsumer<ReferencePrice> l = loop;
        if (l == null) {
            return HealthCheckResponse.named("kafka md.reference").down().withData("state", "not started").build();
        }
        PollLoopConsumer.Status s = l.status();
        return HealthCheckResponse.named("kafka md.reference").status(s.healthy()).withData("state", s.describe()).build();
    }
}
