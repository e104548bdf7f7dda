package io.mmplatform.execution.app;

import io.mmplatform.common.codec.Codecs;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The two consumers. A record that does not decode throws, and SmallRye sends it to {@code <topic>.dlq} with the
 * reason (failure-strategy=dead-letter-queue); the consumer goes on.
 */
@ApplicationScoped
public class KafkaInbound {
    @Inject
    ExecutionService service;

    @Inject
    ExecutionMetrics metrics;

    @Incoming("quote-intents")
    @NonBlocking // decodes and queues to the wallet's worker: no hand-off to a worker thread first
    public void intent(ConsumerRecord<String, String> record) {
        service.onIntent(Codecs.QUOTE_INTENT.decode(record.value()));
        metrics.intentTransit(record.timestamp());
    }

    @Incoming("risk-kill")
    public void kill(String value) {
        service.onKill(Codecs.KILL_SWITCH.decode(value));
    }
}
