package io.mmplatform.portfolio.adapters.kafka;

import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.messages.PositionUpdate;
import io.mmplatform.portfolio.adapters.PortfolioMetrics;
import io.mmplatform.portfolio.domain.Position;
import io.mmplatform.portfolio.domain.PositionBook;
import io.mmplatform.portfolio.domain.PositionKey;
import io.mmplatform.portfolio.domain.PublishThrottle;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes positions on portfolio.positions (compacted, key walletId/market).
 *
 * <p>Fills and marks both publish here. Every publication reads the position and the mark from the book at the
 * moment it is handed to the producer, under one lock, so the order of records for a key is the order of the
 * states: a mark-driven record can never carry an older position after a fill-driven one (the producer keeps the
 * order of sends per partition).
 */
@ApplicationScoped
public class PositionPublisher {
    private static final Logger LOG = Logger.getLogger(PositionPublisher.class);

    @Inject
    @Channel("portfolio-positions")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) // bounded in practice: one record per fill, marks throttled
    Emitter<String> emitter;

    @Inject
    PositionBook book;

    @Inject
    PublishThrottle<PositionKey> throttle;

    @Inject
    PortfolioMetrics metrics;

    /** Publishes the book's position after a fill; completes when the broker has it. */
    public Uni<Void> publishAfterFill(PositionKey key) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        synchronized (this) {
            Optional<Position> position = book.get(key);
            if (position.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            send(position.get(), acked);
            throttle.published(key, System.currentTimeMillis());
        }
        metrics.publishedOnFill.increment();
        return Uni.createFrom().completionStage(acked);
    }

    /** Publishes positions whose unrealized PnL moved with a mark; fire and forget (the next mark repairs a loss). */
    public void publishOnMark(PositionKey key) {
        synchronized (this) {
            Optional<Position> position = book.get(key);
            if (position.isEmpty()) {
                return;
            }
            send(position.get(), null);
        }
        metrics.publishedOnMark.increment();
    }

    private void send(Position p, CompletableFuture<Void> acked) {
        BigDecimal mark = book.markOf(p.market()).orElse(null);
        PositionUpdate update = new PositionUpdate(p.walletId(), p.address(), p.venue(), p.market(), p.size(),
                p.avgEntry(), p.realizedPnl(), p.unrealizedPnl(mark), p.fees(), mark, p.fillCount(),
                System.currentTimeMillis());
        Message<String> message = KafkaRecord.of(update.key(), Codecs.POSITION.encode(update))
                .withAck(() -> {
                    if (acked != null) {
                        acked.complete(null);
                    }
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    metrics.publishFailures.increment();
                    LOG.warnf("portfolio.positions record for %s not accepted: %s", update.key(), failure.getMessage());
                    if (acked != null) {
                        acked.completeExceptionally(failure);
                    }
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
    }
}
