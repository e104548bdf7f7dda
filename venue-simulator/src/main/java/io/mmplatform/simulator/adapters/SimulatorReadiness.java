package io.mmplatform.simulator.adapters;

import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the engine exists and the clock has advanced the simulation recently. */
@Readiness
public class SimulatorReadiness implements HealthCheck {
    @Inject
    SimulatorRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        long last = runtime.lastAdvanceMs();
        long age = last == 0 ? -1 : System.currentTimeMillis() - last;
        long limit = Math.max(2_000, 20 * runtime.settings().clockPeriodMs());
        boolean up = last != 0 && age <= limit;
        return HealthCheckResponse.named("simulator")
                .status(up)
                .withData("markets", runtime.simulation().markets().size())
                .withData("clockAgeMs", age)
                .build();
    }
}
