package io.mmplatform.execution.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.mmplatform.common.Topics;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.kafka.PollLoopConsumer;
import io.mmplatform.common.messages.QuoteIntent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * quote.intents in, on a poll thread of its own that decodes and queues each intent to its wallet's worker (ADR 0015).
 * Instances share one group (execution.quote-intents.group-id) and so the wallets, by partition: the assignment tells
 * the service which wallets this instance owns, before any record of a new partition is handled. Cooperative
 * rebalancing revokes only what moves; a crashed instance's partitions move after the session timeout. Records that do
 * not decode go to quote.intents.dlq.
 */
@Readiness
@ApplicationScoped
public class IntentConsumer implements HealthCheck {
    static final int SESSION_TIMEOUT_MS = 10_000;
    static final int HEARTBEAT_INTERVAL_MS = 2_000;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;
    @Inject
    ExecutionConfig config;
    @Inject
    ExecutionService service;
    @Inject
    ExecutionMetrics metrics;
    @Inject
    MeterRegistry registry;

    private volatile PollLoopConsumer<QuoteIntent> loop;

    /** After the service's start-up, which resolves the instance id: the consumer is named after it in the group. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, config.quoteIntents().groupId());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, PollLoopConsumer.offsetReset(
                config.quoteIntents().autoOffsetReset(), "execution.quote-intents.auto-offset-reset"));
        settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
        loop = new PollLoopConsumer<>(settings, service.instanceId(), Topics.QUOTE_INTENTS, Codecs.QUOTE_INTENT,
                (intent, record) -> {
                    service.onIntent(intent);
                    metrics.intentTransit(record.timestamp());
                }, new PollLoopConsumer.Assignment() {
                    @Override
                    public void assigned(Collection<Integer> partitions, int partitionCount) {
                        service.onAssigned(partitions, partitionCount);
                    }

                    @Override
                    public void revoked(Collection<Integer> partitions) {
                        service.onRevoked(partitions);
                    }
                }).start(registry);
    }

    /**
     * After the service's own shutdown, which cancels the owned wallets' orders: closing the consumer revokes its
     * partitions, which the stopping service ignores.
     */
    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    /** Ready while the loop runs and its last poll succeeded. */
    @Override
    public HealthCheckResponse call() {
        PollLoopConsumer<QuoteIntent> l = loop;
        if (l == null) {
            return HealthCheckResponse.named("kafka quote.intents").down().withData("state", "not started").build();
        }
        PollLoopConsumer.Status s = l.status();
        return HealthCheckResponse.named("kafka quote.intents").status(s.healthy()).withData("state", s.describe()).build();
    }
}
