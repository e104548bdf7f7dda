package io.mmplatform.execution.app;

import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.common.messages.KillSwitch;
import io.mmplatform.common.messages.OrderEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Publishes exec.orders and exec.fills, keyed by walletId (linger.ms=0, see application.properties). A fill reports
 * the broker's acknowledgement so the caller can publish it again if it was not taken.
 */
@ApplicationScoped
public class EventPublisher implements ExecutionEvents {
    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    @Inject
    @Channel("exec-orders")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20000)
    Emitter<String> orders;

    @Inject
    @Channel("exec-fills")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20000)
    Emitter<String> fills;

    @Inject
    @Channel("risk-kill-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1000)
    Emitter<String> kills;

    @Override
    public void kill(KillSwitch record) {
        send(kills, "risk.kill", record.key(), Codecs.KILL_SWITCH.encode(record));
    }

    @Override
    public void order(OrderEvent event) {
        send(orders, "exec.orders", event.key(), Codecs.ORDER_EVENT.encode(event));
    }

    @Override
    public CompletionStage<Void> fill(Fill fill) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            fills.send(KafkaRecord.of(fill.key(), Codecs.FILL.encode(fill))
                    .withAck(() -> {
                        acked.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        LOG.errorf("could not publish to exec.fills (key %s, fill %s): %s", fill.key(), fill.fillId(),
                                failure.toString());
                        acked.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            LOG.errorf("could not publish to exec.fills (key %s, fill %s): %s", fill.key(), fill.fillId(), e.toString());
            acked.completeExceptionally(e);
        }
        return acked;
    }

    private static void send(Emitter<String> emitter, String topic, String key, String value) {
        try {
            emitter.send(KafkaRecord.of(key, value).withNack(failure -> {
                LOG.errorf("could not publish to %s (key %s): %s; record: %s", topic, key, failure.toString(), value);
                return CompletableFuture.completedFuture(null);
            }));
        } catch (RuntimeException e) {
            LOG.errorf("could not publish to %s (key %s): %s; record: %s", topic, key, e.toString(), value);
        }
    }
}
