package io.mmplatform.execution.app;

import io.mmplatform.common.codec.Codecs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * risk.kill in (quote.intents come in through {@link IntentConsumer}). A record that does not decode throws, and
 * SmallRye sends it to {@code risk.kill.dlq} with the reason (failure-strategy=dead-letter-queue); the consumer goes on.
 */
@ApplicationScoped
public class KafkaInbound {
    @Inject
    ExecutionService service;

    @Incoming("risk-kill")
    public void kill(String value) {
        service.onKill(Codecs.KILL_SWITCH.decode(value));
    }
}
