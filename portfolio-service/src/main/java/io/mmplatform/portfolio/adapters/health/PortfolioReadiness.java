package io.mmplatform.portfolio.adapters.health;

import io.mmplatform.portfolio.adapters.PortfolioStartup;
import io.mmplatform.portfolio.adapters.db.PortfolioStore;
import io.mmplatform.portfolio.domain.PositionBook;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Ready when the stored positions are loaded and the positions table answers a query through Hibernate Reactive
 * (the path fills take). Kafka readiness comes from the messaging extension's own checks.
 */
@Readiness
@ApplicationScoped
public class PortfolioReadiness implements AsyncHealthCheck {
    private static final String NAME = "portfolio database";

    @Inject
    PortfolioStartup startup;

    @Inject
    PortfolioStore store;

    @Inject
    PositionBook book;

    @Override
    public Uni<HealthCheckResponse> call() {
        if (!startup.loaded()) {
            return Uni.createFrom().item(HealthCheckResponse.named(NAME).down().withData("reason", "positions not loaded yet").build());
        }
        return store.countPositions()
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .map(count -> HealthCheckResponse.named(NAME).up()
                        .withData("positions", count)
                        .withData("positionsInMemory", book.size())
                        .build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("reason", String.valueOf(e.getMessage())).build());
    }
}
