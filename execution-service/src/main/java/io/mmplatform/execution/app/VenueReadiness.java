package io.mmplatform.execution.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the wallets are loaded, the kill state read, the venue's metadata loaded and every wallet taken over. */
@Readiness
@ApplicationScoped
public class VenueReadiness implements HealthCheck {
    @Inject
    ExecutionService service;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("execution-venue")
                .status(service.ready())
                .withData("wallets", service.walletCount());
        if (service.rules() != null) {
            b.withData("markets", service.rules().markets().size());
        }
        if (service.startProblem() != null) {
            b.withData("waiting", service.startProblem());
        }
        return b.build();
    }
}
