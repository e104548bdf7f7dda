package io.mmplatform.portfolio.adapters.kafka;

import io.mmplatform.portfolio.config.PortfolioConfig;
import io.mmplatform.portfolio.domain.PositionKey;
import io.mmplatform.portfolio.domain.PublishThrottle;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Publishes the mark updates the throttle held back, once their interval has passed. */
@ApplicationScoped
public class MarkFlusher {
    @Inject
    Vertx vertx;

    @Inject
    PublishThrottle<PositionKey> throttle;

    @Inject
    PositionPublisher publisher;

    @Inject
    PortfolioConfig config;

    private long timerId = -1;

    void start(@Observes StartupEvent event) {
        long period = Math.max(50, config.markPublishInterval().toMillis() / 4);
        timerId = vertx.setPeriodic(period, id -> {
            for (PositionKey key : throttle.due(System.currentTimeMillis())) {
                publisher.publishOnMark(key);
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }
}
