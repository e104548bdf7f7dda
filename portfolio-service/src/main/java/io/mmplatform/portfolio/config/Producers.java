package io.mmplatform.portfolio.config;

import io.mmplatform.portfolio.domain.PositionBook;
import io.mmplatform.portfolio.domain.PositionKey;
import io.mmplatform.portfolio.domain.PublishThrottle;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the plain-Java domain objects into CDI. */
public class Producers {

    @Produces
    @Singleton
    PositionBook positionBook() {
        return new PositionBook();
    }

    @Produces
    @Singleton
    PublishThrottle<PositionKey> markThrottle(PortfolioConfig config) {
        config.validate();
        return new PublishThrottle<>(config.markPublishInterval().toMillis());
    }
}
