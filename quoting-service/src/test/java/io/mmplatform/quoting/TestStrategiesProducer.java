package io.mmplatform.quoting;

import io.mmplatform.quoting.domain.ProbeStrategy;
import io.mmplatform.quoting.domain.Strategies;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** In the component test the bots use the test-only probe strategy (replaces the default Strategies bean). */
public class TestStrategiesProducer {
    @Produces
    @Singleton
    Strategies strategies() {
        return ProbeStrategy.strategies();
    }
}
