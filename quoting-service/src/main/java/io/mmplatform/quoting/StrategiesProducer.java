package io.mmplatform.quoting;

import io.mmplatform.quoting.domain.Strategies;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The strategy types bots may use; a test (or another build) may provide its own {@link Strategies} bean. */
public class StrategiesProducer {
    @Produces
    @Singleton
    @DefaultBean
    Strategies strategies() {
        return Strategies.standard();
    }
}
