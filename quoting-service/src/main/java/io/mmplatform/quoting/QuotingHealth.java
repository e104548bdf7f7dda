package io.mmplatform.quoting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the bots are built from a valid configuration; reports the engaged kill scopes. */
@Readiness
@ApplicationScoped
public class QuotingHealth implements HealthCheck {
    @Inject
    QuotingService service;

    @Override
    public HealthCheckResponse call() {
        try {
            var engine = service.engine();
            return HealthCheckResponse.named("quoting").up()
                    .withData("bots", service.bots().list().size())
                    .withData("running", engine.runningBots().size())
                    .withData("killScopesEngaged", String.join(",", engine.engagedScopes()))
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("quoting").down().withData("error", e.getMessage()).build();
        }
    }
}
