package io.mmplatform.portfolio.adapters.kafka;

import io.micrometer.core.instrument.Timer;
import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.codec.DecodeException;
import io.mmplatform.common.messages.Fill;
import io.mmplatform.portfolio.adapters.PortfolioMetrics;
import io.mmplatform.portfolio.adapters.db.PortfolioStore;
import io.mmplatform.portfolio.config.PortfolioConfig;
import io.mmplatform.portfolio.domain.PositionBook;
import io.mmplatform.portfolio.domain.PositionKey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * exec.fills -> PostgreSQL -> portfolio.positions.
 *
 * <p>The method returns a Uni, so Reactive Messaging hands it the next record only when the previous one is done:
 * fills are applied one at a time, and two fills of one position never race. A record that does not decode fails
 * the Uni with a {@link DecodeException}, which sends it to exec.fills.dlq with the reason. A fill that cannot be
 * applied (database down) is retried with back-off, never skipped. A redelivered fill (same fill id) changes
 * nothing; its position is published again, which is harmless on a compacted topic.
 */
@ApplicationScoped
public class FillConsumer {
    private static final Logger LOG = Logger.getLogger(FillConsumer.class);

    @Inject
    PortfolioStore store;

    @Inject
    PositionBook book;

    @Inject
    PositionPublisher publisher;

    @Inject
    PortfolioMetrics metrics;

    @Inject
    PortfolioConfig config;

    @Incoming("exec-fills")
    public Uni<Void> onFill(String value) {
        Fill fill;
        try {
            fill = Codecs.FILL.decode(value);
        } catch (DecodeException e) {
            metrics.fillsRejected.increment();
            LOG.warnf("exec.fills record rejected to exec.fills.dlq: %s", e.getMessage());
            return Uni.createFrom().failure(e);
        }
        Timer.Sample sample = Timer.start();
        PositionKey key = new PositionKey(fill.walletId(), fill.market());
        return retrying(Uni.createFrom().deferred(() -> store.apply(fill, System.currentTimeMillis())),
                "apply fill " + fill.fillId())
                .chain(outcome -> {
                    if (outcome.applied()) {
                        metrics.fillsApplied.increment();
                        book.put(outcome.position());
                        LOG.debugf("fill %s applied: %s %s %s @ %s -> size %s avg %s", fill.fillId(), key, fill.side(),
                                fill.size(), fill.price(), outcome.position().size(), outcome.position().avgEntry());
                    } else {
                        metrics.fillsDuplicate.increment();
                        LOG.infof("fill %s already applied, skipped (redelivery)", fill.fillId());
                        if (outcome.position() != null) {
                            book.putLatest(outcome.position());
                        }
                    }
                    return retrying(Uni.createFrom().deferred(() -> publisher.publishAfterFill(key)),
                            "publish position " + key);
                })
                .invoke(() -> sample.stop(metrics.fillApply));
    }

    private <T> Uni<T> retrying(Uni<T> work, String what) {
        return work
                .onFailure().invoke(e -> {
                    metrics.applyRetries.increment();
                    LOG.warnf("could not %s, retrying with back-off: %s", what, e.toString());
                })
                .onFailure().retry()
                .withBackOff(config.applyRetry().initialBackoff(), config.applyRetry().maxBackoff())
                .indefinitely();
    }
}
