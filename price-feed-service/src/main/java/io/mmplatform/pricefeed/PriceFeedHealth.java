package io.mmplatform.pricefeed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Instant;
import java.util.Map;

/**
 * Ready when the Hermes stream is connected and a price arrived within price-feed.hermes.staleness. The data shows
 * each instrument's data quality (OK, DIVERGED, STALE) for humans; a DIVERGED or STALE instrument does not make the
 * service unready (it is a market condition, announced on md.quality, not a fault a restart fixes).
 */
@Readiness
@ApplicationScoped
public class PriceFeedHealth implements HealthCheck {
    @Inject
    PriceFeedService service;
    @Inject
    PriceFeedConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("hermes-stream");
        if (!config.hermes().enabled()) {
            return builder.up().withData("enabled", false).build();
        }
        Instant now = Instant.now();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long limitMs = config.hermes().staleness().toMillis();
        boolean fresh = false;
        for (Map.Entry<String, Long> e : service.lastPriceNanos().entrySet()) {
            long ageMs = (nowNanos - e.getValue()) / 1_000_000L;
            builder.withData("ageMs." + e.getKey(), ageMs);
            fresh |= ageMs <= limitMs;
        }
        service.qualityStates().forEach((instrument, state) -> builder.withData("quality." + instrument, state.name()));
        service.sourcesUp().forEach((source, up) -> builder.withData("source." + source + ".up", up));
        boolean connected = service.hermesConnected();
        builder.withData("connected", connected).withData("stalenessLimitMs", limitMs);
        return builder.status(connected && fresh).build();
    }
}
