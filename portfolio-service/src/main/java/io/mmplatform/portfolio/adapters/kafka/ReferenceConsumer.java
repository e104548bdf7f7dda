package io.mmplatform.portfolio.adapters.kafka;

import io.mmplatform.common.codec.Codecs;
import io.mmplatform.common.codec.DecodeException;
import io.mmplatform.common.messages.ReferencePrice;
import io.mmplatform.portfolio.adapters.PortfolioMetrics;
import io.mmplatform.portfolio.domain.Position;
import io.mmplatform.portfolio.domain.PositionBook;
import io.mmplatform.portfolio.domain.PositionKey;
import io.mmplatform.portfolio.domain.PublishThrottle;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * md.reference -> marks. Each reference price becomes its instrument's mark, the mark of every market priced from it
 * ({@code INJ} marks INJ, INJ/USDT and INJ/USDT-PERP: {@link io.mmplatform.common.Instruments#referenceOf}); the
 * positions in those markets are republished with their new unrealized PnL, at most once per
 * portfolio.mark-publish-interval per position. A mark that arrives inside the interval is published when the
 * interval ends ({@link MarkFlusher}), so the last mark is never lost. Flat positions are not republished: their
 * unrealized PnL is 0 at any mark.
 */
@ApplicationScoped
public class ReferenceConsumer {
    private static final Logger LOG = Logger.getLogger(ReferenceConsumer.class);

    @Inject
    PositionBook book;

    @Inject
    PublishThrottle<PositionKey> throttle;

    @Inject
    PositionPublisher publisher;

    @Inject
    PortfolioMetrics metrics;

    @Incoming("md-reference")
    public Uni<Void> onReference(String value) {
        ReferencePrice reference;
        try {
            reference = Codecs.REFERENCE_PRICE.decode(value);
        } catch (DecodeException e) {
            metrics.marksRejected.increment();
            LOG.warnf("md.reference record rejected to md.reference.dlq: %s", e.getMessage());
            return Uni.createFrom().failure(e);
        }
        metrics.marksReceived.increment();
        long now = System.currentTimeMillis();
        for (Position position : book.mark(reference.instrument(), reference.price())) {
            // a flat position's unrealized PnL is 0 whatever the mark: nothing to tell
            if (!position.isFlat() && throttle.offer(position.key(), now)) {
                publisher.publishOnMark(position.key());
            }
        }
        return Uni.createFrom().voidItem();
    }
}
